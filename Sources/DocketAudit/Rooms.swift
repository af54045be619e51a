// The rooms the Audit room builds on, visible to whoever imports it.
@_exported import DocketDecide
@_exported import DocketIngest
@_exported import DocketModel
@_exported import DocketRecords
@_exported import DocketSpec
