import Foundation
#if Vectorscan
import CVectorscan
#endif

/// Which Hyperscan-API library the process runs with, and whether it is one whose scans were proven
/// exact (never missing a match) on this project's test inputs: only then is the multi-pattern prefilter
/// on by default. Measured on x86-64 with AVX-512 (see README "How matching works"): Intel Hyperscan
/// 5.4.0 (Debian's `libhyperscan5` 5.4.0-2) missed nothing; Vectorscan 5.4.9 (Debian's `libvectorscan5`)
/// missed matches whatever platform its databases were compiled for (native, without AVX-512, generic).
/// Both libraries have the soname `libhs.so.5`, so the one loaded at run time decides, not the headers.
enum VectorscanLibrary {
    /// `hs_version()` of the loaded library, or nil without the `Vectorscan` trait. Intel Hyperscan
    /// 5.4.0 says `5.4.0 2021-01-26`; Vectorscan 5.4.9 says `5.4.9 ` (no build date).
    static let version: String? = {
        #if Vectorscan
        return String(cString: hs_version())
        #else
        return nil
        #endif
    }()

    /// The version strings of the libraries proven exact, per architecture.
    static let provenVersions: [String] = {
        #if arch(x86_64)
        return ["5.4.0 2021-01-26"]
        #else
        return []
        #endif
    }()

    /// True when the loaded library is one of ``provenVersions`` on this architecture (its scans never
    /// missed a match in the exactness tests): the prefilter is then on by default.
    static var isProvenExact: Bool {
        guard let version else { return false }
        return provenVersions.contains(version)
    }

    /// What `--timings` and the tests print about the library: its version and whether it is proven.
    static var summary: String {
        guard let version else { return "not built in" }
        return "\(version.trimmingCharacters(in: .whitespaces))\(isProvenExact ? " (proven exact, on by default)" : " (not proven exact, off unless --vectorscan)")"
    }
}
