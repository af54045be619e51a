extension Duration {
    /// The duration in seconds, as metrics and timings record it.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
