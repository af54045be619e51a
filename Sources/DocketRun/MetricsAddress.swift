/// Where `--metrics` listens: "HOST:PORT", or a bare port on loopback (metrics say how busy a legal team's
/// machine is, so they stay on it unless an address is given).
public enum MetricsAddress {
    public struct Invalid: Error, CustomStringConvertible {
        public let description = "--metrics takes host:port or a port, for example 127.0.0.1:9464"
    }

    public static func parse(_ text: String) throws -> (host: String, port: Int) {
        let parts = text.lastIndex(of: ":").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) }
        let (host, portText) = parts ?? ("127.0.0.1", text)
        guard let port = Int(portText), (1...65535).contains(port), !host.isEmpty else { throw Invalid() }
        return (host, port)
    }
}
