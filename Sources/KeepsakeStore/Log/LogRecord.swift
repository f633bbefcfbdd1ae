/// One authenticated record of the log: what a frame held.
public struct LogRecord: Sendable, Equatable {
    /// What a record is, as far as the store knows. The vault model puts its entries in
    /// `entry` records; the store writes `checkpoint` records itself.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// An entry of the vault model (its payload is the model's versioned JSON).
        public static let entry = Kind(rawValue: 1)
        /// A signed tree head over the frames before it.
        public static let checkpoint = Kind(rawValue: 2)
        /// Where a new key epoch begins (a passphrase change): the frames after it are sealed
        /// with the new epoch's keys.
        public static let keyRotation = Kind(rawValue: 3)

        public var description: String {
            switch self {
            case .entry: return "entry"
            case .checkpoint: return "checkpoint"
            case .keyRotation: return "key change"
            case .anchorShared: return "anchor printed"
            default: return "kind \(rawValue)"
            }
        }
    }

    /// The frame's sequence number (0 for the first frame).
    public let seq: UInt64
    /// What the record is.
    public let kind: Kind
    /// When it was written: the device clock at append, in milliseconds since 1970 (UTC).
    public let writtenAt: UInt64
    /// The record's content.
    public let payload: [UInt8]

    /// Makes a record.
    public init(seq: UInt64, kind: Kind, writtenAt: UInt64, payload: [UInt8]) {
        self.seq = seq
        self.kind = kind
        self.writtenAt = writtenAt
        self.payload = payload
    }

    /// The bytes sealed in the frame and committed to in the Merkle tree:
    /// kind (1) ‖ writtenAt (u64 BE) ‖ payload.
    public var plaintext: [UInt8] { [kind.rawValue] + writtenAt.bigEndianBytes + payload }

    /// Parses a frame's plaintext; nil when it is shorter than its fixed part.
    init?(seq: UInt64, plaintext: UnsafeRawBufferPointer) {
        guard plaintext.count >= 9 else { return nil }
        self.init(
            seq: seq, kind: Kind(rawValue: plaintext[0]),
            writtenAt: UInt64(bigEndian: plaintext.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
            payload: Array(UnsafeRawBufferPointer(rebasing: plaintext[9...])))
    }
}
