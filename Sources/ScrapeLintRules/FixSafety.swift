/// How safe a rule's fix is, as ruff classifies fixes: `--fix` applies the safe ones; the unsafe ones (they
/// may remove text a reader would want, such as a whole paragraph, or rewrite it) only with
/// `--unsafe-fixes`. `clean` applies both: it is the corpus filter.
public enum FixSafety: String, CaseIterable, Sendable, Hashable {
    case safe, unsafe

    /// The safety of a fix kind when its rule declares none: `delete-paragraph` and `replace` are unsafe,
    /// the others safe.
    public static func `default`(for kind: Rule.FixKind) -> FixSafety {
        switch kind {
        case .deleteParagraph, .replace: .unsafe
        case .deleteLine, .deleteMatch, .none: .safe
        }
    }
}

extension Rule {
    /// The rule's fix safety: the declared `fix-safety`, else the default of its fix kind.
    public var effectiveFixSafety: FixSafety { fixSafety ?? .default(for: fix) }
}
