import ScrapeLintCore

/// The end of every checking run, in one place: the `--statistics` table, the `--statistics-json` file
/// and the `--timings` table. A `--statistics-json` that cannot be written is returned, and every caller
/// turns it into exit status 2, whatever the mode.
enum StatisticsOutput {
    /// `table` prints the statistics table where the mode's report goes.
    static func write(_ statistics: Statistics, run: RunOptions, unit: String, table: (String) -> Void) -> ScrapeLintError? {
        if run.statistics { table(statistics.table(unit: unit)) }
        var failure: ScrapeLintError?
        if let target = run.statisticsTarget {
            do { try target.write(Array(statistics.json().utf8)) } catch { failure = error }
        }
        if run.timings { Output.error(statistics.timingsTable()) }
        return failure
    }
}
