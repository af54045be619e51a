// See poppler_tuning.c. Nothing to call: the target only needs to be linked.
int docket_poppler_tuning_linked(void);
