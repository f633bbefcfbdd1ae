import KeepsakeCrypto

/// What one sequential read of the log found.
struct LogScan {
    /// Authenticated records in log order, each sequence number once.
    var records: [LogRecord] = []
    /// Each record's Merkle leaf hash when it was made while reading, by position in `records`.
    var leafHashes: [SHA256.Digest?] = []
    /// Where the frames that could be read end; appends continue here.
    var end = 0
    /// Bytes after `end` that form no frame (a torn tail, or damage), if any.
    var tail: Range<Int>? = nil
    /// The sequence number the next frame must have.
    var nextSeq: UInt64 = 0
    /// Hash of the last frame (the genesis value for an empty log).
    var lastHash: [UInt8] = []
    /// Damage found on the way.
    var issues: [StoreIssue] = []
    /// A key-rotation record starting an epoch the keys don't have: the scan stopped after it
    /// (the key file is older than the log).
    var unknownRotation: KeyRotationRecord? = nil
}

/// Reads the log front to back once, authenticating every frame and naming every damaged,
/// missing, moved, duplicated or replaced one. Never throws on bad bytes: damage is reported
/// and every intact frame is kept.
struct LogScanner {
    /// How far from the expected sequence number a frame is looked for (moved or removed
    /// frames).
    static let searchWindow: UInt64 = 64

    let keys: VaultKeys
    /// Frames read ahead on every core (`scan` fills it).
    private var prefetch = FramePrefetch()

    init(keys: VaultKeys) { self.keys = keys }

    /// Reads the whole log.
    /// - Parameter framesEnd: in a padded log (vault format 3), where the acknowledged frames
    ///   end (the head file's log length): from there on, the first bytes that are not an
    ///   authentic frame begin the filler, which is neither searched nor reported.
    func scan(_ log: [UInt8], framesEnd: Int? = nil) -> LogScan {
        log.withUnsafeBytes { scan($0, framesEnd: framesEnd) }
    }

    /// Reads the whole log, lent for the call.
    func scan(_ log: UnsafeRawBufferPointer, framesEnd: Int? = nil) -> LogScan {
        var reader = self
        reader.prefetch = FramePrefetch(log: LogBytes(raw: log), keys: keys)
        // No frame may still be read once the bytes are given back.
        defer { reader.prefetch.finish() }
        return reader.scanFrames(LogBytes(raw: log), framesEnd: framesEnd)
    }

    /// The same scan with every frame read in turn on this thread: what `scan` must equal
    /// (the store's tests and the log-scanner fuzz target compare the two).
    func scanWithoutPrefetch(_ log: [UInt8], framesEnd: Int? = nil) -> LogScan {
        log.withUnsafeBytes { raw in
            var reader = self
            reader.prefetch = FramePrefetch()
            return reader.scanFrames(LogBytes(raw: raw), framesEnd: framesEnd)
        }
    }

    private func scanFrames(_ log: LogBytes, framesEnd: Int?) -> LogScan {
        var scan = LogScan()
        let genesis = LogFrame.genesisHash(vaultId: keys.vaultId)
        scan.lastHash = genesis
        var previousHash = SHA256.Digest(genesis)
        var previousAuthentic = true
        var expected: UInt64 = 0
        var seen = Set<UInt64>()
        // At most one frame per smallest frame's length: no rehashing on the way.
        seen.reserveCapacity(log.count / (LogFrame.overheadByteCount + LogFrame.smallestBucket + 16) + 1)
        var highest: UInt64? = nil
        var position = 0
        var offset = 0

        while offset < log.count {
            let located = locateFrame(in: log, at: offset, expected: expected)
            // Past the acknowledged frames of a padded log, only an authentic frame (appended
            // and synced before the head was updated) goes on; anything else is filler, or an
            // append that never finished (never acknowledged), which the next append overwrites.
            if let framesEnd, offset >= framesEnd, located?.isAuthentic != true { break }
            // `var`: its record and hashes are moved out below, not copied.
            guard var frame = located else {
                // No frame here. Try to find the next intact one past damaged bytes.
                if let (next, seq) = resynchronise(log, after: offset, expected: expected) {
                    scan.issues.append(.frameDamaged(seq: expected))
                    seen.insert(expected)
                    position += 1
                    previousAuthentic = false
                    offset = next
                    expected = seq
                    continue
                }
                // In a padded log the damaged bytes run to the acknowledged end, then filler.
                scan.tail = offset..<(framesEnd.map { max(offset, min($0, log.count)) } ?? log.count)
                if scan.tail?.isEmpty == true { scan.tail = nil }
                break
            }
            let hash = frame.hash ?? log.hash(offset..<frame.end)
            if frame.isAuthentic, let record = frame.record.take() {
                if seen.contains(frame.seq) {
                    scan.issues.append(.frameDuplicated(seq: frame.seq))
                } else {
                    if frame.seq != UInt64(position) {
                        scan.issues.append(.frameOutOfPlace(seq: frame.seq, position: position))
                    } else if previousAuthentic && frame.previousHash != previousHash {
                        scan.issues.append(.chainBroken(seq: frame.seq))
                    }
                    seen.insert(frame.seq)
                    highest = max(highest ?? 0, frame.seq)
                    let rotation = record.kind == .keyRotation ? KeyRotationRecord(record.payload) : nil
                    scan.records.append(record)
                    scan.leafHashes.append(frame.leafHash)
                    if let rotation, rotation.generation > keys.generation {
                        scan.unknownRotation = rotation
                        scan.end = frame.end
                        previousHash = hash
                        break
                    }
                }
                previousAuthentic = true
            } else {
                scan.issues.append(.frameDamaged(seq: frame.seq))
                seen.insert(frame.seq)
                highest = max(highest ?? 0, frame.seq)
                previousAuthentic = false
            }
            previousHash = hash
            offset = frame.end
            scan.end = offset
            position += 1
            expected = frame.seq + 1
        }

        if let highest {
            for seq in 0...highest where !seen.contains(seq) {
                scan.issues.append(.frameMissing(seq: seq))
            }
            scan.nextSeq = highest + 1
        }
        scan.lastHash = previousHash.bytes
        return scan
    }

    /// A frame found at `offset`: its sequence number, where it ends, its chain claim,
    /// whether it authenticated and the record it holds.
    struct Located: Sendable {
        var seq: UInt64
        var end: Int
        var previousHash: SHA256.Digest
        /// Whether the frame authenticated.
        var isAuthentic: Bool
        /// Its record (nil when it did not authenticate, or holds too few bytes for one).
        var record: LogRecord?
        /// SHA-256 of its bytes, when read ahead (`FramePrefetch`).
        var hash: SHA256.Digest? = nil
        /// Its record's Merkle leaf hash, when read ahead.
        var leafHash: SHA256.Digest? = nil

        /// `opened`: nil when the frame did not authenticate, else the record it holds (nil
        /// when too short for one).
        init(seq: UInt64, end: Int, previousHash: SHA256.Digest, opened: LogRecord??) {
            self.seq = seq
            self.end = end
            self.previousHash = previousHash
            isAuthentic = opened != nil
            record = opened ?? nil
        }
    }

    /// Reads the frame at `offset`, expecting `expected`; if its header belongs to another
    /// sequence number nearby, finds which (only an authenticating frame counts then).
    func locateFrame(in log: LogBytes, at offset: Int, expected: UInt64) -> Located? {
        if let frame = readFrame(log, at: offset, seq: expected) { return frame }
        let low = expected > Self.searchWindow ? expected - Self.searchWindow : 0
        for seq in low...(expected + Self.searchWindow) where seq != expected {
            if let frame = readFrame(log, at: offset, seq: seq), frame.isAuthentic {
                return frame
            }
        }
        return nil
    }

    /// The frame at `offset` read as `seq`: nil if the header is not valid for `seq` or the
    /// frame runs past the end of the log.
    func readFrame(_ log: LogBytes, at offset: Int, seq: UInt64) -> Located? {
        if let frame = prefetch.take(at: offset, seq: seq) { return frame }
        guard let (end, previousHash) = LogFrame.locate(in: log, at: offset, seq: seq, keys: keys) else {
            return nil
        }
        let opened = LogFrame.open(
            in: log, at: offset, end: end, seq: seq, previousHash: previousHash, keys: keys
        ) { LogRecord(seq: seq, plaintext: $0) }
        return Located(seq: seq, end: end, previousHash: previousHash, opened: opened)
    }

    /// After a frame whose header is damaged, looks for the next authenticating frame (with
    /// sequence number `expected + 1` or `+ 2`) within the largest frame's reach.
    func resynchronise(_ log: LogBytes, after offset: Int, expected: UInt64) -> (Int, UInt64)? {
        let limit = min(log.count, offset + LogFrame.overheadByteCount + LogFrame.largestBucket + 16)
        var candidate = offset + 1
        while candidate + LogFrame.overheadByteCount <= limit {
            for seq in [expected + 1, expected + 2] {
                if let frame = readFrame(log, at: candidate, seq: seq), frame.isAuthentic {
                    return (candidate, seq)
                }
            }
            candidate += 1
        }
        return nil
    }
}
