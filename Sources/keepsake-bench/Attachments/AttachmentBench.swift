import KeepsakeCrypto
import KeepsakeStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Attachments in and out, file to file: `VaultStore.addAttachment` (encrypt + SHA-256 on
/// every core, blob fsync'd) and `readAttachment` (decrypt + SHA-256 check) against the
/// single-threaded raw loop and the stock `age` CLI on the same file, interleaved.
struct AttachmentBench {
    let byteCount: UInt64
    let rounds: Int
    let scratch: Scratch

    func run(into table: inout ResultTable) throws {
        let input = try scratch.input(byteCount: byteCount)
        let vaultPath = scratch.file("attachment-vault")
        let store = try VaultStore.create(
            at: vaultPath, passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        defer { store.close() }
        let rawKey = SymmetricKey.random()
        let age = try AgeTool(scratch: scratch.path)

        // The inputs of the "out" direction, made once and fsync'd so that no writeback of
        // theirs falls into a measurement.
        let blob = try addAttachment(store, from: input)
        let rawSealed = scratch.file("plain.sealed")
        _ = try rawEncrypt(input, to: rawSealed, key: rawKey, durable: true)
        let ageSealed = scratch.file("plain.age")
        if let age {
            _ = try age.encrypt(input, to: ageSealed)
            try Files.sync(ageSealed)
        }
        let output = scratch.file("out.bin")
        let blobFolder = vaultPath + "/4/"

        var contenders = [
            Contender(name: "ours in") {
                try Files.warm(input)
                let start = now()
                let added = try addAttachment(store, from: input)
                let seconds = now() - start
                unlink(blobFolder + added.name)
                guard added.sha256 == blob.sha256 else { throw BenchError("attachment hash differs") }
                return seconds
            },
            Contender(name: "raw in") {
                try Files.warm(input)
                defer { unlink(output) }
                return try rawEncrypt(input, to: output, key: rawKey, durable: true)
            },
            Contender(name: "ours in, no fsync") {
                try Files.warm(input)
                defer { unlink(output) }
                return try pipelineEncrypt(input, to: output)
            },
            Contender(name: "raw in, no fsync") {
                try Files.warm(input)
                defer { unlink(output) }
                return try rawEncrypt(input, to: output, key: rawKey, durable: false)
            },
            Contender(name: "ours out") {
                try Files.warm(blobFolder + blob.name)
                defer { unlink(output) }
                return try readAttachment(store, blob, to: output)
            },
            Contender(name: "raw out") {
                try Files.warm(rawSealed)
                defer { unlink(output) }
                return try rawDecrypt(rawSealed, to: output, key: rawKey)
            },
        ]
        if let age {
            contenders += [
                Contender(name: "age in") {
                    try Files.warm(input)
                    defer { unlink(output) }
                    let start = now()
                    _ = try age.encrypt(input, to: output)
                    try Files.sync(output)
                    return now() - start
                },
                Contender(name: "age in, no fsync") {
                    try Files.warm(input)
                    defer { unlink(output) }
                    return try age.encrypt(input, to: output).seconds
                },
                Contender(name: "age out") {
                    try Files.warm(ageSealed)
                    defer { unlink(output) }
                    return try age.decrypt(ageSealed, to: output).seconds
                },
            ]
        }
        Log.progress("one core's ChaCha20-Poly1305 and SHA-256, in memory")
        let before = try CryptoFloors.measure()
        let samples = try interleave("attachments", rounds: rounds, settleSeconds: 3, contenders)
        let after = try CryptoFloors.measure()
        report(samples, age: age, into: &table)
        if let age { table.note("age: \(age.age), version \(age.version).") }
        note(floors: [before, after], samples: samples, into: &table)
    }

    /// The per-core floors measured before and after the rounds, and the best ratio over
    /// the raw loop they allow each direction (the faster of the two measurements).
    private func note(floors: [CryptoFloors], samples: Samples, into table: inout ResultTable) {
        let rate = Format.throughput(bytesPerSecond:)
        let best = CryptoFloors(
            seal: floors.map(\.seal).max()!, open: floors.map(\.open).max()!,
            sha256: floors.map(\.sha256).max()!)
        let rawIn = samples.median(samples.index(of: "raw in, no fsync"))
        let rawOut = samples.median(samples.index(of: "raw out"))
        let inCeiling = best.bestRatio(rawSeconds: rawIn, byteCount: byteCount)
        let outCeiling = best.bestRatio(rawSeconds: rawOut, byteCount: byteCount)
        table.note(
            "one core, in memory, in this run: ChaCha20-Poly1305 seal \(rate(best.seal)), open "
                + "\(rate(best.open)); SHA-256 \(rate(best.sha256)). The attachment pipeline does the raw "
                + "loop's work plus a SHA-256 of every byte on two cores, so against the raw loop it can "
                + "reach at most 2 × raw / (raw + hashing): \(Format.ratio(inCeiling)) in (no fsync), "
                + "\(Format.ratio(outCeiling)) out, with both cores free.")
    }

    private func report(_ samples: Samples, age: AgeTool?, into table: inout ResultTable) {
        let size = "\(byteCount >> 20) MiB"
        func rate(_ index: Int) -> String {
            Format.throughput(bytes: byteCount, seconds: samples.median(index))
        }
        func row(_ what: String, _ ours: Int, _ base: Int, _ baseName: String, goal: Double) {
            let speedup = samples.speedup(of: ours, over: base)
            table.add(
                ResultRow(
                    what: what, ours: rate(ours), baseline: "\(baseName) \(rate(base))",
                    ratio: Format.ratio(speedup, near: goal), goal: "≥ " + Format.ratio(goal),
                    verdict: speedup >= goal ? .pass : .miss))
        }
        func missingAge(_ what: String, goal: String) {
            table.add(
                ResultRow(
                    what: what, ours: "—", baseline: "age not installed", ratio: "—", goal: goal,
                    verdict: .pending))
        }
        let index = samples.index(of:)
        let inWhat = "attachment in, \(size): addAttachment (encrypt + SHA-256, fsync)"
        let inFast = "attachment in, \(size), no fsync (the same pipeline)"
        let outWhat = "attachment out, \(size): readAttachment (decrypt + SHA-256 check)"
        row(inWhat, index("ours in"), index("raw in"), "raw loop + fsync", goal: 1.3)
        if age != nil {
            row(inWhat, index("ours in"), index("age in"), "age -r + fsync", goal: 1.0)
        } else {
            missingAge(inWhat, goal: "≥ 1.00×")
        }
        row(inFast, index("ours in, no fsync"), index("raw in, no fsync"), "raw loop", goal: 1.3)
        if age != nil {
            row(inFast, index("ours in, no fsync"), index("age in, no fsync"), "age -r", goal: 1.0)
        }
        row(outWhat, index("ours out"), index("raw out"), "raw loop", goal: 1.3)
        if age != nil {
            row(outWhat, index("ours out"), index("age out"), "age -d", goal: 1.0)
        } else {
            missingAge(outWhat, goal: "≥ 1.00×")
        }
    }

    // MARK: The contenders' timed work

    private func addAttachment(_ store: VaultStore, from path: String) throws -> AttachmentBlob {
        let fd = try Files.open(path, O_RDONLY)
        defer { close(fd) }
        var source = FileDescriptorSource(descriptor: fd)
        return try store.addAttachment(from: &source)
    }

    private func readAttachment(_ store: VaultStore, _ blob: AttachmentBlob, to path: String) throws
        -> Double
    {
        let start = now()
        let fd = try Files.create(path)
        defer { close(fd) }
        var sink = FileDescriptorSink(descriptor: fd)
        try store.readAttachment(blob, into: &sink)
        return now() - start
    }

    /// What `addAttachment` runs, without the blob's fsync: `ChunkedStream.encrypt` with the
    /// SHA-256, file to file.
    private func pipelineEncrypt(_ input: String, to output: String) throws -> Double {
        let start = now()
        let inFD = try Files.open(input, O_RDONLY)
        defer { close(inFD) }
        let outFD = try Files.create(output)
        defer { close(outFD) }
        var source = FileDescriptorSource(descriptor: inFD)
        var sink = FileDescriptorSink(descriptor: outFD)
        let summary = try ChunkedStream.encrypt(
            from: &source, to: &sink, key: SymmetricKey.random(), hashPlaintext: true)
        guard summary.plaintextByteCount == byteCount else { throw BenchError("short encryption") }
        return now() - start
    }

    private func rawEncrypt(_ input: String, to output: String, key: SymmetricKey, durable: Bool)
        throws -> Double
    {
        let start = now()
        let inFD = try Files.open(input, O_RDONLY)
        defer { close(inFD) }
        let outFD = try Files.create(output)
        defer { close(outFD) }
        try RawStreamLoop.encrypt(input: inFD, output: outFD, byteCount: byteCount, key: key)
        if durable { guard fsync(outFD) == 0 else { throw BenchError("fsync: errno \(errno)") } }
        return now() - start
    }

    private func rawDecrypt(_ input: String, to output: String, key: SymmetricKey) throws -> Double {
        let start = now()
        let inFD = try Files.open(input, O_RDONLY)
        defer { close(inFD) }
        let outFD = try Files.create(output)
        defer { close(outFD) }
        let sealed = ChunkedStream.ciphertextByteCount(forPlaintext: byteCount)
        try RawStreamLoop.decrypt(input: inFD, output: outFD, byteCount: sealed, key: key)
        return now() - start
    }
}
