import DocketRecords
import DocketRun
import DocketSpec
import DocketStore
import Foundation
import Hummingbird
import Logging
import MultipartKit

/// Submitting from the browser: a pipeline chosen from the workspace's pipelines folder, files or a
/// zipped folder uploaded (multipart/form-data), written to the submission's own folder and
/// recorded as a submission by the signed-in account. `docket serve` on the same store runs it at
/// its next tick, as it runs `docket submit`'s; the workspace itself reads no document.
enum SubmitPage {
    static func maySubmit(_ context: WebContext) -> Bool {
        context.account?.maySubmit ?? false
    }

    /// The pipelines one may submit to, by name: the YAML files of the folder that load.
    static func pipelines(_ folder: String) -> [String: PipelineSpec] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var specs: [String: PipelineSpec] = [:]
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            if let spec = try? PipelineLoader.load(path: "\(folder)/\(file)") { specs[spec.name] = spec }
        }
        return specs
    }

    static func render(
        settings: WebApp.Settings, context: WebContext, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard maySubmit(context) else { return Response(status: .forbidden) }
        var view: [String: Any] = [
            "title": "Submit", "pipelines": pipelines(settings.pipelines).keys.sorted(),
            "csrf": context.session?.csrfToken ?? "", "maxMB": settings.uploadLimits.totalBytes >> 20,
            "maxFiles": settings.uploadLimits.files,
        ]
        if let problem { view["problem"] = problem }
        view["account"] = WebTemplates.account(context)
        return try WebTemplates.page("submit.html", view, status: status)
    }

    static func submit(
        _ request: Request, store: any RunStore, settings: WebApp.Settings, context: WebContext
    ) async throws -> Response {
        guard maySubmit(context), let account = context.account else { return Response(status: .forbidden) }
        guard let type = request.headers[.contentType], type.hasPrefix("multipart/form-data"),
            let boundary = type.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("boundary=") })?.dropFirst(9)
        else {
            return try render(
                settings: settings, context: context, problem: "The form must be sent as multipart/form-data.",
                status: .badRequest)
        }
        // Counted here: the body is read up to the upload limit and a little for the form's fields.
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: settings.uploadLimits.totalBytes + (1 << 20)) } catch {
            return try render(
                settings: settings, context: context,
                problem:
                    "More than \(settings.uploadLimits.totalBytes >> 20) MB at once; submit fewer files at a time.",
                status: .contentTooLarge)
        }
        let parts: [Part]
        do {
            parts = try Part.parse(
                body, boundary: String(boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\""))))
        } catch {
            return try render(
                settings: settings, context: context, problem: "The upload could not be read.", status: .badRequest)
        }
        let fields = Dictionary(
            parts.filter { $0.filename == nil }.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) }
        ) { first, _ in first }
        guard fields["csrf"] == context.session?.csrfToken else { return Response(status: .forbidden) }
        guard let name = fields["pipeline"], let spec = pipelines(settings.pipelines)[name] else {
            return try render(
                settings: settings, context: context, problem: "Choose one of the pipelines.", status: .badRequest)
        }
        let uploads = parts.filter { $0.filename != nil && !$0.data.isEmpty }
        guard !uploads.isEmpty else {
            return try render(
                settings: settings, context: context, problem: "Choose at least one file.", status: .badRequest)
        }
        let submission: Submission
        do {
            submission = try await WebSubmission.record(
                pipeline: spec, files: uploads.map { ($0.filename ?? "", $0.data) }, matter: fields["matter"],
                note: fields["note"],
                startNow: fields["start"] == "yes",
                account: account, store: store, limits: settings.uploadLimits)
        } catch let refused as SubmissionUpload.Refused {
            return try render(settings: settings, context: context, problem: refused.description, status: .badRequest)
        }
        context.logger.notice(
            "submission recorded",
            metadata: [
                "submission": "\(submission.id)", "files": "\(submission.files.count)", "account": "\(account.id)",
            ])
        return .redirect(to: "/")
    }

    /// One part of a multipart/form-data body: a field, or a file with the name the browser gave.
    struct Part {
        var name: String
        var filename: String?
        var data: Data

        static func parse(_ body: ByteBuffer, boundary: String) throws -> [Part] {
            let parser = MultipartParser(boundary: boundary)
            var parts: [Part] = []
            var current = Part(name: "", filename: nil, data: Data())
            parser.onHeader = { field, value in
                guard field.lowercased() == "content-disposition" else { return }
                current.name = parameter("name", in: value) ?? ""
                current.filename = parameter("filename", in: value)
            }
            parser.onBody = { buffer in current.data.append(contentsOf: buffer.readableBytesView) }
            parser.onPartComplete = {
                parts.append(current)
                current = Part(name: "", filename: nil, data: Data())
            }
            try parser.execute(body)
            return parts
        }

        /// `name="…"` from a Content-Disposition header.
        static func parameter(_ key: String, in header: String) -> String? {
            for piece in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard piece.hasPrefix(key + "=") else { continue }
                return String(piece.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return nil
        }
    }
}
