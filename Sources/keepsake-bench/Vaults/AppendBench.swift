import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appending entries with their fsyncs, against the same number of bare fsyncs on the same
/// file system, and a bulk import of many entries.
///
/// One append (`Vault.add`, each acknowledged only once durable) costs two syncs: the
/// frame's write + fsync of the log, then one head slot written in place + fdatasync (head
/// file format 2; docs/FORMAT.md). The baseline the issue names does two 512-byte appends to
/// one file, each followed by fsync; a second baseline does the append's own file
/// operations, bare, which isolates the work done between them.
struct AppendBench {
    static let fsyncsPerAppend = 2

    /// Appends measured, each against its own group of bare fsyncs right before or after it.
    let appends: Int
    let importCount: Int
    let scratch: Scratch

    func runAppend(into table: inout ResultTable) throws {
        let vault = try Vault.create(
            at: scratch.file("append-vault"), passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        defer { try? vault.close() }
        let probe = try FsyncProbe(path: scratch.file("fsync-probe"))
        defer { probe.close() }
        let pattern = try AppendPatternProbe(folder: scratch.file("append-pattern"))
        defer { pattern.close() }
        var next = 0
        // One append per round, interleaved with one group of fsyncs: fsync times drift with
        // the disk's other work, so the two are compared sample by sample, by their medians.
        let samples = try interleave(
            "append", rounds: appends,
            [
                Contender(name: "append") {
                    let incident = BenchVaults.incident(next)
                    next += 1
                    return try timed { try vault.add(.incident(incident)) }
                },
                Contender(name: "fsyncs") {
                    try probe.run(iterations: 1, fsyncsEach: Self.fsyncsPerAppend)
                },
                Contender(name: "same file operations") { try pattern.run() },
            ])
        let times = samples.ratioOfMedians(0, 1)
        table.add(
            ResultRow(
                what: "append one entry (Vault.add: \(Self.fsyncsPerAppend) fsyncs), median of \(appends)",
                ours: Format.duration(samples.median(0)),
                baseline: "\(Self.fsyncsPerAppend) × (512 B write + fsync) \(Format.duration(samples.median(1)))",
                ratio: Format.ratio(times, near: 1.2), goal: "≤ 1.20×", verdict: times <= 1.2 ? .pass : .miss))
        let overFileOperations = samples.ratioOfMedians(0, 2)
        table.add(
            ResultRow(
                what: "… the same append against its own file operations done bare",
                ours: Format.duration(samples.median(0)),
                baseline: "log write + fsync, head slot write + fdatasync "
                    + Format.duration(samples.median(2)),
                ratio: Format.ratio(overFileOperations), goal: "—", verdict: .info))
        if Files.isInMemory(scratch.path) {
            table.note("--dir is a tmpfs: fsync costs nothing there, so the append figures say little.")
        }
    }

    /// Imports `importCount` incidents into a fresh vault, one fsync'd append each, in ten
    /// batches interleaved with batches of bare fsyncs (the floor such appends can reach).
    func runImport(into table: inout ResultTable) throws {
        let vault = try Vault.create(
            at: scratch.file("import-vault"), passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        defer { try? vault.close() }
        let probe = try FsyncProbe(path: scratch.file("fsync-probe-import"))
        defer { probe.close() }
        let batches = 10
        let perBatch = max(1, importCount / batches)
        var next = 0
        let samples = try interleave(
            "bulk import", rounds: batches,
            [
                Contender(name: "import") {
                    let incidents = (next..<(next + perBatch)).map(BenchVaults.incident)
                    next += perBatch
                    return try timed { for incident in incidents { try vault.add(.incident(incident)) } }
                },
                Contender(name: "fsyncs") {
                    try probe.run(iterations: perBatch, fsyncsEach: Self.fsyncsPerAppend)
                },
            ])
        let total = samples.seconds[0].reduce(0, +)
        let floor = samples.seconds[1].reduce(0, +)
        let entries = perBatch * batches
        table.add(
            ResultRow(
                what: "bulk import, \(Format.count(entries)) entries (one durable append each)",
                ours: Format.count(Int((Double(entries) / total).rounded())) + " entries/s",
                baseline: "\(Self.fsyncsPerAppend)-fsync floor "
                    + Format.count(Int((Double(entries) / floor).rounded())) + "/s",
                ratio: Format.ratio(floor / total) + " of the floor", goal: "report",
                verdict: .info))
    }
}
