import Foundation

/// Per-thread state an OCR job may keep between pages: its own poppler document, and the last
/// page it rendered (a page the language probe saw is read again right after).
final class OCRThreadState {
    var pdf: PDFFile?
    var rendered: (index: Int, image: GrayImage)?
}

/// OCR threads for one document. Each thread is a plain `Thread`, not a Swift task: tesseract
/// blocks for a second or more a page, and the concurrency pool has only as many threads as cores.
/// Each thread creates its own tesseract handles when it gets its first page, so a document that
/// needs no OCR never loads a model.
final class OCRPool<Job>: @unchecked Sendable {
    // @unchecked: OS threads that own tesseract handles (blocking C calls, off Swift's pool); the
    // shared state is under locks.
    typealias Work = @Sendable (OCREngine, Job, OCRThreadState) -> ExtractedPage

    private let queue: OCRWorkQueue<(sequence: Int, job: Job)>
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failure: String?
    private var submitted = 0

    /// Each thread loads tesseract's models on its first page, for the languages `choice` settles
    /// on: the first page submitted may be read twice (the probe, see `OCRLanguageChoice`), and a
    /// page whose own words are in an allowed language the models lacked is read again with it.
    /// Both depend only on the document, never on which thread was faster. Every page OCR read
    /// says with which languages.
    init(
        threads: Int, choice: OCRLanguageChoice, work: @escaping Work,
        emit: @escaping @Sendable (ExtractedPage) -> Void
    ) {
        let threads = max(1, threads)
        queue = OCRWorkQueue(capacity: threads * 2)
        for _ in 0..<threads {
            group.enter()
            let thread = Thread { [queue, group] in
                var engines: [[String]: OCREngine] = [:]
                defer {
                    for (languages, engine) in engines { OCREngineShelf.shared.put(engine, languages: languages) }
                    group.leave()
                }
                let state = OCRThreadState()
                func read(_ job: Job, in languages: [String]) throws -> ExtractedPage {
                    if engines[languages] == nil { engines[languages] = try OCREngineShelf.shared.take(languages) }
                    return work(engines[languages]!, job, state)
                }
                while let (sequence, job) = queue.pop() {
                    do {
                        var used: [String]
                        var page: ExtractedPage
                        switch choice.plan(first: sequence == 0) {
                        case .use(let languages):
                            (used, page) = (languages, try read(job, in: languages))
                        case .probe(let language):
                            // The whole page in one language; kept when that was the page's language.
                            do {
                                let sample = try read(job, in: [language])
                                used = choice.settle(probeText: sample.text, orElse: choice.allowed)!
                                page = used == [language] ? sample : try read(job, in: used)
                            } catch {
                                choice.settle(probeText: "", orElse: choice.allowed)  // the waiting threads go on
                                throw error
                            }
                        }
                        if let wider = choice.rereading(page.text, readWith: used) {
                            (used, page) = (wider, try read(job, in: wider))
                        }
                        state.rendered = nil  // a rendered page is up to 120 MB: held only while it is read
                        emit(Self.labelled(page, used))
                    } catch {
                        self.recordFailure("\(error)")
                        while queue.pop() != nil {}  // drain, so the producer never blocks
                        return
                    }
                }
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    private static func labelled(_ page: ExtractedPage, _ languages: [String]) -> ExtractedPage {
        var page = page
        page.ocrReason = (page.ocrReason.map { $0 + "; " } ?? "") + "OCR in " + languages.joined(separator: "+")
        return page
    }

    func submit(_ job: Job) {
        let sequence = lock.withLock {
            defer { submitted += 1 }
            return submitted
        }
        queue.push((sequence, job))
    }

    /// Waits for every submitted page; throws if OCR could not run at all.
    func finish(path: String) throws {
        queue.close()
        group.wait()
        if let failure = lock.withLock({ failure }) {
            throw IngestError(.extractionFailed, path: path, detail: failure)
        }
    }

    private func recordFailure(_ message: String) {
        lock.withLock { if failure == nil { failure = message } }
    }
}
