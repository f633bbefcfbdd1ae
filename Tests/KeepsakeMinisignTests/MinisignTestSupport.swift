import Foundation
import KeepsakeCrypto
import KeepsakeMinisign
import KeepsakeTestSupport
import Testing

/// Runs the stock `minisign` program. CI installs it (`apt-get install minisign`); when it is
/// missing the interop tests fail with a message saying so. They never skip.
enum StockMinisign {
    /// What a run produced.
    typealias Result = ProgramRunner.Result

    /// Where the tool is looked for: the Debian package's path first, then `PATH`.
    static var candidates: [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return ["/usr/bin/minisign"] + path.split(separator: ":").map { "\($0)/minisign" }
    }

    /// The tool's path.
    /// - Throws: a test failure naming the tool and how to install it, if it is missing.
    static func executable() throws -> String {
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(
            found,
            "the stock minisign CLI is missing (looked for /usr/bin/minisign and in PATH); install it with `apt-get install minisign`: the interop tests need it")
    }

    /// Runs minisign with `arguments` (empty input; keys made with `-W` need no password).
    static func run(_ arguments: [String]) throws -> Result {
        try ProgramRunner(executable: try executable()).run(arguments)
    }

    /// `minisign -V` of `content` against our signature and public key, written to `folder`.
    static func verify(
        _ content: [UInt8], signature: String, publicKey: String, in folder: TemporaryFolder
    ) throws -> Result {
        TestFiles.write(content, to: folder.appending("content"))
        TestFiles.write(Array(signature.utf8), to: folder.appending("content.minisig"))
        TestFiles.write(Array(publicKey.utf8), to: folder.appending("key.pub"))
        return try run([
            "-V", "-p", folder.appending("key.pub"), "-m", folder.appending("content"),
            "-x", folder.appending("content.minisig"),
        ])
    }
}

/// Fixed keys and content for the tests.
enum Sample {
    /// RFC 8032 §7.1 test 1's secret key (seed), whose public key is published there.
    static let rfc8032Seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")

    /// A signer for a seed made of `byte` repeated.
    static func signer(_ byte: UInt8) -> MinisignSigner {
        MinisignSigner(signingKey: try! Ed25519.PrivateKey(seed: SecureBytes(copying: [UInt8](repeating: byte, count: 32))))
    }

    /// A hasher fed `content` in chunks of the given sizes, taken in turn.
    static func streamed(_ content: [UInt8], chunkSizes: [Int]) -> MinisignHasher {
        var hasher = MinisignHasher()
        var offset = 0, turn = 0
        while offset < content.count {
            let end = min(offset + chunkSizes[turn % chunkSizes.count], content.count)
            hasher.update(content[offset..<end])
            offset = end
            turn += 1
        }
        return hasher
    }

    /// `count` pseudo-random bytes, the same for the same seed.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return generator.bytes(count)
    }
}

extension String {
    /// The text with its `line`-th line (from 0) replaced by `replacement`.
    func replacingLine(_ line: Int, with replacement: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line] = replacement
        return lines.joined(separator: "\n")
    }

    /// The `line`-th line (from 0).
    func line(_ line: Int) -> String {
        String(split(separator: "\n", omittingEmptySubsequences: false)[line])
    }
}
