import ArgumentParser

/// A size on the command line: a number of bytes, or of KiB, MiB, GiB with the suffix `K`, `M`, `G`
/// (`512M`, `2G`; either case), more than zero.
struct ByteSize: ExpressibleByArgument, Equatable {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var digits = Substring(argument)
        var unit = 1
        if let last = digits.last, let shift = ["k": 10, "m": 20, "g": 30][last.lowercased()] {
            unit = 1 << shift
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits), count > 0 else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        self.bytes = bytes
    }
}
