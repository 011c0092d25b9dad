internal import Glibc
import Synchronization

/// Set by SIGINT and SIGTERM; the running job polls it at every item boundary.
private let interruptRequested = Atomic<Bool>(false)

/// The process's signal dispositions.
enum Signals {
    /// Makes SIGINT and SIGTERM stop the job at its next item boundary instead of killing the
    /// process (a second one kills it), and ignores SIGPIPE so that a closed log pipe fails a
    /// write instead of killing the job.
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in
                interruptRequested.store(true, ordering: .relaxed)
                signal(received, SIG_DFL)
            }
        }
    }

    /// True once SIGINT or SIGTERM arrived.
    static var interrupted: Bool {
        interruptRequested.load(ordering: .relaxed)
    }
}
