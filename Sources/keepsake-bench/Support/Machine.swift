import Foundation

/// What the figures were measured on, printed above the table.
struct Machine {
    var cpu: String
    var cores: Int
    var memoryGiB: Double
    var kernel: String
    var date: String
    var dirFileSystem: String

    static func current(dir: String) -> Machine {
        let cpuinfo = ChildProcess.readText("/proc/cpuinfo")
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { String($0).trimmingWhitespace() } ?? "unknown CPU"
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }
            .map { $0.split(separator: " ") } ?? []
        let features = ["avx2", "avx512f", "sha_ni"].filter { flags.contains(Substring($0)) }
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return Machine(
            cpu: model + (features.isEmpty ? "" : " (" + features.joined(separator: ", ") + ")"),
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: Double(ProcStatus.meminfoKiB("MemTotal")) / Double(1 << 20),
            kernel: release,
            date: formatter.string(from: Date()) + " UTC",
            dirFileSystem: Files.isInMemory(dir) ? "tmpfs" : "disk")
    }

    var summary: String {
        "machine: \(cores) cores, \(cpu), \(Format.fixed(memoryGiB, 1)) GiB memory, Linux \(kernel)\n"
            + "date: \(date); scratch folder on \(dirFileSystem)"
    }
}

enum ProcessEnvironment {
    /// An environment variable, or nil.
    static func value(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }
}

extension ProcStatus {
    /// A "Name:   1234 kB" line of /proc/meminfo, in KiB (0 when missing).
    static func meminfoKiB(_ name: String) -> Int {
        for line in ChildProcess.readText("/proc/meminfo").split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count >= 2, let value = Int(fields[1]) { return value }
        }
        return 0
    }
}
