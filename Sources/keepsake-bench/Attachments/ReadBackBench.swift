import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Attached files read back by the `keepsake` program itself, end to end: `keepsake save` of
/// one attachment against `age -d` of the same bytes into a file (both fsync'd), and
/// `keepsake check` of a vault holding `byteCount` bytes of attachments against reading each
/// of them once (`readAttachment`, in this process, the vault already open). Interleaved.
///
/// The vault holds one file of half the size (a video) and 32 of a sixty-fourth each
/// (photos, voice notes), so the check also pays whatever each file costs on its own.
/// It needs the `keepsake` program built beside this one (`swift build -c release`).
struct ReadBackBench {
    let byteCount: UInt64
    let rounds: Int
    let scratch: Scratch

    static let smallFileCount = 32

    func run(into table: inout ResultTable) throws {
        let bigSize = byteCount / 2
        let smallSize = max(1, byteCount / UInt64(2 * Self.smallFileCount))
        let saveWhat = "keepsake save, \(bigSize >> 20) MiB (the CLI end to end, fsync)"
        let checkWhat =
            "keepsake check, \(Self.smallFileCount) × \(smallSize >> 20) MiB + 1 × \(bigSize >> 20) MiB attached"
        let keepsake = ChildProcess.ownFolder() + "/keepsake"
        guard access(keepsake, X_OK) == 0, let age = try AgeTool(scratch: scratch.path) else {
            for (what, goal) in [(saveWhat, "≥ 1.00×"), (checkWhat, "≤ 1.20×")] {
                table.add(
                    ResultRow(
                        what: what, ours: "—", baseline: "needs `keepsake` built beside the bench, and age",
                        ratio: "—", goal: goal, verdict: .pending))
            }
            return
        }
        let vaultPath = scratch.file("read-vault")
        let writable = try Vault.create(
            at: vaultPath, passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        let files = try fill(writable, byteCount: bigSize, smallSize: smallSize)
        try writable.close()
        // Read-only from here, as the `keepsake` programs open it too (a writer would lock them out).
        let vault = try Vault.open(at: vaultPath, passphrase: BenchVaults.passphrase, mode: .readOnly)
        defer { try? vault.close() }
        let big = files[0]
        let blobs = try files.map { try $0.reference.storeBlob() }
        let blobPaths = blobs.map { vaultPath + "/4/" + $0.name }
        let ageSealed = scratch.file("big.age")
        _ = try age.encrypt(try scratch.input(byteCount: bigSize), to: ageSealed)
        try Files.sync(ageSealed)
        let passphraseFile = scratch.file("passphrase.txt")
        try writeText(passphraseFile, BenchVaults.passphraseText + "\n")
        let output = scratch.file("saved.bin")
        let common = ["--vault", vaultPath, "--passphrase-fd", "0"]

        // Once, untimed: the CLI saves the same bytes age gives back, and check passes.
        let saved = try ChildProcess.run(
            keepsake, ["save", big.entryID.rawValue, "-o", output] + common, scratch: scratch.path,
            stdin: passphraseFile)
        guard saved.status == 0, Files.size(output) == bigSize else {
            throw BenchError("keepsake save failed (\(saved.status)): \(saved.errors.prefix(200))")
        }
        unlink(output)

        let samples = try interleave(
            "save and check", rounds: rounds, settleSeconds: 3,
            [
                Contender(name: "save") {
                    try Files.warm(blobPaths[0])
                    defer { unlink(output) }
                    let run = try ChildProcess.run(
                        keepsake, ["save", big.entryID.rawValue, "-o", output] + common,
                        scratch: scratch.path, stdin: passphraseFile)
                    guard run.status == 0 else { throw BenchError("keepsake save: \(run.errors.prefix(200))") }
                    return run.seconds
                },
                Contender(name: "age") {
                    try Files.warm(ageSealed)
                    defer { unlink(output) }
                    let start = now()
                    _ = try age.decrypt(ageSealed, to: output)
                    try Files.sync(output)
                    return now() - start
                },
                Contender(name: "check") {
                    for path in blobPaths { try Files.warm(path) }
                    let run = try ChildProcess.run(
                        keepsake, ["check"] + common, scratch: scratch.path, stdin: passphraseFile)
                    guard run.status == 0 else { throw BenchError("keepsake check: \(run.output.prefix(300))") }
                    return run.seconds
                },
                Contender(name: "read once") {
                    for path in blobPaths { try Files.warm(path) }
                    let start = now()
                    for blob in blobs {
                        var sink = DroppingSink()
                        try vault.store.readAttachment(blob, into: &sink)
                    }
                    return now() - start
                },
            ])
        let rate = { (bytes: UInt64, index: Int) in
            Format.throughput(bytes: bytes, seconds: samples.median(index))
        }
        let saveSpeed = samples.speedup(of: 0, over: 1)
        table.add(
            ResultRow(
                what: saveWhat, ours: rate(bigSize, 0), baseline: "age -d + fsync " + rate(bigSize, 1),
                ratio: Format.ratio(saveSpeed, near: 1.0), goal: "≥ 1.00×", verdict: saveSpeed >= 1.0 ? .pass : .miss))
        // How many times one read the check takes: the inverse of its speed-up over one read.
        let checkCost = 1 / samples.speedup(of: 2, over: 3)
        let total = bigSize + smallSize * UInt64(Self.smallFileCount)
        table.add(
            ResultRow(
                what: checkWhat, ours: String(format: "%.2f s", samples.median(2)),
                baseline: "readAttachment of each once \(String(format: "%.2f s", samples.median(3))) (\(rate(total, 3)))",
                ratio: Format.ratio(checkCost, near: 1.2) + " the read's time", goal: "≤ 1.20×",
                verdict: checkCost <= 1.2 ? .pass : .miss))
        table.note(
            "save and check: the `keepsake` program started as a child process (its start and the unlock "
                + "included; the bench vault's Argon2id is at its floor, about 1.5 ms); save's output and "
                + "age's are fsync'd (save always fsyncs).")
    }

    /// One incident with a file of `byteCount` bytes and `smallFileCount` of `smallSize`,
    /// attached as an owner attaches them, and a checkpoint signed after. The large file first.
    private func fill(_ vault: Vault, byteCount: UInt64, smallSize: UInt64) throws -> [AttachedFile] {
        let incident = try vault.add(.incident(BenchVaults.incident(0)))
        let bigInput = try scratch.input(byteCount: byteCount)
        let smallInput = try scratch.input(byteCount: smallSize)
        Log.progress("attaching \(byteCount >> 20) MiB and \(Self.smallFileCount) × \(smallSize >> 20) MiB")
        var files = [try attach(bigInput, name: "recording.mp4", to: incident.id, in: vault)]
        for index in 0..<Self.smallFileCount {
            files.append(try attach(smallInput, name: "photo-\(index).jpg", to: incident.id, in: vault))
        }
        try vault.checkpointIfNeeded()
        return files
    }

    private func attach(_ path: String, name: String, to id: EntryID, in vault: Vault) throws -> AttachedFile {
        let fd = try Files.open(path, O_RDONLY)
        defer { close(fd) }
        var source = FileDescriptorSource(descriptor: fd)
        return try vault.attach(from: &source, fileName: name, mediaType: "application/octet-stream", to: id)
    }

    private func writeText(_ path: String, _ text: String) throws {
        let fd = try Files.create(path)
        defer { close(fd) }
        var sink = FileDescriptorSink(descriptor: fd)
        try sink.write(Array(text.utf8))
    }
}

/// Drops what it is given: the attachment read without keeping its bytes, as `check` does.
struct DroppingSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) {}
}
