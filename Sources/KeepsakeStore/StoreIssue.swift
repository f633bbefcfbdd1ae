/// Something found wrong (or set right) when a vault was opened or checked. The vault still
/// opens: every intact entry stays readable, and each issue names what is damaged.
public enum StoreIssue: Equatable, Sendable, CustomStringConvertible {
    /// An unfinished write (a crash during an append) was moved aside to `file`; no
    /// acknowledged entry was in it.
    case unfinishedWriteSetAside(byteCount: Int, file: String)
    /// Bytes at the end of the log that form no complete frame (left in place when read-only).
    case tornTail(offset: Int, byteCount: Int)
    /// Damaged bytes at the end of the log that held acknowledged entries, moved to `file`.
    case damagedTailSetAside(byteCount: Int, file: String)
    /// Frame `seq` is there but fails authentication: its bytes were changed.
    case frameDamaged(seq: UInt64)
    /// Frame `seq` was found at the wrong place in the log (moved or swapped).
    case frameOutOfPlace(seq: UInt64, position: Int)
    /// Frame `seq` appears more than once.
    case frameDuplicated(seq: UInt64)
    /// Frame `seq` is absent (removed).
    case frameMissing(seq: UInt64)
    /// Frame `seq` does not follow the frame before it (a frame was replaced or spliced in).
    case chainBroken(seq: UInt64)
    /// From `offset` on, no frame could be read.
    case unreadableFrom(offset: Int)
    /// The vault had acknowledged `acknowledged` frames; only `found` are there (a cut).
    case framesMissingAtEnd(acknowledged: UInt64, found: UInt64)
    /// The last frame is not the one acknowledged (the end of the log was replaced).
    case lastFrameReplaced(seq: UInt64)
    /// The small file that records the last acknowledged frame is damaged or missing.
    case headFileDamaged
    /// One slot of the head file does not open, but the log holds every frame the other slot
    /// records and more: what a crash while that slot was written leaves (or a change to it
    /// that removed nothing). A writer writes the slot again.
    case headUpdateUnfinished
    /// The key-slot file is damaged; an intact slot still opened the vault.
    case keySlotFileDamaged(size: Int)
    /// The checkpoint in frame `seq` does not verify (bad signature or a root that does not
    /// match the frames before it).
    case checkpointInvalid(seq: UInt64)

    /// Whether this is damage (an integrity failure) rather than a routine repair.
    public var isDamage: Bool {
        switch self {
        case .unfinishedWriteSetAside, .tornTail, .headUpdateUnfinished: return false
        default: return true
        }
    }

    public var description: String {
        switch self {
        case let .unfinishedWriteSetAside(count, file):
            return "an unfinished write (\(count) bytes, no saved entry) was set aside as \(file)"
        case let .tornTail(offset, count):
            return "\(count) bytes at the end of the log (offset \(offset)) form no complete entry"
        case let .damagedTailSetAside(count, file):
            return "\(count) damaged bytes at the end of the log were set aside as \(file)"
        case let .frameDamaged(seq): return "entry #\(seq) is damaged: its bytes were changed"
        case let .frameOutOfPlace(seq, position):
            return "entry #\(seq) is out of place (found at position \(position)): entries were moved"
        case let .frameDuplicated(seq): return "entry #\(seq) appears twice"
        case let .frameMissing(seq): return "entry #\(seq) is missing: it was removed"
        case let .chainBroken(seq):
            return "entry #\(seq) does not follow the entry before it: an entry was replaced"
        case let .unreadableFrom(offset):
            return "the log cannot be read from byte \(offset) on"
        case let .framesMissingAtEnd(acknowledged, found):
            return "the vault had \(acknowledged) entries but only \(found) are there: the last \(acknowledged - found) were removed or lost"
        case let .lastFrameReplaced(seq):
            return "the last entry (#\(seq)) is not the one that was saved"
        case .headFileDamaged:
            return "the file that records the last saved entry is damaged or missing"
        case .headUpdateUnfinished:
            return "the last update of the file that records the last saved entry did not finish (the computer may have stopped while saving, or the file was changed); every entry is intact"
        case let .keySlotFileDamaged(size):
            return "the key file is damaged (\(size) bytes); make a new backup now"
        case let .checkpointInvalid(seq):
            return "the signed checkpoint in entry #\(seq) does not verify"
        }
    }
}
