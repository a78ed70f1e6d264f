import ArgumentParser
import Foundation
import ScrapeLintCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lint files (and fix them with --fix, or preview the fix with --diff).",
        discussion: """
        Reports each violation as `path:line:col: severity: message [rule-id]`, then a summary line.
        Folders are searched recursively for files matching --include (default *.txt); `-` reads
        standard input.

        Examples:
          scrapelint check article.txt
          scrapelint check --select layout,counters scraped/
          scrapelint check --fix scraped/
          scrapelint check --diff article.txt > fix.patch && patch -p1 < fix.patch
          scrapelint check --rules my-site.yml --no-builtin page.txt
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check; `-` for standard input.", valueName: "path"))
    var paths: [String] = ["."]

    @Flag(help: "Fix what can be fixed, in place (atomic write; standard input is fixed to standard output).")
    var fix = false

    @Flag(help: "Print a unified diff of what --fix would change, and write nothing.")
    var diff = false

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var reportOptions: ReportOptions

    @Flag(help: "Print the number of violations per rule instead of each violation.")
    var statistics = false

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        if fix && diff { throw ValidationError("--fix and --diff cannot be used together.") }
    }

    func run() throws {
        defer { Output.flush() }
        var plan: RunPlan
        let sink: ReportSink
        do {
            plan = try RunPlan(paths: paths, configOptions: configOptions, ruleOptions: ruleOptions,
                               reportOptions: reportOptions, inputOptions: inputOptions)
            sink = try ReportSink(path: reportOptions.output)
        } catch {
            Output.error(error.report)
            throw ExitCode(Status.error)
        }
        defer { sink.close() }
        let walk = plan.walk
        var errors = walk.problems.count
        for problem in walk.problems { Output.error(problem.report) }

        var reporter = plan.settings.format.value.makeReporter(ruleSet: plan.ruleSets.catalog, color: reportOptions.useColor())
        var summary = RunSummary()
        var counts: [String: (count: Int, fixable: Bool)] = [:]
        var diffChanged = false

        for path in walk.inputs {
            let bytes: [UInt8]
            do { bytes = try FileAccess.read(path) } catch {
                Output.error(error.report)
                errors += 1
                continue
            }
            summary.files += 1
            let checker = plan.checker(for: path)
            let fixer = Fixer(checker: checker)
            var violations: [Violation]
            var document: Document
            var failures: [RuleFailure]
            if fix || diff {
                let outcome = fixer.fix(bytes)
                failures = outcome.failures
                document = Document(outcome.bytes)
                violations = outcome.remaining.violations
                if !outcome.unconverged.isEmpty {
                    Output.error("\(path): error: fixes did not converge after \(fixer.maxPasses) passes; rules involved: \(outcome.unconverged.joined(separator: ", "))")
                    errors += 1
                }
                if diff {
                    let patch = UnifiedDiff.make(old: bytes, new: outcome.bytes, oldLabel: Self.label("a", path), newLabel: Self.label("b", path))
                    if !patch.isEmpty {
                        diffChanged = true
                        Output.write(patch)
                    }
                    for (id, count) in outcome.fixedCounts { counts[id, default: (0, true)].count += count }
                    summary.fixed += outcome.fixedTotal
                    errors += report(failures, path: path)
                    continue
                }
                summary.fixed += outcome.fixedTotal
                for (id, count) in outcome.fixedCounts { counts[id, default: (0, true)].count += count }
                if outcome.bytes != bytes {
                    if path == "-" {
                        Output.write(outcome.bytes)
                    } else {
                        do { try FileAccess.replaceAtomically(path, with: outcome.bytes) } catch {
                            Output.error(error.report)
                            errors += 1
                            continue
                        }
                    }
                } else if path == "-" {
                    Output.write(bytes)
                }
            } else {
                document = Document(bytes)
                let result = checker.check(document)
                violations = result.violations
                failures = result.failures
            }
            errors += report(failures, path: path)
            summary.violations += violations.count
            summary.fixable += violations.filter { $0.fix != nil }.count
            for violation in violations {
                let fixable = violation.fix != nil
                let entry = counts[violation.ruleID] ?? (0, fixable)
                counts[violation.ruleID] = (entry.count + 1, entry.fixable || fixable)
            }
            // Reports of stdin fixed to stdout go to stderr, keeping stdout for the text.
            let text = statistics ? "" : reporter.report(FileReport(path: path, document: document, violations: violations))
            sink.write(text, toStandardError: fix && path == "-")
        }
        summary.errors = errors
        if diff {
            if !diffChanged { Output.error("No fixes to apply.") }
        } else if statistics {
            sink.write(Self.statisticsTable(counts))
        } else {
            sink.write(reporter.finish(summary), toStandardError: fix && walk.inputs.contains("-"))
        }
        Output.flush()
        let status = reportOptions.exitStatus(violations: summary.violations, fixed: summary.fixed, errors: errors, diffChanged: diff ? diffChanged : nil)
        if status != Status.clean { throw ExitCode(status) }
    }

    /// Reports runaway rules on standard error; returns how many there were.
    private func report(_ failures: [RuleFailure], path: String) -> Int {
        for failure in failures {
            Output.error("\(path): error: rule `\(failure.ruleID)` was stopped: \(failure.message); its matches in this file are not reported")
        }
        return failures.count
    }

    static func label(_ side: String, _ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        return "\(side)/\(trimmed)"
    }

    static func statisticsTable(_ counts: [String: (count: Int, fixable: Bool)]) -> String {
        let rows = counts.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        let width = rows.map { String($0.value.count).count }.max() ?? 1
        return rows.map { id, entry in
            let number = String(entry.count)
            return String(repeating: " ", count: width - number.count) + number + "\t" + id + (entry.fixable ? "\t[*]" : "")
        }.joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
    }
}
