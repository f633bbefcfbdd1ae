import KeepsakeCrypto
import KeepsakeStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Peak memory of an attachment going in and out, for a small and a large file, each in a
/// child process of its own (peak RSS is per process, so a child is the clean measure).
///
/// The child (`keepsake-bench memory-probe`) opens a vault, notes its peak RSS so far
/// (`VmHWM`: the "start"), adds the file as an attachment and notes the peak again; then
/// resets the peak (`/proc/self/clear_refs`, "5") and reads the attachment back into a file,
/// noting the peak of that phase.
///
/// `wait4`'s `ru_maxrss` would not do: Linux carries the peak of the process that called
/// `exec` into the new program, so a child started by a large parent reports at least the
/// parent's size. For the same reason age's peak is read through `/usr/bin/time -f %M`, a
/// small process that starts age itself.
struct MemoryBench {
    let sizes: [UInt64]
    let scratch: Scratch

    /// What one child found, in KiB.
    struct Peaks {
        var start: Int
        var afterIn: Int
        var duringOut: Int
    }

    func run(into table: inout ResultTable) throws {
        let vault = scratch.file("memory-vault")
        try VaultStore.create(at: vault, passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf).close()
        var peaks: [Peaks] = []
        var agePeaks: [(encrypt: Int, decrypt: Int)] = []
        for size in sizes {
            let input = try scratch.input(byteCount: size)
            Log.progress("peak memory, \(size >> 20) MiB, in a child process")
            let output = scratch.file("memory-out.bin")
            let result = try ChildProcess.run(
                ChildProcess.ownExecutable(), ["memory-probe", vault, input, output], scratch: scratch.path)
            unlink(output)
            let numbers = result.output.trimmingWhitespace().split(separator: " ").compactMap { Int($0) }
            guard result.status == 0, numbers.count == 3, numbers[0] > 0 else {
                throw BenchError("the memory probe failed (\(result.status)): \(result.errors)")
            }
            peaks.append(Peaks(start: numbers[0], afterIn: numbers[1], duringOut: numbers[2]))
            if let age = try agePeak(input) { agePeaks.append(age) }
        }
        let labels = sizes.map { "\($0 >> 20) MiB" }.joined(separator: " vs ")
        func row(_ what: String, _ peak: (Peaks) -> Int, age: ((encrypt: Int, decrypt: Int)) -> Int) {
            let above = peaks.map { peak($0) - $0.start }
            let spread = (above.max() ?? 0) - (above.min() ?? 0)
            let flat = spread <= 4 * 1024 && (above.max() ?? 0) < 64 * 1024
            let ageText = agePeaks.count == sizes.count
                ? agePeaks.map { Format.mebibytes(kibibytes: age($0)) }.joined(separator: " / ") : "—"
            table.add(
                ResultRow(
                    what: "peak memory, attachment \(what), \(labels)",
                    ours: above.map { "+" + Format.mebibytes(kibibytes: $0) }.joined(separator: " / ")
                        + " above start (peak " + peaks.map { Format.mebibytes(kibibytes: peak($0)) }
                        .joined(separator: " / ") + ")",
                    baseline: (what == "in" ? "age -r" : "age -d") + " peak " + ageText,
                    ratio: "spread " + Format.mebibytes(kibibytes: spread),
                    goal: "flat (± 4 MiB), < 64 MiB above start", verdict: flat ? .pass : .miss))
        }
        row("in", \.afterIn, age: \.encrypt)
        row("out", \.duringOut, age: \.decrypt)
    }

    /// age's peak RSS encrypting and decrypting `input`, or nil without age or /usr/bin/time.
    private func agePeak(_ input: String) throws -> (encrypt: Int, decrypt: Int)? {
        guard let age = try AgeTool(scratch: scratch.path), Files.exists("/usr/bin/time") else { return nil }
        let sealed = scratch.file("memory.age")
        let output = scratch.file("memory-out.bin")
        defer {
            unlink(sealed)
            unlink(output)
        }
        func peak(_ arguments: [String]) throws -> Int {
            let result = try ChildProcess.run("/usr/bin/time", ["-f", "%M", age.age] + arguments, scratch: scratch.path)
            guard result.status == 0, let kib = Int(result.errors.trimmingWhitespace().split(separator: "\n").last ?? "")
            else { throw BenchError("age under /usr/bin/time failed: \(result.errors)") }
            return kib
        }
        let encrypt = try peak(["-r", age.recipient, "-o", sealed, input])
        let decrypt = try peak(["-d", "-i", age.keyFile, "-o", output, sealed])
        return (encrypt, decrypt)
    }
}

/// The child side of `MemoryBench`: prints "start afterIn duringOut" in KiB.
enum MemoryProbe {
    static func run(vault: String, input: String, output: String) throws {
        let store = try VaultStore.open(at: vault, passphrase: BenchVaults.passphrase)
        defer { store.close() }
        let start = ProcStatus.kibibytes("VmHWM")
        let inFD = try Files.open(input, O_RDONLY)
        var source = FileDescriptorSource(descriptor: inFD)
        let blob = try store.addAttachment(from: &source)
        close(inFD)
        let afterIn = ProcStatus.kibibytes("VmHWM")
        // Start the out phase's peak from the current RSS ("5": reset the peak, Linux ≥ 4.0).
        let reset = ProcStatus.resetPeak()
        let outFD = try Files.create(output)
        var sink = FileDescriptorSink(descriptor: outFD)
        try store.readAttachment(blob, into: &sink)
        close(outFD)
        let duringOut = reset ? ProcStatus.kibibytes("VmHWM") : afterIn
        print("\(start) \(afterIn) \(duringOut)")
    }
}

/// Lines of `/proc/self/status` (Linux).
enum ProcStatus {
    /// The value of a "Name:   1234 kB" line, or 0 when there is none.
    static func kibibytes(_ name: String) -> Int {
        for line in ChildProcess.readText("/proc/self/status").split(separator: "\n")
        where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count >= 2, let value = Int(fields[1]) { return value }
        }
        return 0
    }

    /// Resets the peak RSS to the current RSS; false when the kernel refuses.
    static func resetPeak() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        let written = fputs("5", file)
        return fclose(file) == 0 && written >= 0
    }
}
