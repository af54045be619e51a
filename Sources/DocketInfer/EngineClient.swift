import AsyncHTTPClient
import DocketDecide
import DocketModel
import Foundation
import NIOCore
import NIOHTTP1

/// One request to an OpenAI-compatible `/v1/chat/completions` endpoint (llama.cpp's server,
/// vLLM, Ollama, TGI, hosted EU APIs), classified for the fallback logic.
public struct EngineClient: Sendable {
    public struct Reply: Sendable {
        public var content: String
        public var promptTokens: Int
        public var completionTokens: Int
        /// The model stopped at the token limit (`finish_reason: length`): the JSON is cut off.
        public var truncated = false
    }

    public enum Failure: Error, Sendable, Equatable {
        /// The prompt does not fit the endpoint's window.
        case contextLength(String)
        /// 429, 5xx, timeouts, resets, malformed replies: worth another try.
        case retryable(status: Int?, retryAfter: TimeInterval?, detail: String)
        /// Any other 4xx: the request itself is wrong.
        case fatal(status: Int, detail: String)

        public var outcome: AttemptOutcome {
            switch self {
            case .contextLength: .contextLengthExceeded
            case .retryable: .retryableFailure
            case .fatal: .fatalFailure
            }
        }

        public var status: Int? {
            switch self {
            case .contextLength: 400
            case .retryable(let status, _, _): status
            case .fatal(let status, _): status
            }
        }

        public var detail: String {
            switch self {
            case .contextLength(let detail), .retryable(_, _, let detail), .fatal(_, let detail): detail
            }
        }
    }

    public var baseURL: URL
    public var model: String
    public var apiKey: String?
    /// Seconds for the whole request, connection included.
    public var timeout: TimeInterval
    /// Seconds to establish the connection: a host that does not answer fails fast and the unit
    /// falls back, instead of waiting out the whole request timeout.
    public var connectTimeout: TimeInterval

    /// AsyncHTTPClient (SwiftNIO, epoll): FoundationNetworking's URLSession on Linux was measured
    /// busy-polling at some 17,000 system calls a second while waiting for slow generations,
    /// taking CPU from the engine on the same machine.
    public init(
        baseURL: URL, model: String, apiKey: String? = nil, timeout: TimeInterval = 120,
        connectTimeout: TimeInterval = 10
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.connectTimeout = min(connectTimeout, timeout)
    }

    /// Sends the conversation with the task's JSON Schema as `response_format`.
    public func complete(
        messages: [ChatMessage], schema: JSONValue, schemaName: String, maxTokens: Int,
        temperature: Double, unitKey: String
    ) async throws(Failure) -> Reply {
        var request = HTTPClientRequest(url: baseURL.appendingPathComponent("chat/completions").absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        // Lets a proxy or the server's log tie a request to its unit, without any content.
        request.headers.add(name: "X-Docket-Unit", value: unitKey)
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        let body = ChatRequest(
            model: model, messages: messages, maxTokens: maxTokens, temperature: temperature,
            responseFormat: .init(jsonSchema: .init(name: schemaName, schema: schema)))
        request.body = .bytes(ByteBuffer(bytes: (try? JSONEncoder().encode(body)) ?? Data()))

        let data: Data, status: Int, retryAfter: TimeInterval?
        do {
            let response = try await EngineHTTP.client(connectTimeout: connectTimeout).execute(
                request, timeout: .milliseconds(Int64(timeout * 1000)))
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
            data = Data((try await response.body.collect(upTo: 32 << 20)).readableBytesView)
        } catch {
            throw .retryable(status: nil, retryAfter: nil, detail: "transport: \(error)")
        }
        guard status == 200 else { throw Self.classify(status: status, body: data, retryAfter: retryAfter) }
        guard let reply = try? JSONDecoder().decode(ChatReply.self, from: data), let choice = reply.choices.first,
            let content = choice.message.content
        else {
            throw .retryable(status: status, retryAfter: nil, detail: "malformed reply (\(data.count) bytes)")
        }
        return Reply(
            content: content, promptTokens: reply.usage?.promptTokens ?? 0,
            completionTokens: reply.usage?.completionTokens ?? 0, truncated: choice.finishReason == "length")
    }

    /// Tokens in `text` by the endpoint's own tokenizer, from llama.cpp's `/tokenize` (at the
    /// server's root, beside `/v1`). Throws when the server has no such endpoint.
    public func countTokens(_ text: String) async throws -> Int {
        var root = baseURL.absoluteString
        if root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        var request = HTTPClientRequest(url: root + "/tokenize")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(TokenizeRequest(content: text))))
        let response = try await EngineHTTP.client(connectTimeout: connectTimeout).execute(
            request, timeout: .seconds(30))
        let body = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
        guard response.status.code == 200, let tokens = try? JSONDecoder().decode(TokenizeReply.self, from: body).tokens
        else {
            throw EngineError(message: "the endpoint cannot count tokens (HTTP \(response.status.code))")
        }
        return tokens.count
    }

    static func classify(status: Int, body: Data, retryAfter: TimeInterval?) -> Failure {
        // Error bodies are the server's words about the request, not the document; keep them short.
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        let lower = text.lowercased()
        if (300..<400).contains(status) {
            // Retried, then the next endpoint the gate allows; the target is never contacted.
            return .retryable(
                status: status, retryAfter: nil,
                detail: "redirect refused (HTTP \(status)): an endpoint must answer at its declared address")
        }
        if status == 400 || status == 413,
            lower.contains("context")
                && (lower.contains("exceed") || lower.contains("length") || lower.contains("too long"))
        {
            return .contextLength(text)
        }
        if status == 429 || status >= 500 {
            return .retryable(status: status, retryAfter: retryAfter, detail: "HTTP \(status)")
        }
        return .fatal(status: status, detail: "HTTP \(status): \(text)")
    }
}
