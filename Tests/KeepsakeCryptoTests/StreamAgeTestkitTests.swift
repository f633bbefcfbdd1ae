import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

extension StreamTests {
    /// The age testkit's `stream_*` cases (C2SP/CCTV): real age files whose header gives the
    /// file key. The payload key is derived here as age does (HKDF-SHA-256 of the file key,
    /// salt = the payload's 16-byte nonce, info "payload") and the rest of the payload is
    /// opened by every decryption path. A case must succeed exactly when it says so, and the
    /// plaintext handed out (before any error) must have the case's `payload:` hash.
    @Suite struct AgeTestkit {
        /// Each case and the error this implementation gives (nil: success). Header failures
        /// (a payload without its 16-byte nonce) are not the stream's business.
        static let cases: [String: CryptoError?] = [
            "stream_257_chunks": nil,
            "stream_257_chunks_full": nil,
            "stream_258_chunks": nil,
            "stream_empty_payload": nil,
            "stream_last_chunk_full": nil,
            "stream_last_chunk_full_second": nil,
            "stream_three_chunks": nil,
            "stream_bad_tag_second_chunk": .authenticationFailed,
            "stream_bad_tag_second_chunk_full": .authenticationFailed,
            "stream_missing_tag": .authenticationFailed,
            "stream_no_final": .authenticationFailed,
            "stream_no_final_full": .streamTruncated,
            "stream_no_final_two_chunks": .authenticationFailed,
            "stream_short_chunk": .authenticationFailed,
            "stream_trailing_garbage_long": .streamTrailingData,
            "stream_trailing_garbage_short": .streamTrailingData,
            "stream_two_final_chunks": .streamTrailingData,
            "stream_two_final_chunks_full": .streamTrailingData,
            "stream_two_final_chunks_second": .streamTrailingData,
        ]
        static let headerFailures = ["stream_no_nonce", "stream_short_nonce"]

        @Test func everyStreamCaseInTheFolderIsListed() throws {
            let folder = try TestVectors.url("age-testkit")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("stream_") }
            #expect(Set(names) == Set(Self.cases.keys).union(Self.headerFailures))
        }

        @Test(arguments: cases.keys.sorted())
        func payloadOpensAsAgeSays(name: String) throws {
            let testCase = try TestkitCase(name)
            let expectedError = try #require(Self.cases[name])
            #expect((testCase.expect == "success") == (expectedError == nil), "\(testCase.expect)")
            let key = try testCase.payloadKey()
            for (path, run) in StreamFixture.allRuns(testCase.stream, key: key) {
                #expect(
                    run.error as? CryptoError == expectedError,
                    "\(path): \(String(describing: run.error))")
                #expect(Hex.encode(SHA256.hash(run.released)) == testCase.payloadHash, "\(path)")
            }
            print(
                "age testkit \(name): \(expectedError.map { "\($0)" } ?? "success") on every path")
        }

        @Test(arguments: headerFailures)
        func payloadsWithoutANonceAreHeaderFailures(name: String) throws {
            let testCase = try TestkitCase(name)
            #expect(testCase.expect == "header failure")
            #expect(testCase.payload.count < 16)
        }
    }
}

/// One age testkit file: `key: value` lines, an empty line, then the age file (zlib-compressed
/// when the header says so).
private struct TestkitCase {
    var expect = ""
    var payloadHash: String?
    var fileKey: [UInt8] = []
    /// Everything after the header's `--- MAC` line.
    var payload: [UInt8] = []

    init(_ name: String) throws {
        let bytes = Array(try TestVectors.data("age-testkit/" + name))
        let split = try #require(bytes.indices.first { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a })
        var compressed = false
        for line in String(decoding: bytes[..<split], as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            switch parts[0] {
            case "expect": expect = parts[1]
            case "payload": payloadHash = parts[1]
            case "file key": fileKey = Hex.decode(parts[1])
            case "compressed": compressed = parts[1] == "zlib"
            default: break
            }
        }
        var file = Array(bytes[(split + 2)...])
        if compressed { file = try Inflate.zlib(file) }
        // The header ends with the line "--- <MAC>".
        let macLine = try #require(
            file.indices.first {
                file[$0] == 0x0a && file[($0 + 1)...].starts(with: Array("--- ".utf8))
            })
        let end = try #require(file[(macLine + 1)...].firstIndex(of: 0x0a))
        payload = Array(file[(end + 1)...])
    }

    /// The payload key: HKDF-SHA-256(file key, salt = payload nonce, info "payload").
    func payloadKey() throws -> SymmetricKey {
        let prk = HKDF.extract(
            salt: Array(payload.prefix(16)), inputKeyMaterial: SecureBytes(copying: fileKey))
        return try SymmetricKey(
            HKDF.expand(pseudoRandomKey: prk, info: Array("payload".utf8), outputByteCount: 32))
    }

    /// The sealed chunks after the payload nonce.
    var stream: [UInt8] { Array(payload.dropFirst(16)) }
}
