import DocketModel
import Foundation

/// Per-thread state an OCR job may keep between pages: its own poppler document, and the last
/// page it rendered or decoded (a page the language probe sampled is read again right after).
final class OCRThreadState {
    var pdf: PDFFile?
    var rendered: (index: Int, image: GrayImage)?
}

/// What one read of a page gave: the page, or only a sample of its lines (`OCRScope.languageSample`)
/// whose text tells its language and is then read again whole.
struct OCRPageRead {
    var page: ExtractedPage
    var isSample = false

    init(page: ExtractedPage) { self.page = page }

    /// A sample's text, only for its language.
    init(sample: OCRResult, number: Int) {
        page = ExtractedPage(number: number, text: sample.text, source: .ocr)
        isSample = true
    }
}

/// OCR threads for one document. Each thread is a plain `Thread`, not a Swift task: tesseract
/// blocks for a second or more a page, and the concurrency pool has only as many threads as cores.
/// Each thread creates its own tesseract handles when it gets its first page, so a document that
/// needs no OCR never loads a model.
final class OCRPool<Job>: @unchecked Sendable {
    // @unchecked: OS threads that own tesseract handles (blocking C calls, off Swift's pool); the
    // shared state is under locks.
    typealias Work = @Sendable (OCREngine, Job, OCRThreadState, OCRScope) -> OCRPageRead

    private let queue: OCRWorkQueue<(sequence: Int, job: Job)>
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var failure: String?
    private var submitted = 0

    /// Each thread loads tesseract's models on its first page, for the languages `choice` settles
    /// on: of the first page submitted a sample is read first (the probe, see `OCRLanguageChoice`),
    /// or the whole page when it is short or the sample could not tell, and a
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
                func read(_ job: Job, in languages: [String], _ scope: OCRScope = .page) throws -> OCRPageRead {
                    if engines[languages] == nil { engines[languages] = try OCREngineShelf.shared.take(languages) }
                    return work(engines[languages]!, job, state, scope)
                }
                /// The first OCR page: a sample of its lines tells its language, then it is read once in
                /// it. A short page (its own sample), or one whose sample cannot tell, is read whole in
                /// the probe's language first, and kept when that is its language.
                func probe(_ job: Job, in language: String) throws -> (used: [String], page: ExtractedPage) {
                    let sample = try read(job, in: [language], .languageSample)
                    if sample.isSample, let used = choice.settle(probeText: sample.page.text, orElse: nil) {
                        return (used, try read(job, in: used).page)
                    }
                    let whole = sample.isSample ? try read(job, in: [language]).page : sample.page
                    let used = choice.settle(probeText: whole.text, orElse: choice.allowed)!
                    return (used, used == [language] ? whole : try read(job, in: used).page)
                }
                while let (sequence, job) = queue.pop() {
                    do {
                        var used: [String]
                        var page: ExtractedPage
                        switch choice.plan(first: sequence == 0) {
                        case .use(let languages):
                            (used, page) = (languages, try read(job, in: languages).page)
                        case .probe(let language):
                            do {
                                (used, page) = try probe(job, in: language)
                            } catch {
                                choice.settle(probeText: "", orElse: choice.allowed)  // the waiting threads go on
                                throw error
                            }
                        }
                        if let wider = choice.rereading(page.text, readWith: used) {
                            (used, page) = (wider, try read(job, in: wider).page)
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
