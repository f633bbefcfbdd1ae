import KeepsakeCrypto

/// The last acknowledged state of the log: frame count, log length and the last frame's hash.
/// Kept in a second small file so that a clean cut (whole frames removed from the end) is
/// caught.
struct LogHead: Equatable {
    /// Frames acknowledged.
    var frameCount: UInt64
    /// Bytes of log they occupy.
    var logLength: UInt64
    /// Hash of the last acknowledged frame (the genesis value when there is none).
    var lastHash: [UInt8]

    /// Sealed size: nonce (24) ‖ XChaCha20-Poly1305(count ‖ length ‖ hash ‖ 16 zero bytes).
    static let sealedByteCount = 24 + 64 + 16

    /// Seals the state for slot `slot` of a head file (format 3, or 2 when `version` says so:
    /// only tests write those now), or for a format 1 file when `slot` is nil (tests only).
    func sealed(keys: VaultKeys, slot: Int?, version: Int = HeadFile.currentVersion) -> [UInt8] {
        let plaintext =
            frameCount.bigEndianBytes + logLength.bigEndianBytes + lastHash
            + [UInt8](repeating: 0, count: 16)
        let nonce = XChaCha20Poly1305.randomNonce()
        let sealed = try! XChaCha20Poly1305.seal(  // nonce length right by construction
            plaintext, key: keys.headKey, nonce: nonce,
            associatedData: Self.associatedData(keys: keys, slot: slot, version: version))
        return nonce + sealed
    }

    /// Opens one sealed state; nil when damaged, from another vault or another slot.
    init?(sealed bytes: ArraySlice<UInt8>, keys: VaultKeys, slot: Int?, version: Int = HeadFile.currentVersion) {
        guard bytes.count == Self.sealedByteCount,
            let plaintext = try? XChaCha20Poly1305.open(
                Array(bytes.dropFirst(24)), key: keys.headKey, nonce: Array(bytes.prefix(24)),
                associatedData: Self.associatedData(keys: keys, slot: slot, version: version))
        else { return nil }
        frameCount = UInt64(bigEndianBytes: plaintext[0..<8])
        logLength = UInt64(bigEndianBytes: plaintext[8..<16])
        lastHash = Array(plaintext[16..<48])
    }

    init(frameCount: UInt64, logLength: UInt64, lastHash: [UInt8]) {
        self.frameCount = frameCount
        self.logLength = logLength
        self.lastHash = lastHash
    }

    /// Format 1: "keepsake/v1/head" ‖ vault id. Format 2: "keepsake/v2/head" ‖ vault id ‖
    /// slot number (one byte), so a slot's bytes don't open in the other slot's place.
    /// Format 3: the same with "keepsake/v3/head" (the log after `logLength` is filler).
    static func associatedData(keys: VaultKeys, slot: Int?, version: Int = HeadFile.currentVersion) -> [UInt8] {
        guard let slot else { return Array("keepsake/v1/head".utf8) + keys.vaultId }
        return Array("keepsake/v\(version)/head".utf8) + keys.vaultId + [UInt8(slot)]
    }
}

/// The head file as found on disk.
///
/// Format 3 (written since vault format 3) holds two slots, one per 4 KiB page:
///
///     slot 0 (104 bytes) ‖ random bytes up to 4096 ‖ slot 1 (104 bytes)    = 4,200 bytes
///
/// Its slots are sealed with the label "keepsake/v3/head", which also says that the log is
/// padded: bytes after the recorded log length are filler (`LogGrowth`), not a torn tail.
/// Format 2 is the same with zero bytes between the slots and the label "keepsake/v2/head";
/// it is read as before and replaced by a format 3 file, atomically, at the first write.
///
/// An append overwrites the slot that does not hold the newest state, in place, and syncs
/// it: one write and one fdatasync where format 1 needed a temporary file, an fsync, a
/// rename and a folder fsync. A crash tears at most the slot being written; the other still
/// holds the state before, which the log (synced first) has gone past. So:
///
/// - a slot that does not open while the log holds more frames than the other slot records
///   is what a crash leaves (`StoreIssue.headUpdateUnfinished`, a note: nothing is missing);
/// - a slot that does not open while the log ends at or before the other slot's state was
///   not torn by a crash: it is damage (someone removed the newest entry, and the newest
///   slot with it, to hide the cut).
///
/// A change to the newest slot alone therefore reads as an unfinished update, not damage:
/// the price of writing in place. It hides nothing: every frame is still checked, and the
/// older slot still catches any frame removed from the end.
///
/// Format 1 (vaults made before) is one 104-byte sealed state; it is read as before and
/// replaced by a format 3 file, atomically, at the first write.
struct HeadFile {
    /// The format new head files are written in.
    static let currentVersion = 3
    /// Where each slot starts in a format 2 file.
    static let slotOffsets = [0, 4096]
    /// A format 2 file's size.
    static let byteCount = 4096 + LogHead.sealedByteCount

    /// The states that opened, by slot (one slot for format 1).
    let slots: [LogHead?]
    /// The file's format: 1, 2 or 3 (3 also for a file of the right size where no slot opens).
    let version: Int
    /// Whether the file is format 1.
    var isLegacy: Bool { version == 1 }
    /// Whether the log after the recorded length is filler (format 3).
    var logIsPadded: Bool { version == 3 }
    /// Whether anything other than a slot's contents is wrong: the size, or the bytes
    /// between the slots (which a write never touches).
    let isMalformed: Bool

    /// Reads a head file's bytes.
    init(bytes: [UInt8], keys: VaultKeys) {
        if bytes.count == LogHead.sealedByteCount {
            slots = [LogHead(sealed: bytes[...], keys: keys, slot: nil)]
            version = 1
            isMalformed = false
        } else if bytes.count == Self.byteCount {
            func open(_ version: Int) -> [LogHead?] {
                Self.slotOffsets.indices.map { slot in
                    let start = Self.slotOffsets[slot]
                    return LogHead(
                        sealed: bytes[start..<start + LogHead.sealedByteCount], keys: keys, slot: slot, version: version)
                }
            }
            let current = open(3)
            let zeroGap = !bytes[LogHead.sealedByteCount..<Self.slotOffsets[1]].contains { $0 != 0 }
            let format2 = current.allSatisfy { $0 == nil } ? open(2) : [nil, nil]
            if format2.contains(where: { $0 != nil }) {
                slots = format2
                version = 2
                isMalformed = !zeroGap
            } else {
                slots = current
                version = 3
                isMalformed = false
            }
        } else {
            slots = [nil]
            version = Self.currentVersion
            isMalformed = true
        }
    }

    /// The newest state that opened and its slot (the first slot on a tie).
    var newest: (slot: Int, head: LogHead)? {
        var best: (slot: Int, head: LogHead)? = nil
        for (slot, head) in slots.enumerated() {
            guard let head else { continue }
            if best == nil || head.frameCount > best!.head.frameCount { best = (slot, head) }
        }
        return best
    }

    /// Whether the file shows damage a crash can't explain, given the log holds `frames`
    /// frames: a wrong size or layout, no slot that opens, or a slot that doesn't open
    /// although the log has not gone past the newest state (see the type's documentation).
    func isDamaged(logFrames frames: UInt64) -> Bool {
        guard !isMalformed, let newest else { return true }
        return slots.contains(where: { $0 == nil }) && frames <= newest.head.frameCount
    }

    /// What opening the vault reports about the file, given the log holds `frames` frames:
    /// damage (`isDamaged`), an unfinished update (a slot that does not open, which a crash
    /// while writing it explains), or nothing.
    func issue(logFrames frames: UInt64) -> StoreIssue? {
        if isDamaged(logFrames: frames) { return .headFileDamaged }
        return slots.contains(where: { $0 == nil }) ? .headUpdateUnfinished : nil
    }

    /// A whole file with `head` in both slots (for a new vault, or to replace a format 1 or
    /// 2 file): format 3, random bytes between the slots (format 2, zeros, for tests).
    static func encoded(_ head: LogHead, keys: VaultKeys, version: Int = currentVersion) -> [UInt8] {
        var bytes = version >= 3 ? SecureRandom.bytes(count: byteCount) : [UInt8](repeating: 0, count: byteCount)
        for slot in slotOffsets.indices {
            bytes.replaceSubrange(
                slotOffsets[slot]..<slotOffsets[slot] + LogHead.sealedByteCount,
                with: head.sealed(keys: keys, slot: slot, version: version))
        }
        return bytes
    }
}
