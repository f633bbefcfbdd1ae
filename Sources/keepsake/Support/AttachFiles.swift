import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Attaching files: checks, then streams each into the vault.
enum AttachFiles {
    /// Fails early (before unlocking) if a file can't be read.
    static func checkReadable(_ paths: [String]) throws {
        for path in paths where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError.usage("can't read \(path); check the path (nothing was saved)")
        }
    }

    /// Asks for file paths on a terminal.
    static func askForPaths(_ prompter: Prompter) -> [String] {
        var paths: [String] = []
        while let path = prompter.ask(paths.isEmpty
            ? "Attach a photo, screenshot, recording or document? Type its path"
            : "Another file?")
        {
            let cleaned = path.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
            if FileManager.default.isReadableFile(atPath: cleaned) { paths.append(cleaned) } else {
                print(Terminal.style("  Can't read \(cleaned); check the path.", "31"))
            }
        }
        return paths
    }

    /// Stores each file and records it against `id`; returns how many were attached.
    static func add(_ paths: [String], to id: EntryID, in vault: Vault, caption: String? = nil) throws -> Int {
        for path in paths {
            try add(path, to: id, in: vault, caption: caption)
        }
        return paths.count
    }

    /// Streams one file into the vault (encrypted and hashed on the way) and records it.
    @discardableResult
    static func add(_ path: String, to id: EntryID, in vault: Vault, caption: String?) throws -> AttachedFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIError.usage("can't read \(path) (\(String(cString: strerror(errno)))); check the path")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw CLIError.usage("\(path) is not a regular file; attach files one by one")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let progress = ProgressLine(label: "Encrypting \(name)")
        var source = CountingSource(base: FileDescriptorSource(descriptor: descriptor)) { done in
            progress.update(done: done, total: UInt64(info.st_size))
        }
        defer { progress.finish() }
        return try vault.attach(
            from: &source, fileName: name, mediaType: AttachmentReference.mediaType(forFileName: name),
            caption: caption, to: id)
    }
}

/// Passes reads through, reporting the running total (for a progress bar).
struct CountingSource<Base: ByteSource>: ByteSource {
    var base: Base
    let report: (UInt64) -> Void
    private(set) var count: UInt64 = 0

    init(base: Base, report: @escaping (UInt64) -> Void) {
        self.base = base
        self.report = report
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        count += UInt64(n)
        report(count)
        return n
    }
}
