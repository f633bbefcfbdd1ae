import Dispatch
import KeepsakeCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The frames that follow one another from the start of the log, read ahead on every core:
/// each one opened (decrypted and unpadded), hashed for the chain, and its record's Merkle
/// leaf hash made. Opening a large vault spent most of the store's time on this per-frame
/// work, one frame after another.
///
/// `LogScanner` takes a frame from here only when it reads the same sequence number at the
/// same offset, and reads everything else itself (after damage, the prefetch simply stops).
/// Reading a frame is a function of the log's bytes, the offset and the sequence number
/// alone, so the scan's result is exactly what it would be without the prefetch: only sooner.
///
/// The work overlaps: frames are read in the background batch by batch, while the calling
/// thread goes on walking the headers, and then while the scan takes the batches already
/// read. (Walking first and reading after left a core idle for the whole walk, then for the
/// whole scan.) The prefetch must be `finish`ed before the log's bytes go away.
final class FramePrefetch {

    /// Where a frame's header says it is, before it is opened.
    private struct Span: Sendable {
        let offset: Int
        let seq: UInt64
        let end: Int
        let previousHash: SHA256.Digest
    }

    /// The frames of consecutive spans, read in the background. `@unchecked Sendable`: its
    /// runs write disjoint slots, and the slots are read only after every `read` has returned.
    private final class Batch: @unchecked Sendable {
        let spans: [Span]
        /// What the frames are read from and with.
        private let log: LogBytes
        private let keys: VaultKeys
        /// Index of the batch's first frame among all the frames read ahead.
        let first: Int
        /// The frames (nil once taken); all initialized once read.
        let frames: UnsafeMutableBufferPointer<LogScanner.Located?>
        /// The batch's runs, several per core.
        private let runs: RunClaims
        /// Left by each background `read` when it returns.
        let reading = DispatchGroup()
        /// Set by the scanning thread (the only one that reads it) once every run has returned.
        var isReady = false

        init(spans: [Span], first: Int, log: LogBytes, keys: VaultKeys, cores: Int) {
            self.spans = spans
            self.first = first
            self.log = log
            self.keys = keys
            frames = .allocate(capacity: spans.count)
            runs = RunClaims(itemCount: spans.count, cores: cores)
        }

        /// Reads the frames of every run not yet taken, on the calling thread; any number of
        /// threads call it at once.
        func read() {
            runs.work { index in
                (frames.baseAddress! + index).initialize(to: FramePrefetch.read(spans[index], in: log, keys: keys))
            }
        }

        deinit {
            frames.deinitialize()
            frames.deallocate()
        }
    }

    /// The offsets of the frames read ahead, ascending.
    private var offsets: [Int] = []
    /// Their batches, in order.
    private var batches: [Batch] = []
    /// Where the next `take` most likely looks: the scan goes front to back.
    private var cursor = 0

    /// An empty prefetch: the scan reads every frame itself.
    init() {}

    /// Walks the frame headers from the start, as far as they give valid lengths inside the
    /// log, and hands each batch of frames found (64, then 256, 1,024, then 4,096 at a time) to
    /// the other cores to open and hash, going on with the walk meanwhile. The walk follows one
    /// header to the next, making each header's mask (a keyed BLAKE2b) as it goes: masks made
    /// ahead on every core waited behind the frames being opened.
    init(log: LogBytes, keys: VaultKeys) {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var offset = 0
        var seq: UInt64 = 0
        var size = 64
        var walking = true
        while walking {
            var spans: [Span] = []
            spans.reserveCapacity(size)
            for _ in 0..<size {
                guard let (end, previousHash) = LogFrame.locate(in: log, at: offset, seq: seq, keys: keys) else {
                    walking = false
                    break
                }
                spans.append(Span(offset: offset, seq: seq, end: end, previousHash: previousHash))
                offset = end
                seq += 1
            }
            size = min(size * 4, 4096)
            guard !spans.isEmpty else { break }
            let batch = Batch(spans: spans, first: offsets.count, log: log, keys: keys, cores: cores)
            offsets += spans.map(\.offset)
            batches.append(batch)
            for _ in 0..<(cores > 1 ? cores : 0) {
                DispatchQueue.global().async(group: batch.reading) { batch.read() }
            }
        }
    }

    /// Waits until no frame is being read any more, reading what nobody has started: after
    /// this, the log's bytes may go.
    func finish() {
        for batch in batches { ready(batch) }
    }

    /// Reads what is left of `batch` on this thread (a batch the scan reaches before the
    /// other threads are done), then waits for the rest.
    private func ready(_ batch: Batch) {
        guard !batch.isReady else { return }
        batch.read()
        batch.reading.wait()
        batch.isReady = true
    }

    deinit { finish() }

    /// Takes the frame read ahead at `offset` as `seq`, if there is one (each is handed out
    /// once: it is moved, not copied). Waits for its batch to be read.
    func take(at offset: Int, seq: UInt64) -> LogScanner.Located? {
        guard let index = index(of: offset) else { return nil }
        let batch = batches[batchIndex(of: index)]
        ready(batch)
        let slot = batch.frames.baseAddress! + (index - batch.first)
        guard slot.pointee?.seq == seq else { return nil }
        var frame: LogScanner.Located? = nil
        swap(&frame, &slot.pointee)
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

    /// The batch holding frame `index` (of all the frames read ahead).
    private func batchIndex(of index: Int) -> Int {
        var low = 0
        var high = batches.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if batches[middle].first <= index { low = middle } else { high = middle - 1 }
        }
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
