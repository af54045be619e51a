import Testing

@testable import DocketIngest

@Suite struct PageTextAssemblerTests {
    /// One box per character, laid out left to right on a line at `y`, starting at `x`.
    func line(_ text: String, x: Double, y: Double, width: Double = 5, height: Double = 10) -> [GlyphBox] {
        text.unicodeScalars.enumerated().map { index, _ in
            GlyphBox(x1: x + Double(index) * width, y1: y, x2: x + Double(index + 1) * width, y2: y + height)
        }
    }

    @Test func blocksOnTheSameLineFarApartAreSeparatedByASpace() {
        // "6.1.5.3" ends at x = 35, "the" starts at x = 60: poppler glues them.
        let boxes = line("6.1.5.3", x: 0, y: 100) + line("the", x: 60, y: 100)
        #expect(PageTextAssembler.assemble(text: "6.1.5.3the", boxes: boxes) == "6.1.5.3 the")
    }

    @Test func blocksOnDifferentLinesAreSeparatedByANewline() {
        let boxes = line("1", x: 0, y: 100) + line("Introduction", x: 0, y: 130)
        #expect(PageTextAssembler.assemble(text: "1Introduction", boxes: boxes) == "1\nIntroduction")
    }

    @Test func adjacentLettersOfOneWordStayTogether() {
        let text = "Möller wrote"
        #expect(PageTextAssembler.assemble(text: text, boxes: line(text, x: 0, y: 0)) == text)
    }

    @Test func aSuperscriptStaysOnItsLine() {
        var boxes = line("word", x: 0, y: 100)
        boxes.append(GlyphBox(x1: 20, y1: 97, x2: 23, y2: 103))  // a raised footnote mark
        #expect(PageTextAssembler.assemble(text: "word1", boxes: boxes) == "word1")
    }

    /// The page view's boxes follow the text extraction gives, one per scalar, none for a separator.
    @Test func theBoxesFollowTheAssembledText() {
        let boxes = line("1", x: 0, y: 100) + line("Introduction", x: 0, y: 130)
        let (text, placed) = PageTextAssembler.assembleWithBoxes(text: "1Introduction", boxes: boxes)
        #expect(text == PageTextAssembler.assemble(text: "1Introduction", boxes: boxes))
        #expect(placed.count == text.unicodeScalars.count && placed[1] == nil && placed[2] == boxes[1])
        #expect(
            PageTextAssembler.assembleWithBoxes(text: "abc", boxes: line("ab", x: 0, y: 0)).boxes == [nil, nil, nil])
    }

    @Test func mismatchedBoxesLeaveTheTextAsItIs() {
        #expect(PageTextAssembler.assemble(text: "abc", boxes: line("ab", x: 0, y: 0)) == "abc")
    }

    @Test func brokenCoordinatesDoNotTrap() {
        let boxes = [GlyphBox(x1: .nan, y1: 5, x2: 1, y2: .infinity), GlyphBox(x1: 9, y1: 3, x2: 2, y2: 1)]
        #expect(PageTextAssembler.assemble(text: "ab", boxes: boxes).count >= 2)
    }
}
