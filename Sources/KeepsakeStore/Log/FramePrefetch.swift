import KeepsakeCrypto

/// The frames that follow one another from the start of the log, read ahead on every core:
/// each one opened (decrypted and unpadded), hashed for the chain, and its record's Merkle
/// leaf hash made. Opening a large vault spent most of the store's time on this per-frame
/// work, one frame after another.
///
/// `LogScanner` takes a frame from here only when it reads the same sequence number at the
/// same offset, and reads everything else itself (after damage, the prefetch simply stops).
/// Reading a frame is a function of the log's bytes, the offset and the sequence number
/// alone, so the scan's result is exactly what it would be without the prefetch: only sooner.
struct FramePrefetch {

    /// Where a frame's header says it is, before it is opened.
    private struct Span: Sendable {
        let offset: Int
        let seq: UInt64
        let end: Int
        let previousHash: [UInt8]
    }

    /// The frames read ahead, by offset.
    private let frames: [Int: LogScanner.Located]

    /// An empty prefetch: the scan reads every frame itself.
    init() { frames = [:] }

    /// Walks the frame headers from the start (one keyed BLAKE2b each), as far as they give
    /// valid lengths inside the log, then opens and hashes those frames on every core.
    init(log: [UInt8], keys: VaultKeys) {
        var spans: [Span] = []
        var offset = 0
        var seq: UInt64 = 0
        while let (end, previousHash) = LogFrame.locate(in: log, at: offset, seq: seq, keys: keys) {
            spans.append(Span(offset: offset, seq: seq, end: end, previousHash: previousHash))
            offset = end
            seq += 1
        }
        let found = spans
        let read = ParallelMap.map(count: found.count) { index in Self.read(found[index], in: log, keys: keys) }
        var frames: [Int: LogScanner.Located] = [:]
        frames.reserveCapacity(read.count)
        for (span, frame) in zip(spans, read) { frames[span.offset] = frame }
        self.frames = frames
    }

    /// The frame read ahead at `offset` as `seq`, if there is one.
    func frame(at offset: Int, seq: UInt64) -> LogScanner.Located? {
        guard let frame = frames[offset], frame.seq == seq else { return nil }
        return frame
    }

    /// Opens the frame as `LogScanner.readFrame` does, and adds its hash and leaf hash.
    private static func read(_ span: Span, in log: [UInt8], keys: VaultKeys) -> LogScanner.Located {
        let plaintext = LogFrame.open(
            in: log, at: span.offset, end: span.end, seq: span.seq, previousHash: span.previousHash,
            keys: keys)
        var frame = LogScanner.Located(
            seq: span.seq, end: span.end, previousHash: span.previousHash, plaintext: plaintext)
        frame.hash = LogFrame.hash(log[span.offset..<span.end])
        if let plaintext, frame.record != nil {
            frame.leafHash = EntryCommitment.leafHash(
                salt: keys.commitmentSalt(seq: span.seq), seq: span.seq, plaintext: plaintext)
        }
        return frame
    }
}
