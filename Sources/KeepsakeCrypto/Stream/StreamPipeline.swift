/// The parallel engine behind `ChunkedStream.encrypt` and `decrypt`.
///
/// Two batch slots, each holding up to `batchChunkCount` chunks in and out. In each step the
/// chunks of one slot are sealed or opened as separate tasks by a `WorkTeam` (one helper
/// thread per core but one), with the SHA-256 of the plaintext as one more task beside them
/// (the hash is sequential, so it moves along one batch per step, in order). Meanwhile the
/// calling thread writes the other slot's finished output and reads the next batch into it,
/// then joins in on the tasks left; when all have run, the slots swap.
///
/// Reading one byte past each batch tells whether the batch ends the input, which decides
/// the last-chunk flag without a second pass. Memory is the two slots, whatever the
/// stream's size; the plaintext side is `sodium_malloc` memory, wiped when the run ends.
///
/// Opening a stream of known length from a `PositionalByteSource` (a file) reads differently:
/// the calling thread reads nothing; each chunk's task reads its own sealed bytes (`pread`)
/// and opens them, so reading is spread over every core too, and the calling thread only
/// hands out the plaintext (the read path's consumer). The kernel is asked to fetch the next
/// batch's bytes ahead (`willRead`).
struct StreamPipeline {
    /// Which way the bytes go.
    enum Direction {
        case seal
        case open
    }

    /// One slot: a batch read from the source and the room its chunks go to.
    private struct Batch {
        /// Room for a batch plus one byte of look-ahead.
        var input: UnsafeMutableRawBufferPointer
        var output: UnsafeMutableRawBufferPointer
        var outcomes: UnsafeMutableBufferPointer<ChunkCipher.Outcome>
        /// Per chunk, a positional read that failed (its outcome is then `.missing`).
        var readErrors: UnsafeMutableBufferPointer<(any Error)?>
        /// Bytes of the batch in `input` (the look-ahead byte is not counted).
        var byteCount = 0
        var chunkCount = 0
        /// Whether the input ended right after this batch.
        var endsStream = false
        var firstChunk: UInt64 = 0
        /// Where the batch starts in a positional source.
        var sourceOffset: UInt64 = 0
    }

    private let direction: Direction
    private let batchChunkCount: Int
    private let inputChunk: Int
    private let outputChunk: Int
    private let hasher: PlaintextHasher?
    private var plaintextByteCount: UInt64 = 0
    /// The byte read past the previous batch, which starts the next one.
    private var lookAhead: UInt8?
    private var nextChunk: UInt64 = 0
    /// Opening from a positional source: the source, and the sealed bytes not yet planned
    /// into a batch and where they start.
    private var positional: (any PositionalByteSource)?
    private var positionalRemaining: UInt64 = 0
    private var positionalOffset: UInt64 = 0

    init(direction: Direction, batchChunkCount: Int, hashPlaintext: Bool) {
        self.direction = direction
        self.batchChunkCount = batchChunkCount
        let plain = ChunkedStream.chunkByteCount
        let sealed = ChunkedStream.sealedChunkByteCount
        inputChunk = direction == .seal ? plain : sealed
        outputChunk = direction == .seal ? sealed : plain
        hasher = hashPlaintext ? PlaintextHasher() : nil
    }

    private var inputCapacity: Int { batchChunkCount * inputChunk + 1 }
    private var outputCapacity: Int { batchChunkCount * outputChunk }

    /// Opens the `byteCount` sealed bytes at the start of `source` into `sink`, each chunk
    /// read by the task that opens it. Bytes missing from `source` (a short read) fail as
    /// a truncated stream at the first chunk they belong to; bytes after `byteCount` are
    /// never read.
    mutating func run(
        reading source: some PositionalByteSource, byteCount: UInt64, to sink: inout some ByteSink,
        key: SymmetricKey
    ) throws -> StreamSummary {
        precondition(direction == .open, "only opening reads positionally")
        positional = source
        positionalRemaining = byteCount
        positionalOffset = 0
        var nothing = NoSource()
        return try run(from: &nothing, to: &sink, key: key)
    }

    /// Runs the whole stream from `source` to `sink`.
    mutating func run(
        from source: inout some ByteSource, to sink: inout some ByteSink, key: SymmetricKey
    ) throws -> StreamSummary {
        let plainIsInput = direction == .seal
        let plainSize = 2 * (plainIsInput ? inputCapacity : outputCapacity)
        let otherSize = 2 * (plainIsInput ? outputCapacity : inputCapacity)
        let other = UnsafeMutableRawBufferPointer.allocate(byteCount: otherSize, alignment: 64)
        defer { other.deallocate() }
        let outcomes = UnsafeMutableBufferPointer<ChunkCipher.Outcome>.allocate(
            capacity: 2 * batchChunkCount)
        outcomes.initialize(repeating: .forged)
        defer { outcomes.deallocate() }
        let readErrors = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: 2 * batchChunkCount)
        readErrors.initialize(repeating: nil)
        defer {
            readErrors.deinitialize()
            readErrors.deallocate()
        }

        let (inputSize, outputSize, chunks) = (inputCapacity, outputCapacity, batchChunkCount)
        try withSecretScratch(byteCount: plainSize) { plain in
            let (inputs, outputs) = plainIsInput ? (plain, other) : (other, plain)
            var slots = (0..<2).map { i in
                Batch(
                    input: UnsafeMutableRawBufferPointer(
                        rebasing: inputs[(i * inputSize)..<((i + 1) * inputSize)]),
                    output: UnsafeMutableRawBufferPointer(
                        rebasing: outputs[(i * outputSize)..<((i + 1) * outputSize)]),
                    outcomes: UnsafeMutableBufferPointer(
                        rebasing: outcomes[(i * chunks)..<((i + 1) * chunks)]),
                    readErrors: UnsafeMutableBufferPointer(
                        rebasing: readErrors[(i * chunks)..<((i + 1) * chunks)]))
            }
            let team = WorkTeam(helperCount: WorkTeam.defaultHelperCount)
            defer { team.stop() }
            try key.withUnsafeBytes { key in
                try runSlots(&slots, from: &source, to: &sink, key: key, team: team)
            }
        }
        return StreamSummary(plaintextByteCount: plaintextByteCount, sha256: hasher?.finalize())
    }

    private mutating func runSlots(
        _ slots: inout [Batch], from source: inout some ByteSource, to sink: inout some ByteSink,
        key: UnsafeRawBufferPointer, team: WorkTeam
    ) throws {
        try fill(&slots[0], from: &source)
        var current = 0
        // The batch finished in the previous step, waiting to be written out.
        var previous: Batch? = nil
        while true {
            let batch = slots[current]
            // The hash runs beside the crypto, in stream order: sealing hashes this batch's
            // plaintext, opening the previous batch's (authenticated by now).
            let toHash = direction == .seal ? plaintext(of: batch) : previous.map(plaintext(of:))
            startWork(on: batch, hashing: toHash, key: key, team: team)
            var ioError: (any Error)? = nil
            do {
                // Meanwhile, on this thread: the previous batch out, the next one in.
                if let previous { try emit(previous, chunks: previous.chunkCount, to: &sink) }
                if !batch.endsStream { try fill(&slots[1 - current], from: &source) }
            } catch {
                ioError = error
            }
            team.finishStep()  // helps, and waits: the buffers are in use until then
            if let ioError { throw ioError }
            if direction == .open { try checkOpened(batch, to: &sink) }
            if batch.endsStream {
                if direction == .open { hasher?.update(plaintext(of: batch)) }
                try emit(batch, chunks: batch.chunkCount, to: &sink)
                return
            }
            previous = batch
            current = 1 - current
        }
    }

    /// Reads the next batch (and one byte past it) into `batch`; from a positional source,
    /// only plans it (its tasks read it).
    private mutating func fill(_ batch: inout Batch, from source: inout some ByteSource) throws {
        if let positional {
            plan(&batch, in: positional)
            return
        }
        var count = 0
        if let byte = lookAhead {
            batch.input[0] = byte
            count = 1
            lookAhead = nil
        }
        count += try source.readFully(
            into: UnsafeMutableRawBufferPointer(rebasing: batch.input[count...]))
        if count == batch.input.count {
            lookAhead = batch.input[count - 1]
            batch.byteCount = count - 1
            batch.endsStream = false
        } else {
            batch.byteCount = count
            batch.endsStream = true
        }
        // An empty input is one (empty) chunk: sealed as such, or reported missing.
        batch.chunkCount = max(1, (batch.byteCount + inputChunk - 1) / inputChunk)
        batch.firstChunk = nextChunk
        nextChunk += UInt64(batch.chunkCount)
        if direction == .seal { plaintextByteCount += UInt64(batch.byteCount) }
    }

    /// Sets `batch` to the next up to `batchChunkCount` sealed chunks of a positional source,
    /// and asks the source to fetch the batch after it.
    private mutating func plan(_ batch: inout Batch, in source: any PositionalByteSource) {
        let capacity = UInt64(batchChunkCount * inputChunk)
        let count = min(capacity, positionalRemaining)
        batch.byteCount = Int(count)
        batch.sourceOffset = positionalOffset
        positionalOffset += count
        positionalRemaining -= count
        batch.endsStream = positionalRemaining == 0
        batch.chunkCount = max(1, (batch.byteCount + inputChunk - 1) / inputChunk)
        batch.firstChunk = nextChunk
        nextChunk += UInt64(batch.chunkCount)
        for index in 0..<batch.chunkCount { batch.readErrors[index] = nil }
        if positionalRemaining > 0 {
            source.willRead(at: positionalOffset, count: min(capacity, positionalRemaining))
        }
    }

    /// The plaintext of a whole batch: its input when sealing, its output once opened.
    private func plaintext(of batch: Batch) -> UnsafeRawBufferPointer {
        switch direction {
        case .seal:
            return UnsafeRawBufferPointer(rebasing: batch.input[..<batch.byteCount])
        case .open:
            let count = max(0, batch.byteCount - batch.chunkCount * ChunkedStream.tagByteCount)
            return UnsafeRawBufferPointer(rebasing: batch.output[..<count])
        }
    }

    /// Starts, on the team's threads, sealing or opening every chunk of `batch` and hashing
    /// `toHash`, each chunk and the hash a task of its own so every core stays busy.
    private func startWork(
        on batch: Batch, hashing toHash: UnsafeRawBufferPointer?, key: UnsafeRawBufferPointer,
        team: WorkTeam
    ) {
        let job = BatchJob(
            direction: direction, input: UnsafeRawBufferPointer(batch.input),
            byteCount: batch.byteCount, inputChunk: inputChunk, output: batch.output,
            outputChunk: outputChunk, outcomes: batch.outcomes, chunkCount: batch.chunkCount,
            firstChunk: batch.firstChunk, endsStream: batch.endsStream, key: key,
            reader: positional, sourceOffset: batch.sourceOffset, readErrors: batch.readErrors,
            hasher: toHash == nil ? nil : hasher,
            toHash: toHash ?? UnsafeRawBufferPointer(start: nil, count: 0))
        team.beginStep(taskCount: job.taskCount) { job.run(task: $0) }
    }

    /// After opening: on the first chunk that failed, delivers the authentic plaintext before
    /// it and throws the stream's error (or the error of the read that failed).
    private mutating func checkOpened(_ batch: Batch, to sink: inout some ByteSink) throws {
        for index in 0..<batch.chunkCount {
            if let readError = batch.readErrors[index] {
                try emit(batch, chunks: index, to: &sink)
                throw readError
            }
            let outcome = batch.outcomes[index]
            guard let error = outcome.error else { continue }
            try emit(batch, chunks: outcome.releasesPlaintext ? index + 1 : index, to: &sink)
            throw error
        }
    }

    /// Writes the output of the first `chunks` chunks of `batch`, one chunk per `write`;
    /// counts it when opening.
    ///
    /// One chunk at a time rather than the whole batch: on this project's CI machine kind (a
    /// virtual machine that hands free memory back to its host), decrypting 512 MiB into a
    /// new file right after a few idle seconds ran at 410–530 MiB/s with one 1 MiB `write`
    /// per batch and at 640–820 MiB/s with one per chunk; with the memory warm, both ran
    /// alike. The 64 KiB writes cost nothing measurable elsewhere (BENCHMARKS.md).
    private mutating func emit(_ batch: Batch, chunks: Int, to sink: inout some ByteSink) throws {
        let inputBytes = min(chunks * inputChunk, batch.byteCount)
        let tags = chunks * ChunkedStream.tagByteCount
        let count = direction == .seal ? inputBytes + tags : inputBytes - tags
        guard count > 0 else { return }
        if direction == .open { plaintextByteCount += UInt64(count) }
        for start in stride(from: 0, to: count, by: outputChunk) {
            let end = min(start + outputChunk, count)
            try sink.write(UnsafeRawBufferPointer(rebasing: batch.output[start..<end]))
        }
    }
}

/// The running SHA-256 of the plaintext, updated by whichever thread runs a batch's hash task
/// (one at a time: the pipeline waits for each batch's tasks before starting the next).
private final class PlaintextHasher: @unchecked Sendable {
    private var state = SHA256()

    func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }
    func finalize() -> [UInt8] { state.finalize() }
}

/// The work of one step, handed to other threads: task 0 hashes (when there is something
/// to hash), the others each seal or open one chunk. `@unchecked Sendable`: the buffers
/// outlive the work (the pipeline waits for it), each chunk writes only its own part of
/// `output` and `outcomes`, the hash only reads, and nothing else writes them meanwhile.
private struct BatchJob: @unchecked Sendable {
    let direction: StreamPipeline.Direction
    let input: UnsafeRawBufferPointer
    let byteCount: Int
    let inputChunk: Int
    let output: UnsafeMutableRawBufferPointer
    let outputChunk: Int
    let outcomes: UnsafeMutableBufferPointer<ChunkCipher.Outcome>
    let chunkCount: Int
    let firstChunk: UInt64
    let endsStream: Bool
    let key: UnsafeRawBufferPointer
    /// Opening positionally: each chunk reads its own sealed bytes from here first.
    let reader: (any PositionalByteSource)?
    let sourceOffset: UInt64
    let readErrors: UnsafeMutableBufferPointer<(any Error)?>
    let hasher: PlaintextHasher?
    let toHash: UnsafeRawBufferPointer

    /// The chunks, and the hash first: the longest task starts before the short ones.
    var taskCount: Int { chunkCount + (hasher == nil ? 0 : 1) }

    func run(task: Int) {
        if let hasher {
            if task == 0 {
                hasher.update(toHash)
            } else {
                run(chunk: task - 1)
            }
        } else {
            run(chunk: task)
        }
    }

    /// Seals or opens chunk `index` of the batch.
    private func run(chunk index: Int) {
        let start = index * inputChunk
        let end = min(start + inputChunk, byteCount)
        let chunkInput = UnsafeRawBufferPointer(rebasing: input[start..<end])
        let outputStart = index * outputChunk
        let counter = firstChunk + UInt64(index)
        let isLast = endsStream && index == chunkCount - 1
        switch direction {
        case .seal:
            let sealed = outputStart..<(outputStart + chunkInput.count + ChunkedStream.tagByteCount)
            ChunkCipher.seal(
                chunkInput, into: UnsafeMutableRawBufferPointer(rebasing: output[sealed]),
                counter: counter, isLast: isLast, key: key)
        case .open:
            if let reader {
                // Reads land in this chunk's part of the batch's input; a short read means the
                // stream ends before its length (a cut file): a truncated stream, nothing opened.
                let room = UnsafeMutableRawBufferPointer(mutating: chunkInput)
                do {
                    let count = try reader.read(into: room, at: sourceOffset + UInt64(start))
                    guard count == room.count else {
                        outcomes[index] = .missing
                        return
                    }
                } catch {
                    readErrors[index] = error
                    outcomes[index] = .missing
                    return
                }
            }
            let room = UnsafeMutableRawBufferPointer(
                rebasing: output[outputStart..<(outputStart + outputChunk)])
            outcomes[index] = ChunkCipher.open(
                chunkInput, into: room, counter: counter, atEnd: isLast, key: key)
        }
    }
}

/// The source of a positional run, which the calling thread never reads.
private struct NoSource: ByteSource {
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int { 0 }
}

/// Lends `byteCount` bytes of `sodium_malloc` memory (guarded, locked where the OS allows)
/// to `body`; `SecureBytes` wipes and frees them when it returns or throws.
private func withSecretScratch(
    byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Void
) throws {
    // All the work happens inside the initialiser, the one place SecureBytes lends its
    // memory writable; the object is dropped (wiped) right after.
    _ = try SecureBytes(count: byteCount) { (buffer: UnsafeMutableRawBufferPointer) throws in
        try body(buffer)
    }
}
