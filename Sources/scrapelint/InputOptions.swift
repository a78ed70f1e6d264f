import ArgumentParser
import ScrapeLintCore

/// Which files `check` takes from folders.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Glob of file names to check in folders (repeatable; default *.txt).", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Glob of file or folder names to skip in folders (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Flag(help: "Follow symbolic links met in folders, when they lead to a file or folder inside the folder given (default: links in folders are skipped).")
    var follow = false

    @Flag(name: .customLong("no-ignore"), help: "Take files from folders even when git would ignore them (.gitignore, .ignore, .git/info/exclude, the global excludes file); by default what they ignore is skipped, inside a git repository. Files named on the command line are always checked.")
    var noIgnore = false

    /// Adds what these options set to the command line's settings layer.
    func apply(to layer: inout SettingsLayer) {
        if !include.isEmpty { layer.include = Sourced(include, .commandLine("--include")) }
        if !exclude.isEmpty { layer.exclude = Sourced(exclude, .commandLine("--exclude")) }
    }
}
