import ArgumentParser
import ScrapeLintCore

/// The safety valve of fixing: a document whose fixes would remove too large a share of its words is left
/// as it is and reported.
struct FixOptions: ParsableArguments {
    @Option(name: .customLong("max-removal"), help: ArgumentHelp(
        "Do not fix a document (of \(Fixer.defaultValveMinimumWords) words or more) when the fixes would remove more than this percentage of its words.",
        valueName: "percent"))
    var maxRemoval = Int(Fixer.defaultMaxRemovedShare * 100)

    @Flag(name: .customLong("no-limit"), help: "Turn the --max-removal safety valve off.")
    var noLimit = false

    func validate() throws {
        guard (1...100).contains(maxRemoval) else { throw ValidationError("--max-removal takes a percentage from 1 to 100.") }
    }

    func makeFixer(_ checker: Checker) -> Fixer {
        Fixer(checker: checker, maxRemovedShare: noLimit ? nil : Double(maxRemoval) / 100)
    }
}
