import ArgumentParser
import Foundation
import ScrapeLintCore

/// `--baseline` and `--write-baseline` (see ``Baseline`` for the format).
struct BaselineOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report only violations not recorded in this baseline file (written by --write-baseline). --fix still fixes every violation.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record the violations found (rule, file or record id, hash of the matched text) in this file (`-`: standard output), for --baseline.", valueName: "file"))
    var writeBaseline: String?

    var isActive: Bool { baseline != nil || writeBaseline != nil }

    /// The file `--write-baseline` writes (`-`: standard output), checked against the inputs.
    var target: OutputTarget? { writeBaseline.map { OutputTarget("--write-baseline", $0) } }

    /// The session of a run, or nil without either option; reading the baseline can fail.
    func open() throws(ScrapeLintError) -> BaselineSession? {
        guard isActive else { return nil }
        return BaselineSession(existing: try baseline.map { path throws(ScrapeLintError) in try Baseline.load(path) }, writePath: writeBaseline)
    }
}

/// One run's use of baselines: filters each document's violations down to the new ones and records all of
/// them for `--write-baseline`.
final class BaselineSession {
    private var existing: Baseline?
    private var recorded = Baseline()
    let writePath: String?
    /// Violations left out of the report because the baseline holds them.
    private(set) var hidden = 0

    init(existing: Baseline?, writePath: String?) {
        self.existing = existing
        self.writePath = writePath
    }

    /// The violations of one document (`bytes`, of `file` and `record`) that the baseline does not hold.
    func filter(_ violations: [Violation], bytes: [UInt8], file: String, record: String?) -> [Violation] {
        violations.filter { violation in
            let key = Baseline.key(violation, in: bytes, file: file, record: record)
            recorded.add(key)
            if existing?.consume(key) == true {
                hidden += 1
                return false
            }
            return true
        }
    }

    /// Writes the recorded baseline (atomically) when asked to.
    func finish() throws(ScrapeLintError) {
        guard let writePath else { return }
        try OutputTarget("--write-baseline", writePath).write(Array(recorded.json().utf8))
    }
}
