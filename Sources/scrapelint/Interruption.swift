import Foundation
import Synchronization

/// SIGINT and SIGTERM during a run that writes files (`--fix`): instead of dying between two system calls
/// (a temporary file named but not yet renamed), the run notes the signal, finishes the file being
/// written, writes nothing more, and exits with 128 + the signal's number (130, 143).
enum Interruption {
    private static let received = Atomic<Int32>(0)

    /// Catches SIGINT and SIGTERM from now on (unblocked: a parent that started us with them blocked
    /// would otherwise keep them pending for the whole run).
    static func catchSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGINT, SIGTERM] {
            signal(number) { number in Interruption.received.store(number, ordering: .relaxed) }
            sigaddset(&set, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Whether a signal asked the run to stop.
    static var requested: Bool { received.load(ordering: .relaxed) != 0 }

    /// The exit status for the signal received (nil when none was).
    static var exitStatus: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : 128 + number
    }
}
