/// Rule files that several end-to-end suites load.
enum SharedRules {
    /// One user rule, `site-promo` (category `promo`), deleting a line that is exactly `Promo`.
    static let promo = """
    rules:
      - id: site-promo
        category: promo
        severity: warning
        message: promo
        description: A promo line.
        pattern: '^Promo$'
        fix: delete-line
        examples: {match: ["Promo"], no-match: ["Prose"]}

    """
}
