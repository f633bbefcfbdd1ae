import Foundation
import KeepsakeAge
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Every case of the age testkit (C2SP/CCTV `age/testdata`, in Tests/Vectors/age-testkit):
/// decryption succeeds exactly when the case says `success`, the plaintext handed out has the
/// case's `payload:` hash (also before a payload failure), and a failure is of the class the
/// case names. Each case runs through the pulling reader and the parallel decryption.
@Suite struct AgeTestkitTests {
    /// The testkit's outcomes.
    enum Outcome: String, CaseIterable {
        case success
        case noMatch = "no match"
        case hmacFailure = "HMAC failure"
        case headerFailure = "header failure"
        case payloadFailure = "payload failure"
        case armorFailure = "armor failure"
    }

    /// The testkit outcome an `AgeError` stands for (nil: an error no case should give).
    static func outcome(of error: AgeError?) -> Outcome? {
        switch error {
        case nil: return .success
        case .noIdentityMatched: return .noMatch
        case .invalidHeader, .workFactorTooHigh: return .headerFailure
        case .headerMACMismatch: return .hmacFailure
        case .payloadFailed: return .payloadFailure
        case .invalidArmor: return .armorFailure
        default: return nil
        }
    }

    /// Cases for recipient types Keepsake does not implement: post-quantum `mlkem768x25519`
    /// (`hybrid` in the name) and the P-256 tag types. A case named so still runs when it
    /// also gives an X25519 identity (then only the X25519 identities are used).
    static func isSkipped(_ name: String, _ testCase: TestkitCase) -> Bool {
        let unsupported = ["hybrid", "p256tag", "tagpq"].contains { name.contains($0) }
        return unsupported && testCase.x25519Identities.isEmpty
    }

    @Test func everyCaseDecryptsAsTheTestkitSays() throws {
        let folder = try TestVectors.url("age-testkit")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != "LICENSE" && !$0.hasPrefix(".") }.sorted()
        try #require(names.count >= 100, "the age testkit folder holds only \(names.count) cases")
        var run: [Outcome: Int] = [:], passed: [Outcome: Int] = [:]
        var skipped: [String] = []
        for name in names {
            let testCase = try TestkitCase(name)
            if Self.isSkipped(name, testCase) {
                skipped.append(name)
                continue
            }
            run[testCase.expect, default: 0] += 1
            if try check(testCase, name: name) { passed[testCase.expect, default: 0] += 1 }
        }
        print("age testkit: \(names.count) cases, \(names.count - skipped.count) run, \(skipped.count) skipped")
        for outcome in Outcome.allCases {
            print("  \(outcome.rawValue): \(passed[outcome] ?? 0) of \(run[outcome] ?? 0) passed")
        }
        print("  skipped (post-quantum / tag recipients): \(skipped.joined(separator: ", "))")
        #expect(run.values.reduce(0, +) + skipped.count == names.count)
        #expect(passed == run)
        #expect(skipped.allSatisfy { $0.contains("hybrid") })
    }

    /// Runs one case through every path; records failures and says whether all passed.
    private func check(_ testCase: TestkitCase, name: String) throws -> Bool {
        let decryptor = try AgeDecryptor(
            identities: testCase.x25519Identities.map { try AgeIdentity(parsing: $0) },
            passphrases: testCase.passphrases.map { Passphrase(copying: $0) })
        let format: AgeInputFormat = testCase.armored ? .armored : .binary
        var paths = [
            ("reader", Decrypt.byReader(testCase.file, decryptor, format: format)),
            ("parallel", Decrypt.inParallel(testCase.file, decryptor, format: format)),
        ]
        if !testCase.armored {
            paths.append(("automatic", Decrypt.byReader(testCase.file, decryptor, format: .automatic)))
        }
        var ok = true
        for (path, result) in paths {
            let outcome = Self.outcome(of: result.error)
            if outcome != testCase.expect {
                Issue.record("\(name) [\(path)]: expected \(testCase.expect.rawValue), got \(result.error.map { "\($0)" } ?? "success")")
                ok = false
            }
            let expectedHash = testCase.payloadHash ?? Hex.encode(SHA256.hash([]))
            if Hex.encode(SHA256.hash(result.released)) != expectedHash {
                Issue.record("\(name) [\(path)]: released \(result.released.count) bytes with another hash")
                ok = false
            }
            if case let .payloadFailed(_, released) = result.error, released != UInt64(result.released.count) {
                Issue.record("\(name) [\(path)]: error says \(released) bytes released, sink has \(result.released.count)")
                ok = false
            }
        }
        return ok
    }
}

/// One age testkit file: `key: value` lines, an empty line, then the age file (zlib-compressed
/// when the header says so).
struct TestkitCase {
    var expect = AgeTestkitTests.Outcome.success
    var payloadHash: String?
    var identities: [String] = []
    var passphrases: [String] = []
    var armored = false
    var file: [UInt8] = []

    /// The identities in the X25519 format (`AGE-SECRET-KEY-1…`), which Keepsake reads.
    var x25519Identities: [String] { identities.filter { $0.hasPrefix("AGE-SECRET-KEY-1") } }

    init(_ name: String) throws {
        let bytes = Array(try TestVectors.data("age-testkit/" + name))
        let split = try #require(
            bytes.indices.dropLast().first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a },
            "\(name): no empty line after the case's header")
        var compressed = false
        for line in String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            try #require(parts.count == 2, "\(name): malformed line \(line)")
            switch parts[0] {
            case "expect":
                expect = try #require(AgeTestkitTests.Outcome(rawValue: parts[1]), "\(name): expect \(parts[1])")
            case "payload": payloadHash = parts[1]
            case "identity": identities.append(parts[1])
            case "passphrase": passphrases.append(parts[1])
            case "armored": armored = parts[1] == "yes"
            case "compressed": compressed = parts[1] == "zlib"
            default: break
            }
        }
        file = Array(bytes[(split + 2)...])
        if compressed { file = try Inflate.zlib(file) }
    }
}
