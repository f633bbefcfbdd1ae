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

    /// Asks for file paths on a terminal. A path may be typed as is, or as a terminal pastes a
    /// dragged-in file (quoted, or with `\ ` before spaces), or start with `~/`; several
    /// pasted paths on one line are several files.
    static func askForPaths(_ prompter: Prompter) throws(QuestionStop) -> [String] {
        var paths: [String] = []
        while let line = try prompter.text(
            paths.isEmpty
                ? "Do you want to attach a photo, screenshot, recording or document? Type or drag in its path"
                : "Another file?", hint: "Enter if none", current: nil)
        {
            let found = typedPaths(line)
            if let unreadable = found.first(where: { !FileManager.default.isReadableFile(atPath: $0) }) {
                print(Terminal.style("  Can't read \(unreadable); check the path.", "31"))
            } else {
                paths += found
            }
        }
        return paths
    }

    /// The files a typed line names: the line itself when it is a readable path, else its
    /// shell words (quotes and backslashes undone), each with a leading `~` expanded.
    static func typedPaths(_ line: String) -> [String] {
        let plain = line.trimmingCharacters(in: .whitespaces)
        if FileManager.default.isReadableFile(atPath: plain) { return [plain] }
        let words = ShellWords.split(line).map(expandingTilde)
        return words.isEmpty ? [plain] : words
    }

    /// `~` or `~/…` with the home folder.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
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
