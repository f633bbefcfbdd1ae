import Foundation
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `attach` of something that is not a regular file (a named pipe with no writer, a socket,
/// an endless device, a folder) is refused at once, before the vault is unlocked: it used to
/// open a FIFO and wait forever while holding the vault's write lock. A hang is caught per
/// command (killed after 30 s), not by a suite time limit: under the full suite, a Swift Testing
/// limit also counts the time a test waits for a thread, and in three CI runs this test passed
/// its 2 minutes that way with every refusal under a second.
@Suite struct InputFilesTests {
    @Test func aFifoASocketADeviceOrAFolderIsRefusedInUnderASecondWithoutTakingTheLock() throws {
        let vault = try CLIVault()
        let logged = try vault.run(["log", "--text", "an account", "--json"])
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)

        let fifo = vault.folder.appending("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let socketPath = vault.folder.appending("sock")
        let listener = try UnixListener(path: socketPath)
        defer { listener.close() }
        let folder = vault.folder.appending("photos")
        #expect(mkdir(folder, 0o700) == 0)

        // Hold the vault's lock as another Keepsake would: a command that took it would wait
        // 5 s and then give up as busy (exit 5).
        let lock = open(vault.path + "/3", O_RDWR | O_CLOEXEC)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        defer { close(lock) }

        for (path, words) in [(fifo, "named pipe"), (socketPath, "socket"), ("/dev/zero", "device"), (folder, "folder")] {
            let started = Date()
            let result = try vault.run(["attach", id, path], killAfter: 30)
            let elapsed = Date().timeIntervalSince(started)
            #expect(!result.timedOut, "\(path): attach still ran after 30 s")
            #expect(result.status == 2, "\(path): \(result)")
            #expect(elapsed < 1, "\(path) took \(elapsed) s")
            #expect(result.errors.contains(path) && result.errors.contains(words), "\(result)")
            #expect(result.errors.split(separator: "\n").count == 1, "one line: \(result)")
        }
        flock(lock, LOCK_UN)
        let items = try #require(try vault.json(["show", id]) as? [String: Any])
        #expect((items["attachments"] as? [Any] ?? []).isEmpty, "nothing was attached")
    }
}

/// A listening Unix socket for a test (a path that `open` can't read).
final class UnixListener {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func close() { _ = Glibc.close(descriptor) }
}
