/// Why a document could not be extracted. Each case has its own exit code, documented in the
/// docs/extraction.md, and a one-line message that names the file, what is wrong and what to do.
/// Messages never contain document text or passwords.
public enum IngestErrorKind: String, Codable, Sendable, CaseIterable {
    case unsupportedFile = "unsupported-file"
    case damaged
    case passwordRequired = "password-required"
    case wrongPassword = "wrong-password"
    case unsupportedFeature = "unsupported-feature"
    case timedOut = "timed-out"
    case tooLarge = "too-large"
    case unreadable
    case extractionFailed = "extraction-failed"
    case changedSinceSubmission = "changed-since-submission"

    /// Process exit code when this is the failure of a `docket extract` or `docket ingest` run.
    public var exitCode: Int32 {
        switch self {
        case .unsupportedFile: 10
        case .damaged: 11
        case .passwordRequired: 12
        case .wrongPassword: 13
        case .unsupportedFeature: 14
        case .timedOut: 15
        case .tooLarge: 16
        case .unreadable: 17
        case .extractionFailed: 18
        case .changedSinceSubmission: 19
        }
    }

    /// What a person should do about it.
    public var advice: String {
        switch self {
        case .unsupportedFile:
            "supported are PDF, PNG, JPEG, TIFF, DOCX, plain text and Markdown; convert the file or leave it out"
        case .damaged:
            "the file is damaged beyond recovery; ask the sender for a new copy"
        case .passwordRequired:
            "add a line `<glob><TAB><password>` for it to the password file given with --password-file"
        case .wrongPassword:
            "the password in the password file does not open it; correct that line"
        case .unsupportedFeature:
            "the file uses a feature Docket cannot read; print it to a new PDF or scan it, then submit that"
        case .timedOut:
            "extraction took longer than the timeout; raise --timeout or split the document"
        case .tooLarge:
            "the document has more pages than the limit; raise --max-pages or split the document"
        case .unreadable:
            "the file cannot be read; check that it exists and that Docket may read it"
        case .extractionFailed:
            "run `docket doctor`; if it finds nothing wrong, report the file's sha256 to the Docket maintainers"
        case .changedSinceSubmission:
            "the file's content is not what was submitted; check who changed it, then submit it again"
        }
    }
}

/// A failed extraction: the kind, the file, and a short technical detail that is safe to log.
public struct IngestError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var kind: IngestErrorKind
    public var path: String
    public var detail: String

    public init(_ kind: IngestErrorKind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String {
        "\(path): \(kind.rawValue): \(detail); \(kind.advice)"
    }
}
