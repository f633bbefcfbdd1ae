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
final class FramePrefetch {

    /// Where a frame's header says it is, before it is opened.
    private struct Span: Sendable {
        let offset: Int
        let seq: UInt64
        let end: Int
        let previousHash: SHA256.Digest
    }

    /// The offsets of the frames read ahead, ascending, and the frames (nil once taken).
    private let offsets: [Int]
    private var frames: [LogScanner.Located?]
    /// Where the next `take` most likely looks: the scan goes front to back.
    private var cursor = 0

    /// An empty prefetch: the scan reads every frame itself.
    init() {
        offsets = []
        frames = []
    }

    /// Walks the frame headers from the start, as far as they give valid lengths inside the
    /// log, then opens and hashes those frames on every core. The walk itself follows one
    /// header to the next; the header masks it needs (a keyed BLAKE2b each, its costly step)
    /// are made ahead on every core, in batches that grow from 64 to 4,096 frames.
    init(log: LogBytes, keys: VaultKeys) {
        var spans: [Span] = []
        var offset = 0
        var seq: UInt64 = 0
        var batch = 64
        walk: while true {
            let first = seq
            let masks = ParallelMap.map(count: batch, threshold: 256) { keys.headerMask(seq: first + UInt64($0)) }
            for mask in masks {
                guard
                    let (end, previousHash) = mask.withUnsafeBytes({
                        LogFrame.locate(in: log, at: offset, mask: $0)
                    })
                else { break walk }
                spans.append(Span(offset: offset, seq: seq, end: end, previousHash: previousHash))
                offset = end
                seq += 1
            }
            batch = min(batch * 4, 4096)
        }
        let found = spans
        offsets = spans.map(\.offset)
        frames = ParallelMap.map(count: found.count) { index in Self.read(found[index], in: log, keys: keys) }
    }

    /// Takes the frame read ahead at `offset` as `seq`, if there is one (each is handed out
    /// once: it is moved, not copied).
    func take(at offset: Int, seq: UInt64) -> LogScanner.Located? {
        guard let index = index(of: offset), frames[index]?.seq == seq else { return nil }
        var frame: LogScanner.Located? = nil
        swap(&frame, &frames[index])
        return frame
    }

    /// The position of `offset` in `offsets`, if a frame starts there.
    private func index(of offset: Int) -> Int? {
        if cursor < offsets.count && offsets[cursor] == offset {
            cursor += 1
            return cursor - 1
        }
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        guard low < offsets.count, offsets[low] == offset else { return nil }
        cursor = low + 1
        return low
    }

    /// Opens the frame as `LogScanner.readFrame` does, and adds its hash and leaf hash.
    private static func read(_ span: Span, in log: LogBytes, keys: VaultKeys) -> LogScanner.Located? {
        let opened = LogFrame.open(
            in: log, at: span.offset, end: span.end, seq: span.seq, previousHash: span.previousHash,
            keys: keys
        ) { plaintext -> (record: LogRecord?, leafHash: SHA256.Digest?) in
            guard let record = LogRecord(seq: span.seq, plaintext: plaintext) else { return (nil, nil) }
            let leafHash = withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { salt in
                keys.commitmentSalt(seq: span.seq, into: salt)
                return EntryCommitment.leafDigest(salt: UnsafeRawBufferPointer(salt), seq: span.seq, plaintext: plaintext)
            }
            return (record, leafHash)
        }
        var frame = LogScanner.Located(
            seq: span.seq, end: span.end, previousHash: span.previousHash, opened: opened.map(\.record))
        frame.hash = log.hash(span.offset..<span.end)
        frame.leafHash = opened?.leafHash
        return frame
    }
}
