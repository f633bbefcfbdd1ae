import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Attaching files: checks, then streams each into the vault.
enum AttachFiles {
    /// Fails early (before unlocking, so before the vault's lock is taken) if a file can't be
    /// read or is not a regular file: a named pipe, a socket, a device such as /dev/zero or a
    /// folder is refused at once instead of hanging or filling the disk.
    static func checkReadable(_ paths: [String]) throws {
        for path in paths { close(try openRegularFile(path)) }
    }

    /// Opens `path` for reading without ever blocking (`O_NONBLOCK`: opening a named pipe
    /// with no writer would wait forever) and checks with `fstat` that it is a regular file.
    /// - Returns: the open descriptor (the caller closes it).
    /// - Throws: `CLIError.usage` naming what the path is instead, or why it can't be read.
    static func openRegularFile(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let reason = errno == ENXIO ? "it is a socket, not a file" : String(cString: strerror(errno)).lowercased()
            throw CLIError.usage("can't attach \(path): \(reason); check the path (nothing was saved)")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            close(descriptor)
            throw CLIError.usage("can't attach \(path): \(reason); check the path (nothing was saved)")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            let what: String
            switch kind {
            case S_IFDIR: what = "a folder; attach the files in it one by one"
            case S_IFIFO: what = "a named pipe, not a file; save what it carries to a file first"
            case S_IFSOCK: what = "a socket, not a file"
            case S_IFCHR, S_IFBLK: what = "a device, not a file"
            default: what = "not a regular file"
            }
            throw CLIError.usage("can't attach \(path): it is \(what) (nothing was saved)")
        }
        // Regular files never block; reads below are ordinary blocking reads.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return descriptor
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
            do {
                for path in found { close(try openRegularFile(path)) }
                paths += found
            } catch {
                print(Terminal.style("  \(TerminalText.line("\(error)"))", "31"))
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
        let descriptor = try openRegularFile(path)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw CLIError.usage("can't read \(path) (\(String(cString: strerror(errno)))); check the path")
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
