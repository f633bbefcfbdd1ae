import KeepsakeCrypto

/// An unlocked vault: the owner of its files. Creates and opens vaults, appends records
/// (each fsync'd before `append` returns), writes signed checkpoints, changes passphrases.
///
/// Opening reads the log once, front to back, authenticates every frame and reports damage in
/// `issues` without ever refusing to show the intact records. A writer holds an exclusive
/// lock; readers share one.
public final class VaultStore {
    /// Whether the store may write.
    public enum AccessMode: Sendable { case readOnly, readWrite }

    /// Where the vault's files are.
    public let layout: VaultLayout
    /// How it was opened.
    public let mode: AccessMode
    /// Authenticated records, in log order.
    public private(set) var records: [LogRecord]
    /// What was found wrong, or set right, when the vault was opened.
    public internal(set) var issues: [StoreIssue]

    /// Every key epoch's keys (a key change adds one).
    var keys: VaultKeys
    /// The key file as unlocked: its ring, slots and the slot that opened.
    var keyFile: KeyFile.Unlocked
    /// The secret that opened a key file made before version 3, kept until the first key
    /// change re-seals it in a version 3 slot (nil otherwise).
    var legacySecret: Passphrase?
    private let lock: FileLock
    private var logFile: PosixFile?
    /// Where the frames end (appends go here); the head file records it.
    private(set) var logEnd: Int
    /// Where the log's frames end; after them, up to the file's size, is filler (format 3).
    public var logFramesEnd: Int { logEnd }
    /// The log file's size: frames, then filler up to a rung of `LogGrowth`'s ladder.
    private var logCapacity = 0
    /// Whether the head file on disk is the current format (3); an older one is replaced
    /// whole before the first append pads the log.
    private var headIsCurrent = false
    /// Whether this session wrote anything (its files' times are blended at close).
    var wroteSomething = false
    private(set) var nextSeq: UInt64
    private var lastHash: [UInt8]
    private var headIsStale = false
    /// The head file, open for its in-place writes (nil until it is a format 2 file, and after
    /// a key change: the next head is written whole under the new key).
    var headFile: PosixFile?
    /// The head slot the next write goes to: the one not holding the newest state.
    private var nextHeadSlot = 1
    /// The Merkle tree over the records' commitments (the intact prefix of the log).
    var tree = MerkleTree()
    /// False once a record is missing from the log: the tree stops there.
    var treeIsComplete = true
    /// The newest checkpoint that verified (nil before the first).
    public internal(set) var latestCheckpoint: SignedTreeHead?
    /// Every checkpoint that verified, oldest first.
    public internal(set) var checkpoints: [SignedTreeHead] = []
    let clock: @Sendable () -> UInt64
    /// The re-key's write steps, and where the crash tests stop it.
    var rekeyTestHook = RekeyTestHook()

    /// Whether `close()` was called.
    public private(set) var isClosed = false

    /// The vault's id (16 bytes; not secret, derived from the master key).
    public var vaultId: [UInt8] { keys.vaultId }
    /// The key that verifies this vault's signed tree heads.
    public var signingPublicKey: Ed25519.PublicKey { keys.signingKey.publicKey }
    /// Whether anything found on open is damage; a damaged vault is read-only.
    public var isDamaged: Bool { issues.contains { $0.isDamage } }

    private init(
        layout: VaultLayout, mode: AccessMode, keyFile: KeyFile.Unlocked, lock: FileLock,
        clock: @escaping @Sendable () -> UInt64
    ) {
        self.layout = layout
        self.mode = mode
        self.keys = VaultKeys(ring: keyFile.ring)
        self.keyFile = keyFile
        self.lock = lock
        self.clock = clock
        records = []
        issues = []
        logEnd = 0
        nextSeq = 0
        lastHash = LogFrame.genesisHash(vaultId: keys.vaultId)
    }

    /// Creates a vault in `folder` (made 0700; it must not exist or be empty).
    /// - Throws: `StoreError.alreadyExists`, `.io`, or `.unsupported` for bad KDF parameters.
    public static func create(
        at folder: String, passphrase: Passphrase, parameters: Argon2idParameters = .moderate,
        clock: @escaping @Sendable () -> UInt64 = currentTimeMilliseconds
    ) throws(StoreError) -> VaultStore {
        let layout = VaultLayout(folder: folder)
        if let existing = Directory.entries(layout.folder), !existing.isEmpty {
            throw .alreadyExists(path: layout.folder)
        }
        try Directory.createWithParents(layout.folder)
        let lock = try FileLock(path: layout.lock, mode: .exclusive)
        let master = SymmetricKey.random()
        let salt = SecureRandom.bytes(count: Argon2id.saltByteCount)
        let sealed = try sealSlot(passphrase, salt: salt, parameters: parameters, master: master)
        try Directory.create(layout.blobs)
        var holders = [KeyRing.Holder?](repeating: nil, count: KeyFile.slotCount)
        holders[0] = KeyRing.Holder(kind: .passphrase, publicKey: sealed.publicKey)
        var slots = [SecretSlot?](repeating: nil, count: KeyFile.slotCount)
        slots[0] = sealed.slot
        let file = KeyFile(salt: salt, slots: slots, ring: KeyRing(holders: holders, epochs: [(0, master)]))
        let log = try PosixFile.openForWriting(layout.log, create: true, exclusive: true)
        // Format 3: the log starts as one rung of filler, so an empty vault and one with a
        // few entries have the same size.
        try Filler.write(log, 0..<LogGrowth.step)
        try log.sync()
        let store = VaultStore(
            layout: layout, mode: .readWrite,
            keyFile: KeyFile.Unlocked(ring: file.ring, index: 0, legacy: nil, salt: salt, slots: slots), lock: lock,
            clock: clock)
        store.logFile = log
        store.logCapacity = LogGrowth.step
        try store.writeHead()
        // Key slots last: until this rename lands, the folder is not a vault.
        try AtomicFile.write(file.encoded(), to: layout.keySlots)
        store.wroteSomething = true
        return store
    }

    /// Unlocks and opens the vault in `folder`.
    /// - Parameters:
    ///   - kind: `.passphrase`, or `.recovery` for a recovery code.
    ///   - lockTimeout: how long to wait for another process to release the vault.
    /// - Throws: `StoreError.noVault` when there is no folder; `.wrongPassphrase` (also for a
    ///   folder that is not a vault); `.keySlotFileDamaged`; `.busy`; `.io`.
    public static func open(
        at folder: String, passphrase: Passphrase, kind: KeySlot.Kind = .passphrase,
        mode: AccessMode = .readWrite, lockTimeout: Double = 5,
        clock: @escaping @Sendable () -> UInt64 = currentTimeMilliseconds
    ) throws(StoreError) -> VaultStore {
        let layout = VaultLayout(folder: folder)
        guard Directory.exists(layout.folder) else { throw .noVault(path: layout.folder) }
        guard Directory.exists(layout.keySlots) else {
            // Not a vault: as slow as a wrong passphrase, so the two can't be told apart.
            try KeyFile.spendFailedUnlock(passphrase)
            throw .wrongPassphrase
        }
        let lock = try FileLock(
            path: layout.lock, mode: mode == .readOnly ? .shared : .exclusive, timeout: lockTimeout)
        let slotBytes = try PosixFile.openForReading(layout.keySlots).readAll()
        let intactSize = KeyFile.isIntactSize(slotBytes.count)
        guard let unlocked = try KeyFile.unlock(slotBytes, with: passphrase, kind: kind) else {
            if !intactSize { throw .keySlotFileDamaged(size: slotBytes.count) }
            throw .wrongPassphrase
        }
        let store = VaultStore(layout: layout, mode: mode, keyFile: unlocked, lock: lock, clock: clock)
        if unlocked.legacy != nil && mode == .readWrite { store.legacySecret = passphrase }
        if !intactSize {
            store.issues.append(.keySlotFileDamaged(size: slotBytes.count))
        }
        // A re-key that stopped: its new log and head are switched in (or read where they are).
        let paths = try store.placeRekeyedFiles()
        try store.load(log: paths.log, head: paths.head)
        return store
    }

    /// Reads the log, compares it with the head file, sets aside a torn tail (when writing).
    private func load(log logPath: String, head headPath: String) throws(StoreError) {
        // Mapped, not read: the log is only read here, once (and not used after `setAside`
        // cuts it). Our lock keeps other Keepsake processes from cutting it meanwhile.
        let log: MappedFile?
        if Directory.exists(logPath) {
            if mode == .readWrite {
                let file: PosixFile
                do { file = try PosixFile.openForWriting(logPath, create: false) } catch where error.isReadOnlyPlace {
                    throw .readOnlyVault(path: layout.folder)
                }
                log = try MappedFile(file)
                logFile = file
            } else {
                log = try MappedFile(PosixFile.openForReading(logPath))
            }
        } else {
            log = nil
            if mode == .readWrite {
                logFile = try PosixFile.openForWriting(layout.log, create: true)
            }
        }
        let headBytes = Directory.exists(headPath)
            ? (try? PosixFile.openForReading(headPath).readAll()) : nil
        var found = headBytes.map { HeadFile(bytes: $0, keys: keys) }
        if let headBytes, found?.newest == nil, keys.epochs.count > 1 {
            // A key change stopped before the head was written under its new key.
            let older = HeadFile(bytes: headBytes, keys: keys.withHeadKey(of: keys.epochs[keys.epochs.count - 2]))
            if older.newest != nil {
                found = older
                headIsStale = true
            }
        }
        let head = found?.newest?.head
        // A format 3 head says the log is padded: where its frames end.
        let framesEnd = found.flatMap { $0.logIsPadded ? head.map { Int(clamping: $0.logLength) } : nil }

        let logBytes = log?.bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let scan = withExtendedLifetime(log) { LogScanner(keys: keys).scan(logBytes, framesEnd: framesEnd) }
        if let rotation = scan.unknownRotation {
            // The log went on under keys this key file does not have: it is an older copy.
            throw .keySlotFileOutdated(generation: keyFile.ring.generation, logGeneration: rotation.generation)
        }
        if scan.records.isEmpty, headBytes != nil, found?.newest == nil, logBytes.count > 0 {
            // Neither the head nor a single frame opens with these keys: the log was sealed
            // again under keys this key file does not have (a re-key), so it is an older copy.
            throw .keySlotFileBeforeRekey
        }
        records = scan.records
        issues += scan.issues
        nextSeq = scan.nextSeq
        lastHash = scan.lastHash
        logEnd = scan.end
        logCapacity = logBytes.count
        if let issue = found.map({ $0.issue(logFrames: scan.nextSeq) }) ?? .headFileDamaged {
            issues.append(issue)
        }
        // A writer keeps a version 2 head open for its in-place writes (a version 1 head is
        // replaced whole at the first write).
        if mode == .readWrite, !headIsStale, let found, found.version == HeadFile.currentVersion, !found.isMalformed,
            let newest = found.newest
        {
            headFile = try PosixFile.openForWriting(layout.head, create: false)
            nextHeadSlot = 1 - newest.slot
            headIsCurrent = true
        }

        if let tail = scan.tail {
            let acknowledged = head.map { tail.lowerBound < Int($0.logLength) } ?? true
            try withExtendedLifetime(log) { () throws(StoreError) in
                try setAside(tail, of: logBytes, acknowledged: acknowledged)
            }
        }
        if let head {
            if scan.nextSeq < head.frameCount {
                issues.append(.framesMissingAtEnd(acknowledged: head.frameCount, found: scan.nextSeq))
            } else if scan.nextSeq == head.frameCount && scan.lastHash != head.lastHash
                && !scan.issues.contains(where: { $0.isDamage })
            {
                issues.append(.lastFrameReplaced(seq: scan.nextSeq &- 1))
            } else if scan.nextSeq > head.frameCount {
                headIsStale = true  // appended and synced, but the head was not yet updated
            }
        }
        if nextSeq + 1 < keys.current.firstSeq {
            // The key file knows of frames the log no longer holds (the log, and its head, put
            // back from an older copy): writing here would seal new frames with an older
            // epoch's keys, so the vault is damaged until restored.
            issues.append(.framesMissingAtEnd(acknowledged: keys.current.firstSeq - 1, found: nextSeq))
        }
        loadTree(leafHashes: scan.leafHashes)
        if mode == .readWrite && !isDamaged && nextSeq + 1 == keys.current.firstSeq {
            // A key change stopped before its rotation record was written.
            try appendRotationRecord()
        }
        if mode == .readWrite && headIsStale && !isDamaged { try writeHead() }
    }

    /// Moves bytes at the end of the log that form no frame to a file of their own, then cuts
    /// the log (writers only; readers report them).
    private func setAside(_ tail: Range<Int>, of log: UnsafeRawBufferPointer, acknowledged: Bool) throws(StoreError) {
        guard mode == .readWrite, let logFile else {
            issues.append(.tornTail(offset: tail.lowerBound, byteCount: tail.count))
            return
        }
        let path = layout.setAsideFile(now: clock())
        let file = try PosixFile.openForWriting(path, create: true, exclusive: true)
        try file.write(UnsafeRawBufferPointer(rebasing: log[tail]))
        try file.sync()
        try Directory.sync(layout.folder)
        try logFile.truncate(to: tail.lowerBound)
        try logFile.sync()
        logCapacity = tail.lowerBound
        let name = String(path.split(separator: "/").last ?? "")
        issues.append(
            acknowledged
                ? .damagedTailSetAside(byteCount: tail.count, file: name)
                : .unfinishedWriteSetAside(byteCount: tail.count, file: name))
    }

    /// Appends one record and fsyncs it before returning.
    /// - Throws: `StoreError.damaged` on a damaged vault, `.entryTooLarge`, `.io` (a full disk:
    ///   the log is cut back and nothing earlier is touched).
    @discardableResult
    public func append(_ payload: [UInt8], kind: LogRecord.Kind = .entry) throws(StoreError)
        -> LogRecord
    {
        guard mode == .readWrite, !isClosed, let logFile else {
            throw .unsupported("writing to a vault opened read-only or closed")
        }
        if let damage = issues.first(where: { $0.isDamage }) { throw .damaged(damage.description) }
        let record = LogRecord(seq: nextSeq, kind: kind, writtenAt: clock(), payload: payload)
        let frame = try LogFrame.seal(record.plaintext, seq: nextSeq, previousHash: lastHash, keys: keys)
        // A vault of an older format gets a format 3 head before its log is padded, so that
        // no reader takes the filler for a torn tail.
        if !headIsCurrent { try writeHead() }
        let frameEnd = logEnd + frame.count
        let capacity = frameEnd > logCapacity ? LogGrowth.capacity(atLeast: frameEnd) : logCapacity
        do {
            try logFile.seek(to: logEnd)
            try logFile.write(frame)
            // Growing: the new rung's filler goes with the frame, under the same fsync.
            if capacity > logCapacity { try Filler.write(logFile, max(frameEnd, logCapacity)..<capacity) }
            try logFile.sync()
        } catch {
            // Cut back what the write added; a part of the frame left inside the old size is
            // filler to a reader (past the acknowledged end). If even that fails, the next
            // open sees no authentic frame there.
            try? logFile.truncate(to: max(logCapacity, logEnd))
            try? logFile.sync()
            throw error
        }
        logCapacity = capacity
        logEnd = frameEnd
        wroteSomething = true
        nextSeq += 1
        lastHash = LogFrame.hash(frame)
        records.append(record)
        appendToTree(record)
        // The frame is durable now. If the head can't be written (a full disk), the next open
        // still accepts the frame, so report success and retry the head later.
        do { try writeHead() } catch { headIsStale = true }
        return record
    }

    /// Releases the vault: retries a head write that failed, closes the log, drops the lock.
    /// The store can't be used afterwards; deinit does the same.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        if headIsStale && mode == .readWrite && !isDamaged { try? writeHead() }
        if wroteSomething { FileTimes.blend(layout) }
        logFile = nil
        headFile = nil
        lock.release()
    }

    deinit { close() }

    /// The log file's size (frames and filler): a re-key writes a file of the same size.
    var logFileSize: Int { logCapacity }

    /// After a re-key renamed its log and head into place: writes go to the new files, and
    /// the next frame chains to the re-sealed last frame.
    func adoptRekeyedLog(lastHash: [UInt8]) throws(StoreError) {
        logFile = try PosixFile.openForWriting(layout.log, create: false)
        headFile = try PosixFile.openForWriting(layout.head, create: false)
        nextHeadSlot = 1
        headIsCurrent = true
        headIsStale = false
        self.lastHash = lastHash
        wroteSomething = true
    }

    /// Lets go of the vault as a crash would: nothing more is written, not even a head
    /// (the re-key's crash tests stop it mid-way with this).
    func abandon() {
        isClosed = true
        logFile = nil
        headFile = nil
        lock.release()
    }

    /// Records the current end of the log in the head file: in place, in the slot not holding
    /// the newest state, synced (format 2); or, for a new vault or a format 1 file, as a whole
    /// new format 2 file replaced atomically.
    func writeHead() throws(StoreError) {
        let head = LogHead(frameCount: nextSeq, logLength: UInt64(logEnd), lastHash: lastHash)
        if let headFile {
            let slot = nextHeadSlot
            try headFile.write(head.sealed(keys: keys, slot: slot), at: HeadFile.slotOffsets[slot])
            try headFile.syncData()
            nextHeadSlot = 1 - slot
        } else {
            try AtomicFile.write(HeadFile.encoded(head, keys: keys), to: layout.head)
            headFile = try PosixFile.openForWriting(layout.head, create: false)
            nextHeadSlot = 1
            headIsCurrent = true
        }
        headIsStale = false
    }
}
