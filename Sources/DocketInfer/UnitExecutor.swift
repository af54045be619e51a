import DocketDecide
import DocketModel
import DocketRecords
import DocketSpec
import Foundation

/// How one unit ended.
public enum UnitOutcome: Sendable, Equatable {
    case done(ResultRecord)
    case failed(String)
    /// Another worker holds the unit now (this one's lease ran out before an attempt): nothing was sent, and
    /// nothing is to be stored.
    case takenOver
}

/// Runs one unit: walks its route's chain through the sovereignty gate (`AttemptSequencer`),
/// respects each endpoint's concurrency limit and circuit breaker, retries with backoff, checks
/// the answer against the task's schema (one repair request), and returns the outcome. It stores
/// nothing: attempts go to its observer, the result to whoever called it.
public struct UnitExecutor: Sendable {
    public let pool: EndpointPool
    public let attempts: any AttemptObserver
    public let spec: RoutingSpec
    public let retry: RetryPolicy
    /// How long a unit may wait for the circuit of its last possible endpoint to close.
    public let maximumCircuitWait: TimeInterval

    public init(
        pool: EndpointPool, attempts: any AttemptObserver = IgnoredAttempts(), spec: RoutingSpec,
        retry: RetryPolicy = RetryPolicy(), maximumCircuitWait: TimeInterval = 300
    ) {
        self.pool = pool
        self.attempts = attempts
        self.spec = spec
        self.retry = retry
        self.maximumCircuitWait = maximumCircuitWait
    }

    public func execute(
        _ unit: UnitRecord, prompt: String, task: TaskSpec, schema: JSONValue
    ) async -> UnitOutcome {
        var sequencer = AttemptSequencer(decision: unit.route, spec: spec, retriesPerEndpoint: retry.retriesPerEndpoint)
        var messages = [ChatMessage(role: "user", content: prompt)]
        var repaired = false
        var lastProblem = unit.route.held ?? "no endpoint could take it"
        var retries = 0, currentEndpoint = ""
        var failedReplicas: [String: Set<Int>] = [:]
        let waitLimit = Date().addingTimeInterval(maximumCircuitWait)
        while !Task.isCancelled, let endpoint = sequencer.next() {
            guard let member = pool.members[endpoint.name] else {
                sequencer.record(.unavailable)
                continue
            }
            if endpoint.name != currentEndpoint { currentEndpoint = endpoint.name; retries = 0 }
            await member.limiter.acquire()
            let index: Int, replica: ReplicaSet.Replica
            switch await member.replicas.choose(avoiding: failedReplicas[endpoint.name] ?? []) {
            case .replica(let chosen, let found):
                (index, replica) = (chosen, found)
            case .allOpen(let retryAt):
                await member.limiter.release()
                // With nothing to fall back to, wait out the cooldown and probe, rather than fail or hammer.
                if sequencer.atLastEndpoint, let retryAt, retryAt < waitLimit {
                    try? await Task.sleep(nanoseconds: UInt64(max(0.05, retryAt.timeIntervalSinceNow) * 1e9))
                    continue
                }
                lastProblem = "\(endpoint.name): circuit open"
                sequencer.record(.unavailable)
                continue
            }
            guard let attempt = await attempts.attemptStarted(unit: unit.key, endpoint: endpoint.name) else {
                await member.replicas.finished(index)
                await member.limiter.release()
                return .takenOver
            }
            let started = Date()
            let reply: EngineClient.Reply
            do {
                reply = try await replica.client.complete(
                    messages: messages, schema: schema, schemaName: task.name,
                    maxTokens: task.maxOutputTokens, temperature: task.temperature, unitKey: unit.key)
                await member.replicas.finished(index)
                await member.limiter.release()
            } catch {
                await member.replicas.finished(index)
                await member.limiter.release()
                // The breaker before the store: the next unit's choice of replica must see this failure.
                if case .retryable = error { await replica.breaker.recordFailure() }
                await attempts.attemptFinished(
                    attempt, outcome: "\(error.outcome)", httpStatus: error.status, error: error.detail)
                lastProblem = "\(endpoint.name): \(error.detail)"
                if case .retryable(_, let retryAfter, _) = error {
                    // Another replica of the same endpoint that has not failed this unit goes next, at once.
                    failedReplicas[endpoint.name, default: []].insert(index)
                    if failedReplicas[endpoint.name]!.count < member.replicas.replicas.count { continue }
                    failedReplicas[endpoint.name] = []
                    retries += 1
                    if retries <= retry.retriesPerEndpoint {
                        try? await Task.sleep(
                            nanoseconds: UInt64(retry.delay(attempt: retries, retryAfter: retryAfter) * 1e9))
                    }
                }
                sequencer.record(error.outcome)
                continue
            }
            await replica.breaker.recordSuccess()
            if var problem = Self.problem(with: reply.content, schema: schema) {
                if reply.truncated {
                    problem = "it was cut off at the task's max_output_tokens (\(task.maxOutputTokens)); raise it"
                }
                await attempts.attemptFinished(attempt, outcome: "schema-invalid", httpStatus: 200, error: problem)
                lastProblem = "the answer did not match the task's schema: \(problem)"
                guard !repaired else { return .failed(lastProblem + " (after one repair request)") }
                repaired = true
                messages.append(ChatMessage(role: "assistant", content: reply.content))
                messages.append(
                    ChatMessage(
                        role: "user",
                        content: "That answer is not valid: \(problem). Answer again with JSON that matches the "
                            + "schema exactly."))
                continue
            }
            await attempts.attemptFinished(attempt, outcome: "ok", httpStatus: 200, error: nil)
            let result = ResultRecord(
                unitKey: unit.key, endpoint: endpoint.name, model: endpoint.model, weightsDigest: member.weightsDigest,
                resultJSON: reply.content, promptTokens: reply.promptTokens, completionTokens: reply.completionTokens,
                latencyMilliseconds: Int(Date().timeIntervalSince(started) * 1000), finishedAt: Date())
            return .done(result)
        }
        return .failed(lastProblem)
    }

    /// Why `content` is not a JSON value valid against `schema`, or nil.
    static func problem(with content: String, schema: JSONValue) -> String? {
        guard let value = try? JSONSerialization.jsonObject(with: Data(content.utf8), options: [.fragmentsAllowed])
        else {
            return "it is not JSON"
        }
        return JSONSchemaValidator.validate(value, against: schema.untyped as? [String: Any] ?? [:])
    }
}
