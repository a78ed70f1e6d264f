// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "scrapelint",
    products: [
        .executable(name: "scrapelint", targets: ["scrapelint"]),
        .library(name: "ScrapeLintCore", targets: ["ScrapeLintCore"]),
    ],
    traits: [
        .trait(name: "Vectorscan", description: "A Hyperscan-API multi-pattern prefilter in front of PCRE2 (needs libhs: libhyperscan-dev on x86-64, libvectorscan-dev elsewhere)."),
        .default(enabledTraits: ["Vectorscan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The system PCRE2 library (8-bit code units), seen through a small shim header.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // The system Hyperscan-API library (Intel Hyperscan on x86-64, Vectorscan elsewhere), used only with
        // the (default) Vectorscan trait.
        .systemLibrary(
            name: "CVectorscan",
            pkgConfig: "libhs",
            providers: [.apt(["libvectorscan-dev"])]
        ),
        // The system OpenSSL library's digests (SHA-256 of the edit log), seen through a small shim header.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The system libgit2, for the ignore rules of git repositories in folder walks (libgit2-dev).
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // The system zlib and zstd libraries: gzip- and zstd-compressed JSON Lines, read and written.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // The extended-attribute calls of the C library (not in Swift's Glibc module).
        .systemLibrary(name: "CXAttr"),
        // A safe Swift wrapper over PCRE2 that knows nothing about linting.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // Rules as data and the strict YAML rule loader (its diagnostics with path:line:col). A target of its
        // own so that the build-time tool embed-rules loads the built-in packs with this very loader.
        .target(name: "ScrapeLintRules", dependencies: ["PCRE2", .product(name: "Yams", package: "Yams")]),
        // The engine: rules, scopes, checking, fixing, diffs. No argument parsing, no printing, no exit.
        .target(
            name: "ScrapeLintCore",
            dependencies: [
                "ScrapeLintRules", "PCRE2", "CLibCrypto", "CGit2", "CXAttr", "CZlib", "CZstd", .product(name: "Yams", package: "Yams"),
                .target(name: "CVectorscan", condition: .when(traits: ["Vectorscan"])),
            ],
            plugins: ["EmbedRules"]
        ),
        // The command line.
        .executableTarget(
            name: "scrapelint",
            dependencies: [
                "ScrapeLintCore",
                "PCRE2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The library example of the README (a test checks that the README shows this very code).
        .executableTarget(name: "library-example", dependencies: ["ScrapeLintCore"], path: "Examples/LibraryExample"),
        // The libFuzzer harness (scripts/fuzz); built normally it replays inputs. Not used by the tests.
        .executableTarget(name: "scrapelint-fuzz", dependencies: ["ScrapeLintCore"]),
        // Build-time tool and plugin that load Rules/*.yml with the rule loader (a broken pack fails the
        // build with its path:line:col) and embed the loaded rules into ScrapeLintCore as Swift source.
        .executableTarget(name: "embed-rules", dependencies: ["ScrapeLintRules"], path: "Sources/embed-rules"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["embed-rules"]),

        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(
            name: "ScrapeLintCoreTests",
            dependencies: ["ScrapeLintCore", "ScrapeLintRules", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["scrapelint", "library-example", "ScrapeLintCore", "CXAttr", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
