/// The payload of a key-rotation record (`LogRecord.Kind.keyRotation`): the log's own note
/// that key generation `generation` begins at frame `firstSeq` (the frame after this one).
/// Sealed with the keys of the epoch before, so a key file from before the change reads it,
/// stops there, and is named as an older copy.
///
///     payload = generation (u64) ‖ first frame of the new epoch (u64)
struct KeyRotationRecord: Equatable, Sendable {
    let generation: UInt64
    let firstSeq: UInt64

    init(generation: UInt64, firstSeq: UInt64) {
        self.generation = generation
        self.firstSeq = firstSeq
    }

    /// Parses a payload; nil when it is not 16 bytes.
    init?(_ payload: [UInt8]) {
        guard payload.count == 16 else { return nil }
        generation = UInt64(bigEndianBytes: payload[0..<8])
        firstSeq = UInt64(bigEndianBytes: payload[8..<16])
    }

    var payload: [UInt8] { generation.bigEndianBytes + firstSeq.bigEndianBytes }
}
