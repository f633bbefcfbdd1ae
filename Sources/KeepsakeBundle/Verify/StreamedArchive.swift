import KeepsakeCrypto

/// Where a streamed archive's bytes go: the age decryptor writes the decrypted archive here.
public struct BundleStreamSink: ByteSink {
    let reader: ZipStreamReader

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws { try reader.write(bytes) }
}

/// A sealed bundle's archive checked as it is decrypted, in one pass, in flat memory: each
/// file's SHA-256 is computed as it passes and only what `verify` reads whole is kept (the
/// manifest, its signature, the public key, entries.json, report.html, incidents.csv,
/// README.txt, and small attachments up to the report's inline-image budget). The plaintext
/// is never held whole, in this process or in a memory file.
///
/// Names are checked as `BundleArchive` does (an unsafe one is reported and fails
/// verification); the archive itself must pass every rule of `ZipStreamReader` and
/// `ZipCentralDirectory`, or nothing is returned. A file that was not kept and is read anyway
/// (an inline image past the budget) is read in a second pass, and used only when its SHA-256
/// is the one the first pass found.
public struct StreamedArchive: BundleContents {
    /// One file as it passed.
    struct File {
        var sha256: [UInt8]
        var size: UInt64
        var bytes: [UInt8]?
    }

    /// Files read whole by `verify`, kept when at most `BundleFolder.wholeFileLimit`.
    static let keptNames: Set<String> = [
        BundleLayout.manifest, BundleLayout.signature, BundleLayout.publicKey, "entries.json", "report.html",
        "incidents.csv", "README.txt",
    ]
    /// All those kept together, at most; past it, a file is read again when asked for.
    static let keptLimit = 256 << 20

    public let path: String
    private let files: [String: File]
    private let unsafe: [String]
    private let stream: (inout BundleStreamSink) throws -> Void

    /// Reads the archive that `stream` writes into the sink it is given (and writes again if
    /// a file must be read a second time).
    /// - Throws: `BundleError` for an archive that is damaged, cut short or breaks a rule;
    ///   otherwise what `stream` throws (the decryptor's errors).
    public init(path: String, stream: @escaping (inout BundleStreamSink) throws -> Void) throws {
        self.path = path
        self.stream = stream
        let collector = Collector { name, size, keptSoFar, imagesSoFar in
            if Self.keptNames.contains(name) {
                return size <= UInt64(BundleFolder.wholeFileLimit) && keptSoFar + size <= UInt64(Self.keptLimit) ? .named : nil
            }
            return name.hasPrefix("attachments/") && size <= BundleExporter.inlineImageLimit
                && imagesSoFar + size <= BundleExporter.inlineImageBudget ? .attachment : nil
        }
        let (entries, length) = try Self.run(stream, path: path, collector: collector)
        var total: UInt64 = 0
        var unsafe = collector.unsafe
        var files = collector.files
        for entry in entries {
            let (sum, overflow) = total.addingReportingOverflow(entry.local.uncompressedSize)
            total = sum
            guard !overflow, total <= length else {
                throw BundleError.unsafeArchive("its files add up to more than the archive holds (a zip bomb?)")
            }
            if entry.isSymlink, let name = entry.local.name.flatMap(SafeArchive.safeRelativePath), files[name] != nil {
                files[name] = nil
                unsafe.append(entry.local.printableName + " (a link)")
            }
        }
        self.files = files
        self.unsafe = unsafe
    }

    /// Streams the archive through a reader handing entries to `collector`.
    /// - Returns: the entries, and the archive's length.
    private static func run(
        _ stream: (inout BundleStreamSink) throws -> Void, path: String, collector: Collector
    ) throws -> ([ZipStreamEntry], UInt64) {
        let reader = ZipStreamReader(name: path, consumer: collector)
        var sink = BundleStreamSink(reader: reader)
        do { try stream(&sink) } catch {
            // The decryptor wraps what the sink threw; the reader's own error says more.
            if let failure = reader.failure { throw failure }
            throw error
        }
        let entries = try reader.finish()
        return (entries, reader.length)
    }

    public func listing() -> (files: [String], other: [String]) { (files.keys.sorted(), unsafe) }

    public func read(_ name: String) -> [UInt8]? {
        guard let file = files[name], file.size <= UInt64(BundleFolder.wholeFileLimit) else { return nil }
        if let bytes = file.bytes { return bytes }
        // Not kept: read it again, and use it only if it is what the first pass hashed.
        let collector = Collector { candidate, _, _, _ in candidate == name ? .named : nil }
        guard (try? Self.run(stream, path: path, collector: collector)) != nil,
            let again = collector.files[name], again.sha256 == file.sha256, let bytes = again.bytes
        else { return nil }
        return bytes
    }

    public func hash(_ name: String) -> (sha256: [UInt8], size: UInt64)? { files[name].map { ($0.sha256, $0.size) } }
}

/// Hashes every entry of a streamed archive and keeps those its rule chooses.
private final class Collector: ZipStreamConsumer {
    enum Keep { case named, attachment }

    /// Whether to keep a file (its name, its size, bytes kept so far by name and as attachments).
    let keep: (String, UInt64, UInt64, UInt64) -> Keep?
    var files: [String: StreamedArchive.File] = [:]
    var unsafe: [String] = []
    private var keptByName: UInt64 = 0
    private var keptAttachments: UInt64 = 0
    private var current: (name: String, hasher: SHA256, bytes: [UInt8]?)?

    init(keep: @escaping (String, UInt64, UInt64, UInt64) -> Keep?) { self.keep = keep }

    func begin(_ entry: ZipLocalEntry) throws {
        current = nil
        guard let clean = entry.name.flatMap(SafeArchive.safeRelativePath), entry.isStored, files[clean] == nil else {
            unsafe.append(entry.printableName + (entry.isStored ? "" : " (compressed, which Keepsake never does)"))
            return
        }
        guard !entry.isDirectory else { return }
        var bytes: [UInt8]?
        switch keep(clean, entry.size, keptByName, keptAttachments) {
        case .named?: keptByName += entry.size; bytes = []
        case .attachment?: keptAttachments += entry.size; bytes = []
        case nil: break
        }
        bytes?.reserveCapacity(Int(entry.size))
        current = (clean, SHA256(), bytes)
    }

    func data(_ bytes: UnsafeRawBufferPointer) throws {
        guard current != nil else { return }
        current!.hasher.update(bytes)
        current!.bytes?.append(contentsOf: bytes)
    }

    func end(_ entry: ZipLocalEntry) throws {
        guard let current else { return }
        files[current.name] = StreamedArchive.File(sha256: current.hasher.finalize(), size: entry.size, bytes: current.bytes)
        self.current = nil
    }
}
