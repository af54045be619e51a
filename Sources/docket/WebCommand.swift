import ArgumentParser
import DocketStore
import DocketWeb
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the web workspace: sign in, runs; loopback only unless told otherwise.",
        discussion: "TLS is a reverse proxy's job (docs/web.md: nginx and Caddy); with one, pass --secure-cookies.")

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port")) var bind = "127.0.0.1:8080"
    @Flag(help: "Mark cookies Secure: browsers reach the workspace over HTTPS through a reverse proxy.")
    var secureCookies = false
    @Option(
        name: .customLong("trusted-proxy"),
        help: "A reverse proxy's address whose X-Forwarded-For names the client (repeat for several).")
    var trustedProxies: [String] = []
    @Option(help: "The folder of pipeline files one may submit to from the browser.")
    var pipelines = "Pipelines"
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var service: ServiceOptions

    func run() async throws {
        LineBufferedOutput.enable()
        guard let colon = bind.lastIndex(of: ":"), let port = Int(bind[bind.index(after: colon)...]),
            (1...65535).contains(port)
        else { throw ValidationError("--bind takes host:port, for example 127.0.0.1:8080") }
        var settings = WebApp.Settings()
        settings.host = String(bind[..<colon])
        settings.port = port
        settings.secureCookies = secureCookies
        settings.pipelines = pipelines
        settings.trustedProxies = Set(trustedProxies)
        settings.workerExecutable = ExtractionOptionsGroup.ownExecutable
        let store = try await storeOptions.single()
        if try await store.accounts().isEmpty {
            print("docket web: no accounts yet; add one with `docket users add NAME --role admin`")
        }
        let app = WebApp.application(store: store, settings: settings)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app)] + (try service.metricsService(stores: [store])),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "docket.web")))
        print("docket web on http://\(bind) (store \(StoreFactory.display(store.location)))")
        try await group.run()
    }
}
