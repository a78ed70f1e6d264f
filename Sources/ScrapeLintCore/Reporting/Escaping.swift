extension String {
    /// The text with every scalar for which `replacement` gives a string replaced by that string: the one
    /// loop behind the escaping of each output format.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in unicodeScalars {
            if let text = replacement(scalar) { result += text } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
