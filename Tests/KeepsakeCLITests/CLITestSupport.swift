import Foundation
import KeepsakeTestSupport

/// A vault made through the CLI for one test, with cheap KDF settings and the passphrase
/// always sent on standard input.
final class CLIVault {
    let folder = TemporaryFolder()
    var runner = ProgramRunner(product: "keepsake")
    let passphrase: String
    var path: String { folder.appending("vault") }

    /// - Parameter passphrase: the vault's passphrase; a test that searches files for it
    ///   (`NoTracesTests`) gives one of its own, so another test's files can't hold it.
    init(create: Bool = true, passphrase: String = "stable river lantern quilt") throws {
        self.passphrase = passphrase
        if create {
            let result = try run(["init", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"])
            precondition(result.status == 0, "init failed: \(result)")
        }
    }

    /// Runs `keepsake ARGS --vault PATH --passphrase-stdin` with the passphrase (and any
    /// further lines) on standard input.
    /// `killAfter`: seconds after which the program is killed (`Result.timedOut`).
    @discardableResult
    func run(
        _ arguments: [String], extraInput: [String] = [], passphrase: String? = nil, killAfter: Double? = nil
    ) throws -> ProgramRunner.Result {
        let input = ([passphrase ?? self.passphrase] + extraInput).joined(separator: "\n") + "\n"
        return try runner.run(arguments + ["--vault", path, "--passphrase-stdin"], input: input, killAfter: killAfter)
    }

    /// Runs a reading command with --json and decodes its output.
    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let result: ProgramRunner.Result
    var description: String { "\(result)" }
}
