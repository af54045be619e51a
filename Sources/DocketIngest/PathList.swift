/// File paths held as one buffer of bytes and where each ends: a list of paths takes their bytes and 8 more
/// each, where an array of strings takes a heap object per path and 16 bytes more (about 2 MB less for 30,000
/// paths, by arithmetic; below the spread of `make bench-scale`'s peak RSS, so not seen there). A run holds its
/// inputs' paths from start to end.
public struct PathList: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    public init<Paths: Sequence<String>>(_ paths: Paths) {
        for path in paths { append(path) }
    }

    public init(arrayLiteral paths: String...) { self.init(paths) }

    public mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        ends.append(bytes.count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> String {
        let start = position == 0 ? 0 : ends[position - 1]
        return String(decoding: bytes[start..<ends[position]], as: UTF8.self)
    }
}
