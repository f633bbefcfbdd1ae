import KeepsakeAge
import KeepsakeBundle
import KeepsakeCrypto
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exporting a bundle whose attachments hold `byteCount` bytes, as `keepsake export --to`
/// does (`BundleExporter` writing the ZIP into an `AgeWriter`, the file fsync'd), against
/// `age -r` on the same bytes (its output fsync'd too), interleaved.
struct ExportBench {
    let byteCount: UInt64
    let rounds: Int
    let scratch: Scratch

    func run(into table: inout ResultTable) throws {
        let what = "export a bundle with \(byteCount >> 20) MiB of attachments (age -r, fsync)"
        guard let age = try AgeTool(scratch: scratch.path) else {
            table.add(
                ResultRow(
                    what: what, ours: "—", baseline: "age not installed", ratio: "—", goal: "≥ 0.70×",
                    verdict: .pending))
            return
        }
        let input = try scratch.input(byteCount: byteCount)
        let vault = try Vault.create(
            at: scratch.file("export-vault"), passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        defer { try? vault.close() }
        let incident = try vault.add(.incident(BenchVaults.incident(0)))
        let attached = try {
            let fd = try Files.open(input, O_RDONLY)
            defer { close(fd) }
            var source = FileDescriptorSource(descriptor: fd)
            return try vault.attach(
                from: &source, fileName: "recording.mp4", mediaType: "video/mp4", to: incident.id)
        }()
        let blob = scratch.file("export-vault") + "/4/" + attached.reference.blob
        try vault.checkpointIfNeeded()
        let recipient = try AgeRecipient(parsing: age.recipient)
        let output = scratch.file("bundle.age")

        // Once, untimed: the bundle opens with the stock tool and holds the attachment.
        _ = try export(vault, to: output, recipient: recipient)
        let opened = scratch.file("bundle.zip")
        _ = try age.decrypt(output, to: opened)
        guard let zipSize = Files.size(opened), zipSize > byteCount else {
            throw BenchError("the exported bundle did not open to a ZIP holding the attachment")
        }
        unlink(opened)
        unlink(output)

        // Each input read into the page cache first, untimed; a settled machine before each
        // run (see `interleave`).
        let samples = try interleave(
            "export", rounds: rounds, settleSeconds: 3,
            [
                Contender(name: "export") {
                    try Files.warm(blob)
                    defer { unlink(output) }
                    return try export(vault, to: output, recipient: recipient)
                },
                Contender(name: "age") {
                    try Files.warm(input)
                    defer { unlink(output) }
                    let start = now()
                    _ = try age.encrypt(input, to: output)
                    try Files.sync(output)
                    return now() - start
                },
            ])
        let speed = samples.speedup(of: 0, over: 1)
        table.add(
            ResultRow(
                what: what, ours: Format.throughput(bytes: byteCount, seconds: samples.median(0)),
                baseline: "age -r + fsync " + Format.throughput(bytes: byteCount, seconds: samples.median(1)),
                ratio: Format.ratio(speed, near: 0.7), goal: "≥ 0.70×", verdict: speed >= 0.7 ? .pass : .miss))
    }

    /// What `keepsake export --to age1…` does once the vault is open; returns the seconds.
    private func export(_ vault: Vault, to path: String, recipient: AgeRecipient) throws -> Double {
        let start = now()
        let fd = try Files.open(path, O_WRONLY | O_CREAT | O_EXCL)
        defer { close(fd) }
        let writer = try AgeEncryptor(recipient: recipient).writer(to: FileDescriptorSink(descriptor: fd, writeBehind: true))
        var sink = writer
        let summary = try BundleExporter.export(vault, filters: BundleFilters(), to: &sink)
        try writer.finish()
        guard fsync(fd) == 0 else { throw BenchError("fsync: errno \(errno)") }
        guard summary.attachmentsIncluded == 1 else { throw BenchError("the bundle left the attachment out") }
        return now() - start
    }
}
