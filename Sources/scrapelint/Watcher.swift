import Foundation
import ScrapeLintCore

/// `check --watch`: after each run, polls what the run depended on (the inputs its folder walks found, the
/// folders themselves for files added or removed, the configuration files that applied) and returns when
/// something changed and then held still for a moment (a debounce: an editor's save, or `git checkout`, is
/// one change, not many).
///
/// Polling rather than inotify: it needs no watch per folder (nor the per-user limit on them), sees files
/// and folders created while it looks, works on network and container mounts where inotify does not, and
/// costs a `stat` per file every ``interval`` (a few milliseconds for thousands of files).
struct Watcher {
    /// The paths given on the command line, walked again at each poll.
    var paths: [String]
    var walker: InputWalker
    /// Other files the results depend on: the configuration files that applied.
    var files: [String]

    /// How often the inputs are looked at.
    static let interval: useconds_t = 300_000
    /// How long a change must hold still before the run starts.
    static let settle: useconds_t = 200_000

    /// What a file looked like: missing, or its identity, size and times.
    struct Stamp: Equatable {
        var device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = -1
        var modified = timespec(), changed = timespec()

        init(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return }
            (device, inode, size) = (UInt64(info.st_dev), UInt64(info.st_ino), Int64(info.st_size))
            (modified, changed) = (info.st_mtim, info.st_ctim)
        }

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    /// The state of everything watched.
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for path in walker.walk(paths).inputs + files + paths where path != "-" { stamps[path] = Stamp(path) }
        return stamps
    }

    /// Waits until something watched changes and holds still; false when a signal asked to stop first.
    func waitForChange(from start: [String: Stamp]) -> Bool {
        while true {
            guard Self.sleep(Self.interval) else { return false }
            var last = snapshot()
            if last == start { continue }
            // Changed: wait until two looks in a row agree.
            while true {
                guard Self.sleep(Self.settle) else { return false }
                let again = snapshot()
                if again == last { break }
                last = again
            }
            if last != start { return true }
        }
    }

    /// Sleeps in short steps, so that Ctrl-C is seen at once; false when a signal asked to stop.
    private static func sleep(_ microseconds: useconds_t) -> Bool {
        var left = microseconds
        while left > 0 {
            if Interruption.requested { return false }
            let step = min(left, 50_000)
            usleep(step)
            left -= step
        }
        return !Interruption.requested
    }
}
