import DocketModel
import Foundation

/// The OpenAI-compatible wire format Docket speaks to engines, typed: what a request carries and
/// the parts of a reply it reads (any other field is ignored).
public struct ChatMessage: Sendable, Codable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// `POST /v1/chat/completions` with the task's JSON Schema as `response_format`.
struct ChatRequest: Encodable {
    struct ResponseFormat: Encodable {
        struct Schema: Encodable {
            var name: String
            var schema: JSONValue
            var strict = true
        }
        var type = "json_schema"
        var jsonSchema: Schema

        enum CodingKeys: String, CodingKey {
            case type
            case jsonSchema = "json_schema"
        }
    }

    var model: String
    var messages: [ChatMessage]
    var maxTokens: Int
    var temperature: Double
    var responseFormat: ResponseFormat

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case maxTokens = "max_tokens"
        case responseFormat = "response_format"
    }
}

/// The reply: the first choice's content and why it stopped, and the token usage.
struct ChatReply: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable { var content: String? }
        var message: Message
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }
    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var choices: [Choice]
    var usage: Usage?
}

/// llama.cpp's `POST /tokenize` and its reply (tokens are ids, or objects with pieces: only counted).
struct TokenizeRequest: Encodable { var content: String }
struct TokenizeReply: Decodable { var tokens: [JSONValue] }
