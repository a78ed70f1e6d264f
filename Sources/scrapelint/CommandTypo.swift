import Foundation
import ScrapeLintCore

/// `check` is the default command, so `scrapelint chek a.txt` would check a file named `chek`. A first
/// argument that looks like a command word (no `/`, no `.`, not an option), is no existing file or folder and
/// is not a command is refused instead, with the closest command as a suggestion.
enum CommandTypo {
    /// The message for `arguments` (without the program name), or nil when they are fine.
    static func problem(_ arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !first.contains("/"), !first.contains("."),
              !commands.contains(first), !FileManager.default.fileExists(atPath: first) else { return nil }
        var message = "unknown command `\(first)`"
        if let suggestion = Suggestion.closest(to: first, in: commands) {
            message += "; did you mean `\(suggestion)`?"
        } else {
            message += " (and no file or folder of that name); the commands are \(commands.joined(separator: ", "))."
        }
        return message + " To check a file of that name, use `scrapelint check ./\(first)`."
    }
}
