// Poppler (seen in 22.12, Debian 12) builds a Gfx for every page it reads, and each Gfx calls
// Gfx::initDisplayProfile(), which parses the PDF's output-intent ICC profile again and creates
// new LittleCMS transforms from it. On PDFs that carry an output intent (most SEC filings, all
// PDF/A) that was 71% of the time of text extraction, measured with perf on the CUAD contracts.
//
// The output intent only tints how colours are rendered; it never changes text, and OCR renders
// in grey. Docket's executable therefore defines this symbol itself: the dynamic linker binds
// libpoppler's call (through its PLT) to this empty function, and poppler renders with its
// default sRGB handling. Exported with --export-dynamic-symbol in Package.swift. If a poppler
// version drops or renames the method, this function is simply never called.
void _ZN3Gfx18initDisplayProfileEv(void *gfx) { (void)gfx; }

int docket_poppler_tuning_linked(void) { return 1; }
