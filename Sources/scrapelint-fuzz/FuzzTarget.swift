import ScrapeLintCore

/// The libFuzzer harness: `scripts/fuzz` builds this target with `-sanitize=fuzzer,address -DFUZZING`, and
/// libFuzzer calls ``fuzzRules``, ``fuzzText`` or ``fuzzEditLog`` (chosen by
/// `SCRAPELINT_FUZZ=rules|text|editlog`) with each input. A broken invariant traps, so libFuzzer keeps the
/// input. Built normally, the same target replays inputs: `scrapelint-fuzz rules|text|editlog FILE...`.
enum FuzzTarget {
    nonisolated(unsafe) static var fixer: Fixer?
    nonisolated(unsafe) static var recordingFixer: Fixer?

    static let modes = ["rules", "text", "editlog"]

    static func fuzzRules(_ bytes: [UInt8]) {
        let problems = RobustnessChecks.loadRuleFile(bytes)
        if !problems.isEmpty { fatalError("rule file: \(problems)") }
    }

    static func fuzzText(_ bytes: [UInt8]) {
        if fixer == nil { fixer = Fixer(checker: Checker(ruleSet: RobustnessChecks.fuzzRuleSet())) }
        let problems = RobustnessChecks.lintAndFix(bytes, fixer: fixer!)
        if !problems.isEmpty { fatalError("text: \(problems)") }
    }

    /// Fixes the bytes with the built-in and stress rules, recording edits, and checks the edit log round
    /// trip (compose -> log -> read back -> revert gives the input; a changed text is refused).
    static func fuzzEditLog(_ bytes: [UInt8]) {
        if recordingFixer == nil {
            var fixer = Fixer(checker: Checker(ruleSet: RobustnessChecks.fuzzRuleSet()), maxRemovedShare: nil)
            fixer.recordsEdits = true
            recordingFixer = fixer
        }
        let problems = RobustnessChecks.editLogRoundTrip(bytes, fixer: recordingFixer!)
        if !problems.isEmpty { fatalError("edit log: \(problems)") }
    }

    static func run(mode: String, _ bytes: [UInt8]) {
        switch mode {
        case "rules": fuzzRules(bytes)
        case "editlog": fuzzEditLog(bytes)
        default: fuzzText(bytes)
        }
    }
}

import Foundation

#if FUZZING
/// libFuzzer's entry point when its own `main` is left out (`libclang_rt.fuzzer_no_main`), so that the
/// build tools of the package, built with the same flags, keep their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) let fuzzMode = ProcessInfo.processInfo.environment["SCRAPELINT_FUZZ"] ?? "text"

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            FuzzTarget.run(mode: fuzzMode, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }
}
#else
@main
struct Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let mode = arguments.first, FuzzTarget.modes.contains(mode) else {
            FileHandle.standardError.write(Data("usage: scrapelint-fuzz rules|text|editlog FILE...\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            FuzzTarget.run(mode: mode, Array(data))
        }
        print("replayed \(arguments.count - 1) inputs")
    }
}
#endif
