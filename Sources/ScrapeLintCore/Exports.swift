// The rule types and the rule loader are part of the library's API, as they were before they moved to a
// target of their own (for the build-time tool embed-rules).
@_exported import ScrapeLintRules
