import DocketIngest
import Foundation

/// Where passages are on a page image: the glyph boxes of their characters, joined into one
/// rectangle per line. Offsets are bytes of the document's text (pages joined by form feeds), as
/// chunks, findings and clause passages carry them; only a page whose text layer is the text the
/// run read can be highlighted (an OCRed page has no glyph boxes).
struct PageHighlights {
    struct Mark: Equatable {
        var kind: String
        var label: String
        var span: Range<Int>
    }

    struct Rect: Equatable {
        var x, y, width, height: Double
        var kind: String
        var label: String
    }

    let boxes: [[Double]?]
    /// The UTF-8 offset where each scalar of the page's text starts, and the text's length.
    let scalarStarts: [Int]
    /// Where the page starts in the document's text.
    let pageStart: Int

    /// Nil when the page's text layer is not the text the run read and there are no OCR words to place.
    init?(layout: PageImage.Layout, storedText: String, pageStart: Int) {
        if layout.text == storedText, layout.boxes.count == storedText.unicodeScalars.count {
            boxes = layout.boxes
        } else if let words = layout.words, !words.isEmpty {
            boxes = Self.place(words, in: storedText)
        } else {
            return nil
        }
        var starts: [Int] = []
        starts.reserveCapacity(boxes.count + 1)
        var offset = 0
        for scalar in storedText.unicodeScalars {
            starts.append(offset)
            offset += UTF8.width(scalar)
        }
        starts.append(offset)
        scalarStarts = starts
        self.pageStart = pageStart
    }

    /// Each word's box given to the characters of the stored text it matches, found in order (OCR
    /// read again gives the same words; a word not found nearby is skipped).
    static func place(_ words: [PageImage.Word], in text: String) -> [[Double]?] {
        let scalars = Array(text.unicodeScalars)
        var boxes = [[Double]?](repeating: nil, count: scalars.count)
        var cursor = 0
        for word in words {
            let needle = Array(word.text.unicodeScalars)
            guard !needle.isEmpty, word.box.count == 4 else { continue }
            let last = min(scalars.count - needle.count, cursor + 400)
            guard cursor <= last,
                let at = (cursor...last).first(where: { scalars[$0..<($0 + needle.count)].elementsEqual(needle) })
            else { continue }
            for index in at..<(at + needle.count) { boxes[index] = word.box }
            cursor = at + needle.count
        }
        return boxes
    }

    func rects(_ marks: [Mark]) -> [Rect] { marks.flatMap(rects) }

    func rects(_ mark: Mark) -> [Rect] {
        let from = mark.span.lowerBound - pageStart, to = mark.span.upperBound - pageStart
        guard to > 0, from < scalarStarts.last ?? 0 else { return [] }
        // The scalars whose first byte lies in the span.
        let first = scalarStarts.partitioningIndex { $0 >= max(0, from) }
        let last = scalarStarts.partitioningIndex { $0 >= to }
        var rects: [Rect] = []
        for index in first..<min(last, boxes.count) {
            guard let box = boxes[index], box.count == 4 else { continue }
            let (x1, y1, x2, y2) = (box[0], box[1], box[2], box[3])
            if var line = rects.last, (line.y...(line.y + line.height)).contains((y1 + y2) / 2),
                x1 >= line.x - (y2 - y1)
            {
                let right = max(line.x + line.width, x2), bottom = max(line.y + line.height, y2)
                line.x = min(line.x, x1)
                line.y = min(line.y, y1)
                line.width = right - line.x
                line.height = bottom - line.y
                rects[rects.count - 1] = line
            } else {
                rects.append(Rect(x: x1, y: y1, width: x2 - x1, height: y2 - y1, kind: mark.kind, label: mark.label))
            }
        }
        return rects
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
