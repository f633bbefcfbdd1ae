import ArgumentParser

/// `keepsake-bench`: Keepsake's speed, each figure against a baseline measured in the same
/// run, interleaved (this machine kind is noisy; ratios hold where absolute times do not).
/// The results, the machine and how each row is measured are in BENCHMARKS.md.
@main
struct KeepsakeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keepsake-bench",
        abstract: "Measure Keepsake against raw libsodium, bare fsyncs and the age CLI.",
        discussion: """
            Run it release-built: `swift run -c release keepsake-bench [--quick]`. It prints \
            a table of figures, baselines, ratios and goals; progress goes to standard error.
            """,
        subcommands: [MemoryProbeCommand.self]
    )

    @Flag(help: "A shorter run: 256 MiB attachments, 3 rounds, a 2,000-entry import.")
    var quick = false

    @Option(name: .customLong("size-mib"), help: "Attachment size in MiB (default 1024; 256 with --quick).")
    var sizeMiB: Int?

    @Option(help: "Folder for temporary files and the vault cache (default $TMPDIR, else /tmp).")
    var dir: String?

    @Option(help: "Interleaved rounds per comparison (default 5; 3 with --quick).")
    var rounds: Int?

    @Option(
        parsing: .upToNextOption,
        help: "Run only these parts: \(Section.allCases.map(\.rawValue).joined(separator: ", ")).")
    var only: [Section] = []

    @Flag(help: "Also list a 1,000,000-entry vault (built once, about 1 GiB in the cache).")
    var million = false

    @Option(help: "Where large vaults are built before going into the cache (default /dev/shm when it is a tmpfs).")
    var buildDir: String?

    @Flag(help: "Print the table as Markdown.")
    var markdown = false

    @Flag(name: .customLong("remove-cache"), help: "Remove the cached vaults at the end.")
    var removeCache = false

    func validate() throws {
        if let sizeMiB, sizeMiB < 1 || sizeMiB > 64 << 10 { throw ValidationError("--size-mib must be 1…65536") }
        if let rounds, rounds < 1 || rounds > 100 { throw ValidationError("--rounds must be 1…100") }
        if !Files.exists(folder) { throw ValidationError("--dir \(folder) does not exist") }
    }

    var folder: String {
        dir ?? ProcessEnvironment.value("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    var sections: [Section] { only.isEmpty ? Section.allCases : Section.allCases.filter(only.contains) }
    var attachmentBytes: UInt64 { UInt64(sizeMiB ?? (quick ? 256 : 1024)) << 20 }
    var roundCount: Int { rounds ?? (quick ? 3 : 5) }

    func run() throws {
        let machine = Machine.current(dir: folder)
        print(machine.summary)
        print(
            "run: \(quick ? "--quick, " : "")attachments \(attachmentBytes >> 20) MiB, "
                + "\(roundCount) interleaved rounds, dir \(folder)\n")
        let scratch = try Scratch(under: folder)
        defer {
            scratch.removeAll()
            if removeCache { Files.remove(scratch.cache) }
        }
        var table = ResultTable()
        var loads: [String] = []
        for section in sections {
            Log.progress("— \(section.rawValue)")
            let before = LoadMeter()
            defer {
                if let cores = LoadMeter().othersCores(since: before) {
                    loads.append("\(section.rawValue) \(Format.fixed(cores, 2))")
                }
            }
            do {
                try run(section, scratch: scratch, into: &table)
            } catch {
                let message = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
                table.add(
                    ResultRow(
                        what: "\(section.rawValue): failed", ours: String(message.prefix(100)), baseline: "",
                        ratio: "", goal: "", verdict: .miss))
            }
        }
        table.note(
            "background load, in cores kept busy by other processes (and kernel threads) while each part ran, "
                + "of \(machine.cores): " + loads.joined(separator: ", ") + ".")
        print(markdown ? table.markdown() : table.plainText())
    }

    private func run(_ section: Section, scratch: Scratch, into table: inout ResultTable) throws {
        switch section {
        case .attachments:
            try AttachmentBench(byteCount: attachmentBytes, rounds: roundCount, scratch: scratch).run(into: &table)
        case .memory:
            let sizes = [min(100 << 20, attachmentBytes), attachmentBytes]
            try MemoryBench(sizes: sizes.count == Set(sizes).count ? sizes : [attachmentBytes], scratch: scratch)
                .run(into: &table)
        case .list:
            let cache = VaultCache(scratch: scratch, buildFolder: buildFolder)
            let counts = million ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]
            try VaultListBench(counts: counts, rounds: roundCount, scratch: scratch, cache: cache).run(into: &table)
        case .append:
            try AppendBench(appends: quick ? 60 : 300, importCount: 0, scratch: scratch).runAppend(into: &table)
        case .import:
            try AppendBench(appends: 0, importCount: quick ? 2_000 : 10_000, scratch: scratch).runImport(into: &table)
        case .unlock:
            try UnlockBench(rounds: 5 * roundCount, scratch: scratch).run(into: &table)
        case .export:
            try ExportBench(byteCount: attachmentBytes, rounds: roundCount, scratch: scratch).run(into: &table)
        case .read:
            try ReadBackBench(byteCount: attachmentBytes, rounds: roundCount, scratch: scratch).run(into: &table)
        }
    }

    private var buildFolder: String {
        if let buildDir { return buildDir }
        let shm = "/dev/shm"
        return Files.isInMemory(shm) && Files.freeSpace(shm) > (million ? 4 << 30 : 1 << 30) ? shm : folder
    }
}

/// The parts of the benchmark, in the order they run.
enum Section: String, CaseIterable, ExpressibleByArgument {
    case attachments, memory, list, append, `import`, unlock, export
    /// `keepsake save` and `keepsake check` run as programs (needs `keepsake` built beside).
    case read
}

/// `keepsake-bench memory-probe VAULT INPUT OUTPUT`: the child process of the memory rows.
struct MemoryProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory-probe", abstract: "The memory rows' child process (internal).",
        shouldDisplay: false)

    @Argument(help: "A benchmark vault (cheap key derivation).") var vault: String
    @Argument(help: "The file to add as an attachment.") var input: String
    @Argument(help: "Where to read the attachment back to.") var output: String

    func run() throws {
        try MemoryProbe.run(vault: vault, input: input, output: output)
    }
}
