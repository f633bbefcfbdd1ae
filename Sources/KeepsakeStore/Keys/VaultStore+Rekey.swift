#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KeepsakeCrypto

/// How far a re-key is, for a progress line.
public struct RekeyProgress: Sendable, Equatable {
    /// Frames sealed again, of `frameCount`.
    public var framesDone = 0
    public var frameCount = 0
    /// Bytes (log and attachments) sealed again, of `byteCount`.
    public var bytesDone: UInt64 = 0
    public var byteCount: UInt64 = 0

    public init(frameCount: Int, byteCount: UInt64) {
        self.frameCount = frameCount
        self.byteCount = byteCount
    }
}

/// The crash tests' handle on a re-key: the names of its write steps, and the step before
/// which it stops as a crash would (nothing cleaned up).
struct RekeyTestHook {
    var steps: [String] = []
    var stopBefore: Int? = nil
    /// The free space the re-key sees (nil: the disk's).
    var freeSpace: UInt64? = nil
}

/// A full re-key: every frame and every attachment sealed again under keys that no earlier
/// key file holds, so that an old key file with an old passphrase (or recovery code) reads
/// nothing at all afterwards. The Merkle tree stays the same: each frame's plaintext, sequence
/// number and commitment salt are unchanged (the salt keys are kept in the new ring), so every
/// leaf, root, checkpoint and anchor shared before stays valid. The vault id and signing key
/// are kept too (`KeptKeys`).
///
/// Steps, each durable before the next (a crash anywhere leaves a vault that opens with the
/// old secrets before step 4 and with the new ones from it on, nothing lost):
///
/// 1. `6`: every frame sealed again under the new master key (same sizes and padding), synced.
/// 2. `7`: the head under the new head key, synced.
/// 3. `4/<name>.new` for every attachment: its blob sealed again (`KeptKeys`), synced; the
///    folders synced.
/// 4. `0` replaced atomically by the new key file, marked "re-key pending" (the commit).
/// 5. `6` → `1`, `7` → `2`, each `4/<name>.new` → `4/<name>`, the folders synced.
/// 6. `0` replaced again without the pending mark.
///
/// Before step 4 the new files are leftovers nothing opens: a writer removes them. From step 4
/// on, a writer that opens the vault does steps 5 and 6; a reader reads the new files where
/// they are. So the re-key needs free space for a second copy of the log and the attachments.
extension VaultStore {
    /// Whether a re-key's new key file is in place but its files are not all renamed yet (an
    /// open for writing finishes it).
    public var isRekeyPending: Bool { keyFile.ring.rekeyPending }

    /// Re-keys the vault: seals every frame and every blob in `attachments` again under a
    /// fresh master key, with the slots `change` leaves (a new passphrase, retired secrets, as
    /// `changeKeys`).
    /// - Parameters:
    ///   - attachments: every blob the entries refer to (the store does not read entries).
    ///   - progress: called as frames and bytes are sealed.
    /// - Returns: who can open the vault now, and the blobs that could not be read (missing
    ///   or altered: left as they were).
    /// - Throws: `StoreError.notEnoughSpace` (nothing written), `.damaged`, `.unsupported`,
    ///   `.io` (a full disk before the commit: what was written is removed, the vault is as
    ///   before; after it, the next open for writing finishes).
    public func rekey(
        _ change: KeyChange, attachments: [AttachmentBlob], progress: (RekeyProgress) -> Void = { _ in }
    ) throws(StoreError) -> (holders: KeyHolders, unreadable: [(name: String, error: StoreError)]) {
        guard mode == .readWrite, !isClosed else { throw .unsupported("re-keying a vault opened read-only") }
        if let damage = issues.first(where: { $0.isDamage }) { throw .damaged(damage.description) }
        guard treeIsComplete, records.count == Int(nextSeq) else { throw .damaged("entries are missing") }
        if keyFile.ring.rekeyPending { try completeRekey() }
        let blobBytes = try checkSpaceForRekey(attachments)

        let master = SymmetricKey.random()
        let plan = try planSlots(change, master: master)
        var ring = KeyRing(holders: plan.holders, epochs: [(0, master)])
        ring.kept = KeptKeys(
            generationBase: keyFile.ring.generation + 1, vaultId: keys.vaultId, signingSeed: keys.signingSeed,
            attachmentKey: SecureBytes.random(count: 32), saltsEnd: nextSeq, salts: keys.saltKeys(upTo: nextSeq))
        ring.rekeyPending = true
        let newKeys = VaultKeys(ring: ring)
        var state = RekeyProgress(frameCount: records.count, byteCount: UInt64(logFramesEnd) + blobBytes)

        var unreadable: [(name: String, error: StoreError)] = []
        let newLastHash: [UInt8]
        do {
            removeRekeyLeftovers()
            newLastHash = try writeRekeyedLog(keys: newKeys) { frames, bytes in
                state.framesDone = frames
                state.bytesDone = bytes
                progress(state)
            }
            let head = LogHead(frameCount: nextSeq, logLength: UInt64(logFramesEnd), lastHash: newLastHash)
            try writeStepped(HeadFile.encoded(head, keys: newKeys), to: layout.rekeyedHead, name: "7")
            for blob in attachments {
                let before = state.bytesDone
                if let error = try sealBlobCopy(blob, kept: ring.kept!, progress: { done in
                    state.bytesDone = before + done
                    progress(state)
                }) {
                    unreadable.append((blob.name, error))
                }
                state.bytesDone = before + blob.byteCount
                progress(state)
            }
            try rekeyStep("sync 4")
            try Directory.sync(layout.blobs)
            try rekeyStep("sync folder")
            try Directory.sync(layout.folder)
            try replaceKeyFile(KeyFile(salt: keyFile.salt, slots: plan.slots, ring: ring).encoded())
        } catch {
            if !error.isSimulatedCrash { removeRekeyLeftovers() }
            throw error
        }
        adopt(ring: ring, plan: plan)
        try completeRekey()
        try adoptRekeyedLog(lastHash: newLastHash)
        return (plan.keyHolders, unreadable)
    }

    /// Steps 5 and 6: the new files renamed into place, then the key file without the
    /// pending mark.
    func completeRekey() throws(StoreError) {
        try switchRekeyedFiles()
        var renamed = false
        for name in Directory.entries(layout.blobs) ?? [] where name.hasSuffix(".new") {
            let blob = String(name.dropLast(4))
            guard AttachmentBlob.isValidName(blob) else { continue }
            try rekeyStep("rename \(name)")
            guard rename(layout.blob(name), layout.blob(blob)) == 0 else {
                throw .io(operation: "rename", path: layout.blob(blob), errno: errno)
            }
            renamed = true
        }
        if renamed {
            try rekeyStep("sync 4 after renames")
            try Directory.sync(layout.blobs)
        }
        var ring = keyFile.ring
        ring.rekeyPending = false
        try replaceKeyFile(KeyFile(salt: keyFile.salt, slots: keyFile.slots, ring: ring).encoded())
        keyFile = KeyFile.Unlocked(ring: ring, index: keyFile.index, legacy: nil, salt: keyFile.salt, slots: keyFile.slots)
        wroteSomething = true
    }

    /// Step 3 for one blob: `4/<name>.new`, sealed again under the re-key's key for it, synced.
    /// - Returns: nil, or why the blob could not be read (nothing is written for it then).
    private func sealBlobCopy(
        _ blob: AttachmentBlob, kept: KeptKeys, progress: (UInt64) -> Void
    ) throws(StoreError) -> StoreError? {
        let path = layout.blob(blob.name)
        guard Directory.exists(path) else { return .attachmentMissing(name: blob.name) }
        guard let current = attachmentKeyCandidates(blob).first(where: { opensFirstChunk(path, key: $0, blob: blob) }) else {
            return .attachmentAltered(name: blob.name)
        }
        let temporary = path + ".new"
        do {
            try rekeyStep("write \(blob.name).new")
            let file = try PosixFile.openForWriting(temporary, create: true, exclusive: true)
            let stream = ChunkedStream.ciphertextByteCount(forPlaintext: blob.byteCount)
            let reader = ChunkedStreamReader(
                source: LimitedSource(base: PosixFileSource(file: try PosixFile.openForReading(path)), remaining: stream),
                key: current, hashPlaintext: true)
            var sink = PosixFileSink(file: file)
            let newKey = kept.attachmentStreamKey(for: blob.key)
            let summary: StreamSummary
            do {
                summary = try withoutActuallyEscaping(progress) { report in
                    var source = CountingSource(base: reader, report: report)
                    return try ChunkedStream.encrypt(from: &source, to: &sink, key: newKey, hashPlaintext: true)
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.attachmentAltered(name: blob.name)
            }
            guard summary.plaintextByteCount == blob.byteCount, summary.sha256 == blob.sha256 else {
                throw StoreError.attachmentAltered(name: blob.name)
            }
            try Filler.write(file, Int(stream)..<Int(AttachmentPadding.blobByteCount(stream: stream)))
            try rekeyStep("sync \(blob.name).new")
            try file.sync()
        } catch let error as StoreError {
            if error.isSimulatedCrash { throw error }
            _ = sysUnlink(temporary)
            if case .attachmentAltered = error { return error }
            throw error
        } catch {
            _ = sysUnlink(temporary)
            return .attachmentAltered(name: blob.name)
        }
        return nil
    }

    /// Where blob `name` is read from: its re-sealed copy while a re-key is pending (a reader
    /// does not rename it into place), else its file.
    func blobPath(_ name: String) -> String {
        let path = layout.blob(name)
        if keyFile.ring.rekeyPending && Directory.exists(path + ".new") { return path + ".new" }
        return path
    }

    /// The keys a blob may be sealed with: the re-key's (made from the blob's own key), then
    /// the blob's own (one added after the re-key).
    func attachmentKeyCandidates(_ blob: AttachmentBlob) -> [SymmetricKey] {
        guard let kept = keys.kept else { return [blob.key] }
        return [kept.attachmentStreamKey(for: blob.key), blob.key]
    }

    /// The key that opens the blob at `path` (its first chunk authenticates); for a vault
    /// never re-keyed, the blob's own key without reading anything.
    func streamKey(for blob: AttachmentBlob, at path: String) -> SymmetricKey {
        let candidates = attachmentKeyCandidates(blob)
        guard candidates.count > 1 else { return blob.key }
        return candidates.first { opensFirstChunk(path, key: $0, blob: blob) } ?? candidates[0]
    }

    /// Whether the first chunk of the blob at `path` authenticates under `key`.
    private func opensFirstChunk(_ path: String, key: SymmetricKey, blob: AttachmentBlob) -> Bool {
        guard let file = try? PosixFile.openForReading(path) else { return false }
        let reader = ChunkedStreamReader(
            source: LimitedSource(
                base: PosixFileSource(file: file), remaining: ChunkedStream.ciphertextByteCount(forPlaintext: blob.byteCount)),
            key: key)
        var byte: UInt8 = 0
        return (try? withUnsafeMutableBytes(of: &byte) { try reader.read(into: $0) }) != nil
    }

    /// Steps 1: writes `6`, every frame sealed again under `keys`, then filler to the size of
    /// `1`; synced. Returns the new chain's last hash.
    private func writeRekeyedLog(keys newKeys: VaultKeys, progress: (Int, UInt64) -> Void) throws(StoreError) -> [UInt8] {
        try rekeyStep("create 6")
        let file = try PosixFile.openForWriting(layout.rekeyedLog, create: true, exclusive: true)
        var previousHash = LogFrame.genesisHash(vaultId: newKeys.vaultId)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.rekeyWriteBatch + LogFrame.largestBucket)
        var written = 0
        func flush() throws(StoreError) {
            guard !buffer.isEmpty else { return }
            try rekeyStep("write 6 at \(written)")
            try file.write(buffer)
            written += buffer.count
            SecureBytes.wipe(&buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        for (index, record) in records.enumerated() {
            var plaintext = record.plaintext
            let frame = try LogFrame.seal(plaintext, seq: record.seq, previousHash: previousHash, keys: newKeys)
            SecureBytes.wipe(&plaintext)
            previousHash = LogFrame.hash(frame)
            buffer += frame
            if buffer.count >= Self.rekeyWriteBatch {
                try flush()
                progress(index + 1, UInt64(written))
            }
        }
        try flush()
        guard written == logFramesEnd else { throw .damaged("the re-sealed log is \(written) bytes, not \(logFramesEnd)") }
        if logFileSize > written {
            try rekeyStep("write filler of 6")
            try Filler.write(file, written..<logFileSize)
        }
        try rekeyStep("sync 6")
        try file.sync()
        progress(records.count, UInt64(written))
        return previousHash
    }

    static let rekeyWriteBatch = 1 << 20

    /// Step 4: `6` → `1`, `7` → `2` (each only if still there), then the folder synced.
    func switchRekeyedFiles() throws(StoreError) {
        for (from, to, name) in [(layout.rekeyedLog, layout.log, "6"), (layout.rekeyedHead, layout.head, "7")]
        where Directory.exists(from) {
            try rekeyStep("rename \(name)")
            guard rename(from, to) == 0 else { throw .io(operation: "rename", path: to, errno: errno) }
        }
        try rekeyStep("sync folder after renames")
        try Directory.sync(layout.folder)
    }

    /// On open: where the log and head to read are. With a pending re-key, a writer finishes
    /// it (steps 5 and 6), a reader reads `6` and `7` where they are. Without one, `6`, `7`
    /// and `4/*.new` are leftovers of a re-key that stopped before its key file (nothing
    /// opens them): a writer removes them.
    func placeRekeyedFiles() throws(StoreError) -> (log: String, head: String) {
        let hasLog = Directory.exists(layout.rekeyedLog), hasHead = Directory.exists(layout.rekeyedHead)
        if keyFile.ring.rekeyPending && mode == .readWrite {
            try completeRekey()
            return (layout.log, layout.head)
        }
        guard keyFile.ring.rekeyPending else {
            // The blobs' copies are made after `6` and `7` and removed before them.
            if mode == .readWrite && (hasLog || hasHead) { removeRekeyLeftovers() }
            return (layout.log, layout.head)
        }
        return (hasLog ? layout.rekeyedLog : layout.log, hasHead ? layout.rekeyedHead : layout.head)
    }

    /// Removes the blobs' `.new` copies, then `6` and `7`.
    private func removeRekeyLeftovers() {
        for name in Directory.entries(layout.blobs) ?? [] where name.hasSuffix(".new") {
            if AttachmentBlob.isValidName(String(name.dropLast(4))) { _ = sysUnlink(layout.blob(name)) }
        }
        for path in [layout.rekeyedHead, layout.rekeyedLog] { _ = sysUnlink(path) }
    }

    /// `0` replaced atomically, step by step (temporary written, synced, renamed, folder synced).
    private func replaceKeyFile(_ bytes: [UInt8]) throws(StoreError) {
        let temporary = layout.keySlots + ".new"
        _ = sysUnlink(temporary)
        do {
            try writeStepped(bytes, to: temporary, name: "0.new")
        } catch {
            if !error.isSimulatedCrash { _ = sysUnlink(temporary) }
            throw error
        }
        try rekeyStep("rename 0.new")
        guard rename(temporary, layout.keySlots) == 0 else {
            let code = errno
            _ = sysUnlink(temporary)
            throw .io(operation: "rename", path: layout.keySlots, errno: code)
        }
        try rekeyStep("sync folder after 0")
        try Directory.sync(layout.folder)
    }

    /// Writes a new file (mode 0600) and syncs it, a step each.
    private func writeStepped(_ bytes: [UInt8], to path: String, name: String) throws(StoreError) {
        try rekeyStep("write \(name)")
        let file = try PosixFile.openForWriting(path, create: true, exclusive: true)
        try file.write(bytes)
        try rekeyStep("sync \(name)")
        try file.sync()
    }

    /// Counts a write step; the crash tests stop before the one they choose.
    func rekeyStep(_ name: String) throws(StoreError) {
        rekeyTestHook.steps.append(name)
        if let stop = rekeyTestHook.stopBefore, rekeyTestHook.steps.count > stop {
            throw .io(operation: StoreError.simulatedCrash, path: name, errno: 0)
        }
    }

    /// Refuses a re-key the disk has no room for: a second copy of the log and of every
    /// attachment, and a mebibyte more. Returns the attachments' plaintext bytes.
    private func checkSpaceForRekey(_ attachments: [AttachmentBlob]) throws(StoreError) -> UInt64 {
        var blobs: UInt64 = 0, plaintext: UInt64 = 0
        for blob in attachments {
            blobs += AttachmentPadding.blobByteCount(plaintext: blob.byteCount)
            plaintext += blob.byteCount
        }
        let needed = UInt64(logFileSize + HeadFile.byteCount) + blobs + (1 << 20)
        let free = rekeyTestHook.freeSpace ?? Self.freeSpace(layout.folder)
        guard free >= needed else { throw .notEnoughSpace(needed: needed, free: free) }
        return plaintext
    }

    /// Bytes free for an unprivileged writer on the disk holding `path` (unknown: no limit).
    static func freeSpace(_ path: String) -> UInt64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return .max }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}

extension StoreError {
    static let simulatedCrash = "simulated crash"

    /// The crash tests' stop: nothing is cleaned up after it, as after a real crash.
    var isSimulatedCrash: Bool {
        if case let .io(operation, _, _) = self { return operation == Self.simulatedCrash }
        return false
    }
}

/// Reports the bytes read through it every 8 MiB.
private struct CountingSource<Base: ByteSource>: ByteSource {
    var base: Base
    let report: (UInt64) -> Void
    var count: UInt64 = 0
    var reported: UInt64 = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        count += UInt64(n)
        if count - reported >= 8 << 20 || n == 0 {
            reported = count
            report(count)
        }
        return n
    }
}
