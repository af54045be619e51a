// The rooms the Store room builds on, visible to whoever imports it.
@_exported import DocketAudit
