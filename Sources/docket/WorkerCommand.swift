import ArgumentParser
import DocketRun
import DocketStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Take documents and units from a shared store, under leases, on any number of machines.",
        discussion: """
            Works on every queued or running run in the store (`docket run --enqueue-only` queues one), \
            or only those of --pipelines. A worker that dies loses its claims when their lease expires; \
            another worker then takes the work over. Every unit gets exactly one result. SIGTERM: \
            finish the units in hand, claim nothing new, exit. A second SIGTERM: cancel the requests in \
            flight and give their units back to the store, for the next worker at once.
            """)

    @Option(help: "The store: a postgresql:// URL (or a SQLite file shared on one machine). Default: DOCKET_STORE_URL.")
    var store: String?
    @Option(help: "Only runs of these pipelines (names, comma-separated).")
    var pipelines: String?
    @Option(help: "Units in flight at once.")
    var jobs = 4
    @Option(help: "Seconds a claim lasts without this worker's heartbeat.")
    var lease: Double = 60
    @Option(help: "Seconds a request may take.")
    var requestTimeout: Double = 120
    @Flag(help: "Exit when no run is active or being completed, instead of waiting for work.")
    var exitWhenIdle = false
    @OptionGroup var service: ServiceOptions

    func run() async throws {
        LineBufferedOutput.enable()
        guard let location = StoreFactory.location(explicit: store, pipeline: nil) else {
            throw ValidationError("give the shared store with --store or DOCKET_STORE_URL")
        }
        var options = Worker.Options(workerExecutable: ExtractionOptionsGroup.ownExecutable)
        options.jobs = jobs
        options.lease = lease
        options.requestTimeout = requestTimeout
        options.exitWhenIdle = exitWhenIdle
        options.pipelines = pipelines?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        let store = try await StoreFactory.open(location)
        let worker = Worker(store: store, options: options)
        // The group turns SIGTERM and SIGINT into a graceful shutdown (finish the units in hand);
        // a second one, which it leaves alone, gives them back now.
        let again = StopSignals.install(
            message: "finishing the units in hand; claiming nothing new (again to give them back now)",
            again: ("cancelling the requests in flight; their units go back to the store", worker.abandonUnitsInHand)
        ) {}
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)]
                    + (try service.metricsService(stores: [store])),
                gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "docket.worker")))
        print(
            "docket worker \(options.owner) on \(StoreFactory.display(location)), \(jobs) jobs, lease \(Int(lease)) s")
        try await group.run()
        again.forEach { $0.cancel() }
    }
}
