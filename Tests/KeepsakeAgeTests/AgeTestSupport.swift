import Foundation
import KeepsakeAge
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Runs the stock `age` and `age-keygen` programs. CI installs them (`apt-get install age`);
/// when they are missing the interop tests fail with a message saying so. They never skip.
enum StockAge {
    /// The path of `tool` (`age`, `age-keygen`…): the Debian package's first, then `PATH`.
    /// - Throws: a test failure naming the tool and how to install it, if it is missing.
    static func executable(_ tool: String, package: String = "age") throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = ["/usr/bin/\(tool)"] + path.split(separator: ":").map { "\($0)/\(tool)" }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(
            found,
            "the stock \(tool) CLI is missing (looked for /usr/bin/\(tool) and in PATH); install it with `apt-get install \(package)`: the interop tests need it")
    }

    /// Runs `tool` with `arguments` and no input.
    static func run(_ tool: String, _ arguments: [String]) throws -> ProgramRunner.Result {
        try ProgramRunner(executable: executable(tool)).run(arguments)
    }

    /// Makes a key with `age-keygen -o` in `folder`; returns the file's path.
    static func keygen(in folder: TemporaryFolder, name: String) throws -> String {
        let path = folder.appending(name)
        let result = try run("age-keygen", ["-o", path])
        try #require(result.status == 0, "\(result)")
        return path
    }

    /// `age -d -i identityFile` of `file`; returns the plaintext.
    static func decrypt(_ file: [UInt8], identityFile: String, in folder: TemporaryFolder) throws -> [UInt8] {
        let input = folder.appending("stock-in.age"), output = folder.appending("stock-out")
        TestFiles.remove(output)
        TestFiles.write(file, to: input)
        let result = try run("age", ["-d", "-i", identityFile, "-o", output, input])
        try #require(result.status == 0, "\(result)")
        return TestFiles.read(output)
    }

    /// `age -r … [-a]` of `plaintext`; returns the age file.
    static func encrypt(
        _ plaintext: [UInt8], to recipients: [AgeRecipient], armored: Bool = false, in folder: TemporaryFolder
    ) throws -> [UInt8] {
        let input = folder.appending("stock-plain"), output = folder.appending("stock-out.age")
        TestFiles.remove(output)
        TestFiles.write(plaintext, to: input)
        let arguments = recipients.flatMap { ["-r", "\($0)"] } + (armored ? ["-a"] : []) + ["-o", output, input]
        let result = try run("age", arguments)
        try #require(result.status == 0, "\(result)")
        return TestFiles.read(output)
    }
}

/// Fixed keys and content for the tests.
enum Sample {
    /// The X25519 identity written out in the age specification (c2sp.org/age).
    static let specIdentity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
    /// Its recipient, as the specification gives it.
    static let specRecipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"

    /// An identity whose scalar is `byte` repeated.
    static func identity(_ byte: UInt8) -> AgeIdentity {
        AgeIdentity(privateKey: try! X25519.PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: byte, count: 32))))
    }

    /// `count` pseudo-random bytes, the same for the same seed (SplitMix64).
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return generator.bytes(count)
    }

    /// A passphrase for the tests.
    static let passphrase = Passphrase(copying: "correct horse battery staple")
}

/// What a decryption gave: the plaintext handed out, and the error if it failed.
struct DecryptionRun {
    var released: [UInt8] = []
    var error: AgeError?
}

enum Decrypt {
    /// Decrypts with `AgeReader`, pulling odd-sized pieces, keeping what was handed out.
    static func byReader(
        _ file: [UInt8], _ decryptor: AgeDecryptor, format: AgeInputFormat = .automatic, readSize: Int = 10_007
    ) -> DecryptionRun {
        var run = DecryptionRun()
        do {
            let reader = try decryptor.reader(from: BytesSource(file, maximumReadCount: 4_099), format: format)
            var buffer = [UInt8](repeating: 0, count: readSize)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if count == 0 { break }
                run.released += buffer[..<count]
            }
            if run.released.count != reader.releasedByteCount { Issue.record("released count mismatch") }
        } catch {
            run.error = error as? AgeError ?? .io(error)
        }
        return run
    }

    /// Decrypts with the parallel `decrypt(from:to:)`, keeping what reached the sink.
    static func inParallel(_ file: [UInt8], _ decryptor: AgeDecryptor, format: AgeInputFormat = .automatic)
        -> DecryptionRun
    {
        var source = BytesSource(file)
        var sink = BytesSink()
        var run = DecryptionRun()
        do {
            let summary = try decryptor.decrypt(from: &source, to: &sink, format: format, hashPlaintext: true)
            if summary.sha256 != SHA256.hash(sink.bytes) { Issue.record("summary hash mismatch") }
        } catch {
            run.error = error
        }
        run.released = sink.bytes
        return run
    }
}
