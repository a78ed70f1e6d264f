/// The version of scrapelint (the library and the command line).
public enum ScrapeLintVersion {
    public static let current = "0.1.0"
}
