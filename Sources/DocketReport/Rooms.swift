// The rooms the Report room builds on, visible to whoever imports it.
@_exported import DocketStore
