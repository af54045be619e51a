import ArgumentParser
import DocketAudit
import DocketModel
import DocketSpec
import Foundation

struct ScheduleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Each pipeline's schedule and next run time.")

    @Argument(help: "Pipeline files (default: every Pipelines/*.yaml).")
    var pipelines: [String] = []

    func run() throws {
        for file in try ServeSession.pipelineFiles(pipelines) {
            let spec = try PipelineLoader.load(path: file)
            guard let cron = spec.schedule else {
                print("\(spec.name): no schedule (runs on submissions and by hand)")
                continue
            }
            let next = cron.next(after: Date())
            let local =
                next.map { date -> String in
                    let formatter = DateFormatter()
                    formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
                    formatter.timeZone = cron.timeZone
                    return formatter.string(from: date)
                } ?? "never"
            print(
                "\(spec.name): `\(cron.expression)` \(cron.timeZone.identifier); next \(local)"
                    + (next.map { " (\(AuditRecord.timestamp($0)))" } ?? ""))
        }
    }
}
