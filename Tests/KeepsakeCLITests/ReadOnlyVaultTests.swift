import Foundation
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A vault whose files can't be written (a backup on read-only media, another user's files)
/// opens for reading: `list`, `show`, `check` and `export` work, with the lock file opened
/// read-only or, when there is none, without a lock; writing is refused in one line. It used
/// to fail on the lock file (EACCES) before anything could be read.
@Suite struct ReadOnlyVaultTests {
    @Test(arguments: [true, false])
    func aReadOnlyVaultListsShowsChecksAndExportsAndRefusesWrites(withLockFile: Bool) throws {
        let vault = try CLIVault()
        let photo = vault.folder.appending("photo.jpg")
        FileManager.default.createFile(atPath: photo, contents: Data(repeating: 7, count: 10_000))
        let logged = try vault.run(["log", "--text", "kept on a read-only stick", "--attach", photo, "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        if !withLockFile { #expect(unlink(vault.path + "/3") == 0) }

        let view = try ReadOnlyView(of: vault.path, at: vault.folder.appending("readonly"))
        defer { view.remove() }
        // Nothing can be written there, not even by this (possibly root) test process.
        #expect(open(view.path + "/3", O_RDWR | O_CREAT, 0o600) < 0)

        func run(_ arguments: [String], extra: [String] = []) throws -> ProgramRunner.Result {
            let input = ([vault.passphrase] + extra).joined(separator: "\n") + "\n"
            return try vault.runner.run(arguments + ["--vault", view.path, "--passphrase-stdin"], input: input)
        }
        let listed = try run(["list"])
        #expect(listed.status == 0 && listed.output.contains(String(id.prefix(7))), "\(listed)")
        let shown = try run(["show", id])
        #expect(shown.status == 0 && shown.output.contains("kept on a read-only stick"), "\(shown)")
        let checked = try run(["check"])
        #expect(checked.status == 0, "\(checked)")
        let bundle = vault.folder.appending("bundle.age")
        let exported = try run(["export", "--passphrase", "-o", bundle], extra: ["violet harbour quiet meadow lamp"])
        #expect(exported.status == 0 && FileManager.default.fileExists(atPath: bundle), "\(exported)")

        let refused = try run(["log", "--text", "this can't be saved here"])
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.errors.contains("can only be read"), "\(refused)")
        #expect(refused.errors.split(separator: "\n").count == 1, "one line: \(refused)")
        #expect(!refused.errors.contains("EACCES") && !refused.errors.contains("error "), "\(refused)")
    }
}

/// The vault folder seen read-only: a read-only bind mount when the tests run as root (who
/// may write anywhere a mode forbids), else the folder with every write bit taken away.
struct ReadOnlyView {
    let path: String
    let source: String
    let mounted: Bool

    init(of source: String, at path: String) throws {
        self.source = source
        if geteuid() == 0 {
            self.path = path
            mkdir(path, 0o700)
            try Self.mount(["--bind", source, path])
            try Self.mount(["-o", "remount,bind,ro", path])
            mounted = true
        } else {
            self.path = source
            Self.setWritable(false, source)
            mounted = false
        }
    }

    func remove() {
        if mounted {
            _ = try? Self.mount(["-u", path], program: "/bin/umount")
            rmdir(path)
        } else {
            Self.setWritable(true, source)
        }
    }

    private static func mount(_ arguments: [String], program: String = "/bin/mount") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments.filter { $0 != "-u" }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    private static func setWritable(_ writable: Bool, _ folder: String) {
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
            let path = folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            chmod(path, writable ? (isFolder ? 0o700 : 0o600) : (isFolder ? 0o500 : 0o400))
        }
        chmod(folder, writable ? 0o700 : 0o500)
    }
}
