import CoreMetrics
import DocketModel
import HTTPTypes
import Hummingbird

/// Every request of the workspace counted and timed (swift-metrics; Prometheus' text with `--metrics`), by its
/// route's pattern ("/runs/{run}/documents/{document}") and status: never a path with ids, never a query.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(
        _ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let status: HTTPResponse.Status
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status
        } catch {
            Self.record(
                request, context: context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError,
                since: start)
            throw error
        }
        Self.record(request, context: context, status: status, since: start)
        return response
    }

    static func record(
        _ request: Request, context: WebContext, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let labels = [
            ("route", context.endpointPath ?? "unmatched"), ("method", request.method.rawValue),
            ("status", String(status.code)),
        ]
        Counter(label: "docket_web_requests_total", dimensions: labels).increment()
        Timer(label: "docket_web_request_duration_seconds", dimensions: Array(labels.prefix(2)))
            .recordSeconds(start.duration(to: .now).inSeconds)
    }
}
