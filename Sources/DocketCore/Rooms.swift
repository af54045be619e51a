// The rooms DocketCore (the Run room: the one that wires the stages) builds on, visible to whoever
// imports DocketCore (the CLI, the tests).
@_exported import DocketAudit
@_exported import DocketDecide
@_exported import DocketInfer
@_exported import DocketIngest
@_exported import DocketModel
@_exported import DocketRecords
@_exported import DocketReport
@_exported import DocketSpec
@_exported import DocketStore
