import DocketModel

/// A document's pages joined into one UTF-8 text, pages separated by a form feed, with where each
/// page starts. Chunk offsets are UTF-8 byte offsets into this text.
public struct DocumentText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each page starts; `pageStarts[i]` is page i + 1.
    public let pageStarts: [Int]
    public let pageNumbers: [Int]

    public init(pages: [ExtractedPage]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for (index, page) in pages.enumerated() {
            if index > 0 { bytes.append(0x0C) }
            starts.append(bytes.count)
            bytes.append(contentsOf: page.text.utf8)
        }
        self.bytes = bytes
        self.pageStarts = starts
        self.pageNumbers = pages.map(\.number)
    }

    public init(text: String) {
        self.init(pages: [ExtractedPage(number: 1, text: text, source: .native)])
    }

    /// The page holding byte `offset`.
    public func page(at offset: Int) -> Int {
        var low = 0, high = pageStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if pageStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return pageNumbers.isEmpty ? 1 : pageNumbers[low]
    }

    /// Byte offset where the page numbered `number` starts, if the text has it.
    public func start(ofPage number: Int) -> Int? {
        pageNumbers.firstIndex(of: number).map { pageStarts[$0] }
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
