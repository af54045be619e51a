import Testing

@testable import DocketIngest

/// A run's inputs held as one buffer of bytes: every path comes back as it went in, in order.
@Suite struct PathListTests {
    @Test func pathsComeBackAsTheyWentInInOrder() {
        let paths = [
            "/room/Vertrag Müller – Anlage 2.pdf", "", "/room/a", "/room/契約書.docx", "/room/a",
            "/room/" + String(repeating: "x", count: 300),
        ]
        let list = PathList(paths)
        #expect(list.count == paths.count && Array(list) == paths)
        #expect(list[3] == "/room/契約書.docx" && list[1].isEmpty)
        var grown = PathList()
        for path in paths.reversed() { grown.append(path) }
        #expect(Array(grown) == paths.reversed() && PathList().isEmpty)
        let literal: PathList = ["/x.pdf", "/y.pdf"]
        #expect(Array(literal) == ["/x.pdf", "/y.pdf"])
    }
}
