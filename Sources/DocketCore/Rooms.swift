// The rooms DocketCore builds on, visible to whoever imports DocketCore (the CLI, the tests).
@_exported import DocketDecide
@_exported import DocketInfer
@_exported import DocketIngest
@_exported import DocketModel
@_exported import DocketRecords
@_exported import DocketSpec
