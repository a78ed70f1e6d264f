import Foundation
@testable import ScrapeLintCore

/// Random documents: paragraphs of clean prose (which no built-in rule may touch), noise lines (the
/// built-in rules' own match examples), lines of odd bytes, blank lines, every line ending, sometimes a
/// BOM. Prose paragraphs are kept apart from the rest by blank lines, so that each must come out intact.
struct GeneratedDocument {
    var bytes: [UInt8] = []
    /// The prose lines, without their endings, in order.
    var prose: [[UInt8]] = []

    static let endings: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
    static let oddBytes: [[UInt8]] = [
        [0x00], [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80, 0x80], [0xEF, 0xBB, 0xBF],
        [0x09], [0x20, 0x20], [0xC2, 0xA0], [0xE2, 0x80, 0xA8], [0x0C], [0x1B], [0x7F],
    ]

    /// Sentences from Fixtures/clean (at least eight words, ending a sentence): short lines such as
    /// headlines or "• Instagram" are clean in their own page but rightly removed next to noise.
    static let proseLines: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/clean")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
        return files.flatMap { name -> [String] in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map(String.init).filter { line in
                line.split(separator: " ").count >= 8 && [".", "\"", "\u{201D}"].contains { line.hasSuffix($0) }
            }
        }
    }()

    /// One-line match examples of the built-in rules.
    static let noiseLines: [String] = {
        let rules = (try? RuleSources.builtinRules()) ?? []
        return rules.flatMap(\.examples.match).filter { !$0.contains("\n") && !$0.contains("\r") }
    }()

    init<G: RandomNumberGenerator>(using generator: inout G, blocks: Int = 12) {
        let mixedEndings = Bool.random(using: &generator)
        let fixedEnding = GeneratedDocument.endings.randomElement(using: &generator)!
        func ending() -> [UInt8] { mixedEndings ? GeneratedDocument.endings.randomElement(using: &generator)! : fixedEnding }
        // A CR then an LF would be one CRLF ending, not a blank line: a blank line after a CR ends with CR or CRLF.
        func separator() -> [UInt8] {
            let chosen = ending()
            return bytes.last == 0x0D && chosen == [0x0A] ? [0x0D, 0x0A] : chosen
        }
        if Int.random(in: 0..<8, using: &generator) == 0 { bytes += [0xEF, 0xBB, 0xBF] }
        for block in 0..<blocks {
            if block > 0 { bytes += separator() }
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4:
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let line = Array(GeneratedDocument.proseLines.randomElement(using: &generator)!.utf8)
                    prose.append(line)
                    bytes += line + ending()
                }
            case 4..<8:
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    bytes += Array(GeneratedDocument.noiseLines.randomElement(using: &generator)!.utf8) + ending()
                }
            case 8:
                var line: [UInt8] = Array("odd ".utf8)
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    line += GeneratedDocument.oddBytes.randomElement(using: &generator)! + Array("x".utf8)
                }
                bytes += line + ending()
            default:
                bytes += Array(repeating: 0x20, count: Int.random(in: 0...2, using: &generator))
                bytes += separator()
            }
        }
        // Sometimes no final line ending.
        if Bool.random(using: &generator), let last = bytes.last, last == 0x0A || last == 0x0D {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
    }
}
