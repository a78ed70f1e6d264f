import Foundation

/// A one-line progress display on standard error, only when it is a terminal: items done (of a known
/// total), bytes, rate and, when the total size is known, the time left.
final class Progress {
    private let enabled: Bool
    private let unit: String
    private let totalItems: Int?
    private let totalBytes: Int?
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var items = 0
    private var bytes = 0

    init(quiet: Bool, unit: String, totalItems: Int? = nil, totalBytes: Int? = nil) {
        enabled = !quiet && isatty(2) == 1
        self.unit = unit
        self.totalItems = totalItems
        self.totalBytes = totalBytes
    }

    func advance(items: Int, bytes: Int) {
        self.items += items
        self.bytes += bytes
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.2 else { return }
        draw()
    }

    private func draw() {
        lastDraw = Date()
        let elapsed = max(0.001, lastDraw.timeIntervalSince(started))
        let rate = Double(bytes) / elapsed
        var line = "\(items)" + (totalItems.map { "/\($0)" } ?? "") + " \(unit)"
        line += " · " + Progress.size(Double(bytes)) + " · " + Progress.size(rate) + "/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            let width = 24
            let filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + line
            if rate > 0 { line += " · ETA \(Int((Double(totalBytes - bytes) / rate).rounded()))s" }
        }
        Output.progress("\r\u{1B}[K" + line)
    }

    /// Clears the line so that what follows starts clean.
    func finish() {
        guard enabled, lastDraw != .distantPast else { return }
        Output.progress("\r\u{1B}[K")
    }

    static func size(_ bytes: Double) -> String {
        if bytes >= 1e9 { return String(format: "%.2f GB", bytes / 1e9) }
        if bytes >= 1e6 { return String(format: "%.1f MB", bytes / 1e6) }
        if bytes >= 1e3 { return String(format: "%.1f kB", bytes / 1e3) }
        return "\(Int(bytes)) B"
    }
}
