/// A setting's value with where it came from, so that `config --show` can say.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var source: SettingSource

    public init(_ value: Value, _ source: SettingSource) {
        self.value = value
        self.source = source
    }
}

/// Where a setting was set.
public enum SettingSource: Sendable, Hashable, CustomStringConvertible {
    case defaultValue
    /// A configuration file, at the value's position.
    case file(path: String, line: Int, column: Int)
    /// A command-line option.
    case commandLine(String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path, let line, let column): "\(path):\(line):\(column)"
        case .commandLine(let option): "command line (\(option))"
        }
    }
}
