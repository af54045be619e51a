// The rooms the web workspace builds on, visible to whoever imports it.
@_exported import DocketCore
