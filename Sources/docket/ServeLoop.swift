import DocketRun
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `docket serve` as a service of its group: resumes the runs a stop or a crash left unfinished,
/// then looks at the schedules and inboxes, and at the reruns reviewers asked for in the workspace,
/// every `tick` seconds. A graceful shutdown (SIGTERM,
/// SIGINT) asks the run in progress to stop and record its state, and starts no new one.
struct ServeLoop: Service {
    let scheduler: Scheduler
    let tick: Double
    let once: Bool
    /// Resume unfinished runs first (`docket serve`; not `docket submit --now`).
    var resume = true

    func run() async throws {
        await withGracefulShutdownHandler {
            if resume {
                for (name, outcome) in await scheduler.resumeInterrupted() { ServeSession.log(name, outcome) }
            }
            while !Task.isShuttingDownGracefully {
                for (name, outcome) in await scheduler.tick().sorted(by: { $0.key < $1.key })
                where outcome != .notDue || once {
                    ServeSession.log(name, outcome)
                }
                for (id, problem) in await scheduler.performReruns() {
                    print(
                        "docket: rerun \(id): " + (problem.map { "failed: \($0)" } ?? "done, the challenge overturned"))
                }
                if once { return }
                // Until the next look, or the shutdown, whichever comes first.
                _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(tick)) }
            }
        } onGracefulShutdown: {
            let message = "docket: stopping: the run in progress records its state; no new runs\n"
            FileHandle.standardError.write(Data(message.utf8))
            ServeSession.current.get()?.requestStop()
        }
    }
}

extension ServeLoop {
    /// Runs the loop in a service group that turns SIGTERM and SIGINT into its graceful shutdown.
    func runInGroup(with others: [ServiceGroupConfiguration.ServiceConfiguration] = []) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: self, successTerminationBehavior: .gracefullyShutdownGroup)] + others,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "docket.serve")))
        try await group.run()
    }
}
