import Foundation

/// What an extraction worker sets up before it reads its job (which holds passwords) or any
/// document: no core dump (one would hold passwords and page text), and every signal at its
/// default, since a worker inherits the parent's ignored SIGTERM and SIGINT (the parent drains a
/// run on them) and would otherwise outlive a stop.
enum WorkerHygiene {
    static func apply() {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE] { signal(signalNumber, SIG_DFL) }
        var empty = sigset_t()
        sigemptyset(&empty)
        sigprocmask(SIG_SETMASK, &empty, nil)
    }
}
