import Foundation

/// The OCR languages of one document, chosen from the pipeline's allowed set (issue #16): every
/// allowed language at once costs about 1.4x one (the CLI on the sample scans). Chosen from the
/// text layer's pages read before the first page to OCR, or else by a first pass: seven lines of
/// the first OCR page (`InkBounds`) are read in the first allowed language (put the most common
/// first), their words tell the document's languages, and the page is then read once in them.
/// A page whose own words show another allowed language is read again with it too (`rereading`).
/// Allowed languages without a word profile (another script, say) are always kept: nothing here
/// can rule them out.
final class OCRLanguageChoice: @unchecked Sendable {
    // @unchecked: `state` and `evidence` are read and written under `condition`.
    enum Plan: Equatable {
        case use([String])
        /// Read the page with this language first, then `settle`.
        case probe(String)
    }

    private enum State {
        case open
        case probing
        case decided([String])
    }

    let allowed: [String]
    private let condition = NSCondition()
    private var state = State.open
    private var evidence = ""

    init(allowed: [String], atOnce: Bool = false) {
        self.allowed = allowed
        if allowed.count <= 1 || atOnce { state = .decided(allowed) }
    }

    /// Text-layer pages read before any page needs OCR: they may already say the language.
    func observe(textLayer: String) {
        condition.withLock {
            guard case .open = state, evidence.utf8.count < 20_000 else { return }
            evidence += "\n" + textLayer
        }
    }

    /// The languages for a page, or the probe for the document's first OCR page (`first`); the
    /// other pages wait until the probe has settled the choice.
    func plan(first: Bool) -> Plan {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state {
            case .decided(let languages): return .use(languages)
            case .open where first:
                if let found = LanguageGuess.languages(in: evidence, allowed: allowed) {
                    state = .decided(withUnprofiled(found))
                    continue
                }
                state = .probing
                return .probe(allowed.first { LanguageGuess.profiles[$0] != nil } ?? allowed[0])
            case .open, .probing: condition.wait()
            }
        }
    }

    /// The probe's text decides; when it cannot tell, `fallback` does (nil: still undecided, the
    /// probe goes on). Once decided, the choice stays.
    @discardableResult
    func settle(probeText: String, orElse fallback: [String]?) -> [String]? {
        let found = LanguageGuess.languages(inSample: probeText, allowed: allowed).map(withUnprofiled) ?? fallback
        return condition.withLock {
            if case .decided(let languages) = state { return languages }
            guard let found else { return nil }
            state = .decided(found)
            condition.broadcast()
            return found
        }
    }

    /// When a page read with `used` is clearly (also) in an allowed language `used` lacks (a
    /// mixed-language document), the languages to read it again with. Decided from the page alone.
    func rereading(_ text: String, readWith used: [String]) -> [String]? {
        guard let found = LanguageGuess.languages(in: text, allowed: allowed), !found.allSatisfy(used.contains)
        else { return nil }
        return allowed.filter { used.contains($0) || found.contains($0) }
    }

    private func withUnprofiled(_ found: [String]) -> [String] {
        allowed.filter { found.contains($0) || LanguageGuess.profiles[$0] == nil }
    }
}
