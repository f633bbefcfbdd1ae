import Foundation

/// Runs a program built by this package (found beside the test bundle) and collects what it
/// printed and how it ended.
public struct ProgramRunner: Sendable {
    /// What a run produced.
    public struct Result: Sendable, CustomStringConvertible {
        /// Exit status.
        public var status: Int32
        /// Standard output, as text.
        public var output: String
        /// Standard error, as text.
        public var errors: String

        public var description: String { "exit \(status)\nstdout: \(output)\nstderr: \(errors)" }
    }

    /// The path of a product built into the same folder as the running tests.
    public static func builtProduct(_ name: String) -> String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [here, Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL] {
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return here.appendingPathComponent(name).path
    }

    /// The program's path.
    public let executable: String
    /// Extra environment variables (the rest is inherited, minus KEEPSAKE_VAULT).
    public var environment: [String: String] = [:]

    /// A runner for a built product.
    public init(product: String) { executable = Self.builtProduct(product) }

    /// A runner for a program at a path (a stock tool such as `/usr/bin/age`).
    public init(executable: String) { self.executable = executable }

    /// Runs with `arguments`, writing `input` to standard input, and waits.
    public func run(_ arguments: [String], input: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEEPSAKE_VAULT")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }
}
