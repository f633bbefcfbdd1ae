import Foundation
import KeepsakeCrypto
import KeepsakeStore

/// One log record disclosed in `entries.json`, with what a recipient needs to prove it was in
/// the vault's signed tree: its exact bytes, its salt and its inclusion proof.
///
/// The leaf is recomputed as `EntryCommitment.leafHash(salt, seq, kind ‖ writtenAt ‖ payload)`
/// (docs/FORMAT.md, "Merkle tree and checkpoints") and checked against the signed tree head.
public struct DisclosedEntry: Codable, Sendable, Equatable {
    /// The record's position in the log (its leaf index).
    public var seq: UInt64
    /// The record kind byte (1: an entry).
    public var recordKind: UInt8
    /// When it was written down, by the device clock, in ms since 1970 (UTC).
    public var writtenAtMilliseconds: UInt64
    /// The same, readable (ISO 8601, UTC).
    public var writtenAt: String
    /// The entry's exact JSON bytes, base64 (what the proof covers).
    public var payload: String
    /// The commitment salt, hex.
    public var salt: String
    /// The RFC 9162 inclusion proof against the bundle's signed tree head, hex hashes.
    public var inclusionProof: [String]

    /// Discloses a record.
    init(record: LogRecord, salt: [UInt8], proof: [[UInt8]]) {
        seq = record.seq
        recordKind = record.kind.rawValue
        writtenAtMilliseconds = record.writtenAt
        writtenAt = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(record.writtenAt) / 1000))
        payload = Base64.encode(record.payload, variant: .original)
        self.salt = HexText.string(salt)
        inclusionProof = proof.map(HexText.string)
    }

    /// The payload's bytes, or nil when it is not valid base64.
    public var payloadBytes: [UInt8]? { try? Base64.decode(payload, variant: .original) }

    /// The leaf hash this entry commits to, or nil when a field is malformed.
    public func leafHash() -> [UInt8]? {
        guard let bytes = payloadBytes, let saltBytes = HexText.bytes(salt), saltBytes.count == 32 else { return nil }
        let record = LogRecord(seq: seq, kind: .init(rawValue: recordKind), writtenAt: writtenAtMilliseconds, payload: bytes)
        return EntryCommitment.leafHash(salt: saltBytes, seq: seq, plaintext: record.plaintext)
    }

    /// Whether the inclusion proof places this entry in the tree of `treeSize` with `root`.
    public func isIncluded(treeSize: UInt64, root: [UInt8]) -> Bool {
        guard let leaf = leafHash(), seq < treeSize else { return false }
        let proof = inclusionProof.compactMap(HexText.bytes)
        guard proof.count == inclusionProof.count else { return false }
        return MerkleVerifier.verifyInclusion(
            leafHash: leaf, leafIndex: Int(seq), treeSize: Int(treeSize), proof: proof, root: root)
    }
}

/// The file `entries.json`.
public struct EntriesFile: Codable, Sendable, Equatable {
    /// "keepsake-entries/1".
    public var format: String
    /// The disclosed records, in log order.
    public var entries: [DisclosedEntry]
}

/// Lower-case hex.
enum HexText {
    static func string(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0, chars.count <= 1 << 20 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        default: return nil
        }
    }
}
