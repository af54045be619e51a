import Foundation
import Testing

@testable import DocketIngest

/// A worker's messages arrive in pipe-sized chunks; a page of a text file is one line of megabytes.
@Suite struct LineSplitterTests {
    @Test func linesAreWholeWhereverTheChunksCut() {
        let long = String(repeating: "clause text ", count: 20_000)  // 240 KB, one line
        let stream = Data("first\n\nsecond line\n\(long)\nlast\n".utf8)
        var splitter = LineSplitter()
        var lines: [String] = []
        for chunkSize in [5, 4096] {
            lines = []
            splitter = LineSplitter()
            var offset = 0
            while offset < stream.count {
                let end = min(stream.count, offset + chunkSize)
                splitter.append(stream.subdata(in: offset..<end)) { lines.append(String(decoding: $0, as: UTF8.self)) }
                offset = end
            }
            #expect(lines == ["first", "", "second line", long, "last"], "chunks of \(chunkSize) bytes")
        }
        // Each byte was searched once, not again with every chunk that lengthened its line
        // (a search from the line's start each time: about 7 MB for this stream in 4 KB chunks).
        #expect(splitter.bytesSearched == stream.count)
    }

    @Test func anUnfinishedLineWaitsForItsNewline() {
        var splitter = LineSplitter()
        var lines: [Data] = []
        splitter.append(Data("{\"partial\":".utf8)) { lines.append($0) }
        #expect(lines.isEmpty)
        splitter.append(Data("1}\n{\"next\"".utf8)) { lines.append($0) }
        #expect(lines == [Data("{\"partial\":1}".utf8)])
    }
}
