import Foundation
import PackagePlugin

/// Embeds `Rules/*.yml` into the target as generated Swift source, re-run whenever a rule file changes.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let files = try FileManager.default.contentsOfDirectory(at: rules, includingPropertiesForKeys: nil)
            .filter { ["yml", "yaml"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulePacks.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) built-in rule packs",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
