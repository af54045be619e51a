import DocketModel
import DocketRecords
import DocketReport
import DocketStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// What a person who may read a run downloads from the workspace: a document's original (only bytes whose
/// SHA-256 is still the document's: a file moved, changed, or named by a store that was tampered with is not
/// served), its report in Markdown or HTML (rendered from the store, as the run's files are), and the run's
/// `results.jsonl` and `summary.csv` from its output folder. Files are sent a piece at a time, never whole in
/// memory; each download is logged with ids only.
enum Downloads {
    static let piece = 256 * 1024

    static func original(
        run: String, sha256: String, store: any RunStore, context: WebContext
    ) async throws
        -> Response
    {
        guard let access = WebAccess(context, store: store), try await access.mayRead(run: run),
            let document = try await store.runDocument(run: run, sha256: sha256)
        else { return Response(status: .notFound) }
        // The bytes must still be the document's: hashed first, then sent.
        guard (try? ContentHash.sha256(ofFile: document.path)) == sha256 else {
            return try gone(context, what: "The original is no longer where Docket read it, or it has changed since.")
        }
        let name = (document.path as NSString).lastPathComponent
        context.logger.notice(
            "original downloaded",
            metadata: [
                "run": "\(run)", "document": "\(sha256.prefix(12))",
                "account": "\(access.account.id)",
            ])
        return try file(document.path, name: name, type: contentType(name))
    }

    static func report(
        run: String, sha256: String, format: String, store: any RunStore, context: WebContext
    ) async throws -> Response {
        guard ["md", "html"].contains(format), let access = WebAccess(context, store: store),
            try await access.mayRead(run: run)
        else { return Response(status: .notFound) }
        let report = try await RunReportBuilder.build(store: store, run: run, document: sha256)
        guard let document = report.documents.first(where: { $0.sha256 == sha256 }) else {
            return Response(status: .notFound)
        }
        let text =
            format == "md"
            ? try MarkdownReport.render(document, run: report.run) : try HTMLReport.render(document, run: report.run)
        return Response(
            status: .ok,
            headers: [
                .contentType: format == "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
                .contentDisposition: disposition("\(document.reportStem).\(format)"),
            ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `results.jsonl` or `summary.csv` of a run, as its end (or a review) wrote them.
    static func runFile(
        run: String, name: String, store: any RunStore, context: WebContext
    ) async throws
        -> Response
    {
        guard ["results.jsonl", "summary.csv"].contains(name), let access = WebAccess(context, store: store),
            try await access.mayRead(run: run), let record = try await store.run(id: run)
        else { return Response(status: .notFound) }
        guard let folder = record.outputFolder,
            FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name))
        else {
            return try gone(context, what: "The run's \(name) is written when the run ends; it is not there yet.")
        }
        return try file(
            (folder as NSString).appendingPathComponent(name), name: "\(run)-\(name)",
            type: name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/x-ndjson")
    }

    static func gone(_ context: WebContext, what: String) throws -> Response {
        var view: [String: Any] = ["title": "Not available", "message": what]
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("error.html", view, status: .notFound)
    }

    /// A file sent a piece at a time, as an attachment named `name`.
    static func file(_ path: String, name: String, type: String) throws -> Response {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw HTTPError(.notFound) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return opened(handle, size: size, name: name, type: type)
    }

    /// An open file sent a piece at a time and closed (a file removed after it was opened is sent whole).
    static func opened(_ handle: FileHandle, size: Int?, name: String, type: String) -> Response {
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: piece), !data.isEmpty {
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: disposition(name)], body: body)
    }

    /// `attachment` with the name in ASCII (anything else, quotes and backslashes made "_") and in full UTF-8.
    static func disposition(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "tif", "tiff": "image/tiff"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
