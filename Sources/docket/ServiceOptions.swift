import ArgumentParser
import CoreMetrics
import DocketRun
import DocketStore
import Foundation
import Hummingbird
import Prometheus
import ServiceLifecycle

/// What `serve`, `worker` and `web` take as services an IT team runs: `--metrics HOST:PORT`, Prometheus' text
/// format at `/metrics` on that address (a bare port listens on loopback), from every swift-metrics metric of the
/// process, off unless given; `--log-format json` (read before parsing, by `DocketLogHandler.bootstrap`).
struct ServiceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Serve Prometheus metrics at /metrics on this address (a bare port: 127.0.0.1:PORT).",
            valueName: "host:port"))
    var metrics: String?

    @Option(help: "Log lines as text (default) or json: one JSON object a line, for a log shipper.")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument { case text, json }

    /// The metrics server as a service of the command's group (it stops with the group), with the gauges of
    /// what waits in each of `stores`; none without `--metrics`.
    func metricsService(stores: [RunStore] = []) throws -> [ServiceGroupConfiguration.ServiceConfiguration] {
        guard let metrics else { return [] }
        let (host, port) = try MetricsAddress.parse(metrics)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var text: [UInt8] = []
            registry.emit(into: &text)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)))
        print("metrics on http://\(host):\(port)/metrics")
        return [.init(service: app)] + stores.map { .init(service: WaitingWorkGauges(store: $0)) }
    }
}
