import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening and listing a large vault (`Vault.open` + `current(.incident)`, as `keepsake list`
/// does) against a raw decrypt loop over frames of the same number and sizes: read the file,
/// then one XChaCha20-Poly1305 open per frame, nothing parsed, hashed or kept.
struct VaultListBench {
    let counts: [Int]
    let rounds: Int
    let scratch: Scratch
    let cache: VaultCache

    func run(into table: inout ResultTable) throws {
        var contenders: [Contender] = []
        // CPU seconds of each run, by contender: the growth is judged on them, since other
        // work on the machine stretches wall-clock times unevenly.
        var cpu: [String: [Double]] = [:]
        func measured(_ name: String, _ body: @escaping () throws -> Double) -> Contender {
            Contender(name: name) {
                let start = processCPUTime()
                let seconds = try body()
                cpu[name, default: []].append(processCPUTime() - start)
                return seconds
            }
        }
        for count in counts {
            let (path, sizes) = try cache.vault(count: count)
            let frames = try RawFrames(sizes: sizes, path: scratch.file("raw-frames-\(count)"))
            contenders.append(measured("ours \(count)") { try Self.openAndList(path, expecting: count) })
            contenders.append(measured("raw \(count)") { try frames.decryptAll() })
            let logSize = Files.size(path + "/1") ?? 0
            table.note(
                "the \(Format.count(count))-incident vault: log \(logSize >> 20) MiB, "
                    + sizes.map { "\(Format.count($0.count)) frames of \($0.size) bytes" }
                    .joined(separator: ", ") + ".")
        }
        // How much of the listing is parsing entries' JSON: the same entries, decoded alone.
        let payloads = (0..<min(counts[0], 10_000)).map { index in
            Entry(kind: .incident, incident: BenchVaults.incident(index)).encoded()
        }
        contenders.append(Contender(name: "json") { try Self.decodeAll(payloads) })
        let samples = try interleave("vault listing", rounds: rounds, contenders)
        for (index, count) in counts.enumerated() {
            let ours = samples.median(2 * index)
            let raw = samples.median(2 * index + 1)
            let times = samples.speedup(of: 2 * index + 1, over: 2 * index)  // ours / raw
            table.add(
                ResultRow(
                    what: "open + list, \(Format.count(count)) incidents", ours: Format.duration(ours),
                    baseline: "raw decrypt loop \(Format.duration(raw))",
                    ratio: Format.ratio(times, near: 3) + " the raw time", goal: "≤ 3.00×",
                    verdict: times <= 3 ? .pass : .miss))
        }
        let json = samples.median(contenders.count - 1) / Double(payloads.count)
        let raw = samples.median(1) / Double(counts[0])
        table.add(
            ResultRow(
                what: "… of which parsing entries' JSON (Entry.decode alone, one core)",
                ours: Format.duration(json) + " per entry", baseline: "raw decrypt " + Format.duration(raw) + " per entry",
                ratio: Format.ratio(json / raw) + " the raw time", goal: "—", verdict: .info))
        for index in counts.indices.dropFirst() {
            let (small, large) = (counts[index - 1], counts[index])
            func perEntry(_ name: String, _ count: Int) -> Double { Stats.median(cpu[name]!) / Double(count) }
            func wall(_ contender: Int, _ count: Int) -> Double { samples.median(contender) / Double(count) }
            let growth = perEntry("ours \(large)", large) / perEntry("ours \(small)", small)
            let rawGrowth = perEntry("raw \(large)", large) / perEntry("raw \(small)", small)
            table.add(
                ResultRow(
                    what: "growth \(Format.count(small)) → \(Format.count(large)): CPU time per entry",
                    ours: Format.duration(perEntry("ours \(small)", small)) + " → "
                        + Format.duration(perEntry("ours \(large)", large)) + " (wall "
                        + Format.duration(wall(2 * (index - 1), small)) + " → "
                        + Format.duration(wall(2 * index, large)) + ")",
                    baseline: "raw " + Format.duration(perEntry("raw \(small)", small)) + " → "
                        + Format.duration(perEntry("raw \(large)", large)) + " (\(Format.ratio(rawGrowth)))",
                    ratio: Format.ratio(growth, near: 1.5), goal: "linear (≤ 1.50×)",
                    verdict: growth <= 1.5 ? .pass : .miss))
        }
    }

    /// Decodes every payload as the vault model does; returns the seconds.
    private static func decodeAll(_ payloads: [[UInt8]]) throws -> Double {
        try timed {
            for payload in payloads {
                guard try Entry.decode(payload).incident != nil else { throw BenchError("not an incident") }
            }
        }
    }

    /// Unlocks (cheap key derivation), reads every entry, lists the incidents; the vault is
    /// released after the clock stops.
    private static func openAndList(_ path: String, expecting count: Int) throws -> Double {
        let start = now()
        let vault = try Vault.open(at: path, passphrase: BenchVaults.passphrase, mode: .readOnly)
        let incidents = vault.current(.incident)
        let seconds = now() - start
        guard incidents.count == count, vault.unreadable.isEmpty, !vault.store.isDamaged else {
            throw BenchError("the \(count)-entry vault lists \(incidents.count) incidents")
        }
        return seconds
    }
}

/// A file of sealed frames laid out as the log's (36-byte header, 24-byte nonce, sealed
/// bytes), of the sizes given, under a key of its own.
private struct RawFrames {
    let sizes: [(size: Int, count: Int)]
    let path: String
    let key = SymmetricKey.random()
    /// As long as the log's (label, vault id, seq, previous hash).
    let associatedData = [UInt8](repeating: 0x5a, count: 17 + 16 + 8 + 32)

    init(sizes: [(size: Int, count: Int)], path: String) throws {
        self.sizes = sizes
        self.path = path
        var file: [UInt8] = []
        for (size, count) in sizes {
            let zeros = [UInt8](repeating: 0, count: size - XChaCha20Poly1305.tagByteCount)
            for _ in 0..<count {
                let nonce = XChaCha20Poly1305.randomNonce()
                file += [UInt8](repeating: 0xa5, count: 36) + nonce
                file += try XChaCha20Poly1305.seal(zeros, key: key, nonce: nonce, associatedData: associatedData)
            }
        }
        let fd = try Files.create(path)
        defer { _ = close(fd) }
        var sink = FileDescriptorSink(descriptor: fd)
        try sink.write(file)
    }

    /// Reads the file and opens every frame; returns the seconds it took.
    func decryptAll() throws -> Double {
        try timed {
            let bytes = try PosixFile.openForReading(path).readAll()
            var offset = 0
            var opened = 0
            for (size, count) in sizes {
                for _ in 0..<count {
                    let nonce = Array(bytes[(offset + 36)..<(offset + 60)])
                    let sealed = Array(bytes[(offset + 60)..<(offset + 60 + size)])
                    opened += try XChaCha20Poly1305.open(
                        sealed, key: key, nonce: nonce, associatedData: associatedData
                    ).count
                    offset += 60 + size
                }
            }
            guard offset == bytes.count, opened > 0 else { throw BenchError("raw frames misread") }
        }
    }
}
