import Foundation
import ScrapeLintCore
import Testing

/// The line reader hands out every byte of its inputs as whole lines, in order, with their terminators
/// and numbers, whatever the batch size: it reads straight into each batch's buffer (no chunk copied in
/// between), so batch edges, lines longer than a batch and inputs without a last line break are where it
/// could go wrong.
@Suite struct LineReaderTests {
    private func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scrapelint-lines-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every line of `paths` read in batches of `batchBytes`, and the batches' sizes in lines.
    private func read(_ paths: [String], batchBytes: Int) throws -> (lines: [LineReader.Line], batches: [Int]) {
        var reader = try LineReader(paths: paths, batchBytes: batchBytes)
        defer { reader.close() }
        var lines: [LineReader.Line] = []
        var batches: [Int] = []
        while let batch = try reader.nextBatch() {
            #expect(!batch.isEmpty)
            // A batch holds lines of one input only.
            #expect(Set(batch.map(\.source)).count == 1)
            batches.append(batch.count)
            lines += batch
        }
        return (lines, batches)
    }

    /// A text of `count` lines of varied lengths (some empty, some CRLF, one longer than most batches).
    private func text(lines count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var bytes: [UInt8] = []
        for index in 0..<count {
            let length = index == count / 2 ? 5000 : next() % 90
            bytes += (0..<length).map { UInt8(0x61 + ($0 + index) % 26) }
            bytes += next() % 5 == 0 ? [0x0D, 0x0A] : [0x0A]
        }
        return bytes
    }

    @Test(arguments: [1, 7, 64, 333, 4096, 1 << 20])
    func everyByteInOrder(batchBytes: Int) throws {
        let bytes = text(lines: 400, seed: UInt64(batchBytes)) + Array("last line without a break".utf8)
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (lines, batches) = try read([path], batchBytes: batchBytes)
        #expect(lines.flatMap { Array($0.content) + Array($0.terminator) } == bytes)
        #expect(lines.map(\.number) == Array(1...401))
        #expect(lines.last.map { String(decoding: $0.content, as: UTF8.self) } == "last line without a break")
        #expect(lines.last?.terminator.isEmpty == true)
        #expect(lines.allSatisfy { !$0.content.contains(0x0A) && ($0.terminator.isEmpty || $0.terminator.last == 0x0A) })
        #expect(lines.filter { $0.terminator.elementsEqual([0x0D, 0x0A]) }.allSatisfy { $0.content.last != 0x0D })
        // Batches hold about `batchBytes` each: one line each when a batch is smaller than a line.
        if batchBytes == 1 { #expect(batches.allSatisfy { $0 == 1 }) }
        if batchBytes == 1 << 20 { #expect(batches == [401]) }
    }

    @Test(arguments: [1, 50, 4096])
    func inputsOneAfterTheOther(batchBytes: Int) throws {
        let first = text(lines: 30, seed: 1) + Array("no break at the end".utf8)
        let second = text(lines: 20, seed: 2)
        let paths = [try file(first), try file([]), try file(second)]
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let (lines, _) = try read(paths, batchBytes: batchBytes)
        // The first input's last line gets a line break, so that it does not run into the next input's first.
        #expect(lines.flatMap { Array($0.content) + Array($0.terminator) } == first + [0x0A] + second)
        #expect(lines.map(\.source) == Array(repeating: 0, count: 31) + Array(repeating: 2, count: 20))
        #expect(lines.map(\.number) == Array(1...31) + Array(1...20))
    }
}
