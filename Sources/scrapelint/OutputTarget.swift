import Foundation
import ScrapeLintCore

/// A file a run writes besides its inputs (`--output`, `--edit-log`, `--statistics-json`, `report --html`,
/// `suggest --output`): a path, or `-` for standard output. Every write goes through a ``CheckedWriter``;
/// ``checkAgainst(inputs:standardOutputUser:)`` settles, before any input is read, that no target is an
/// input, that no two targets are the same file, and that at most one stream goes to standard output.
struct OutputTarget {
    /// The option that names it, for messages.
    let option: String
    let path: String

    init(_ option: String, _ path: String) {
        self.option = option
        self.path = path
    }

    var isStandardOutput: Bool { path == "-" }

    /// The writer: standard output's, or the file's (created or truncated now).
    func open() throws(ScrapeLintError) -> CheckedWriter {
        isStandardOutput ? Output.standardOutput : try CheckedWriter.create(path)
    }

    /// Writes `bytes` as the whole content: to standard output, or to the file atomically (a file that
    /// existed keeps its permissions).
    func write(_ bytes: [UInt8]) throws(ScrapeLintError) {
        if isStandardOutput {
            try Output.standardOutput.write(bytes)
        } else {
            try FileAccess.writeAtomically(path, bytes)
        }
    }

    /// The targets given (options not used are nil).
    static func given(_ pairs: [(String, String?)]) -> [OutputTarget] {
        pairs.compactMap { option, path in path.map { OutputTarget(option, $0) } }
    }

    /// Usage errors, before anything is read or written: a target that is one of `inputs` (the same
    /// device and inode, or for a file not yet there the same resolved path), two targets that are the
    /// same file, or two streams on standard output (`standardOutputUser` names what else writes there,
    /// if anything).
    static func check(_ targets: [OutputTarget], inputs: [String], standardOutputUser: String?) throws(ScrapeLintError) {
        var onStandardOutput = standardOutputUser
        for target in targets where target.isStandardOutput {
            if let other = onStandardOutput { throw .outputConflict(option: "\(target.option) -", other: other) }
            onStandardOutput = "\(target.option) -"
        }
        let files = targets.filter { !$0.isStandardOutput }
        let inputIdentities = inputs.filter { $0 != "-" }.map { (path: $0, identity: FileIdentity($0)) }
        for (index, target) in files.enumerated() {
            let identity = FileIdentity(target.path)
            if let input = inputIdentities.first(where: { $0.identity == identity }) {
                throw .outputIsInput(option: target.option, path: target.path, input: input.path)
            }
            if let earlier = files[..<index].first(where: { FileIdentity($0.path) == identity }) {
                throw .outputConflict(option: "\(target.option) \(target.path)", other: "\(earlier.option) \(earlier.path)")
            }
        }
    }
}
