import Foundation
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `backup` onto a USB stick: FAT and exFAT keep no file modes. The backup used to stop at
/// "chmod failed … error 38", leave an empty folder, and `--vault` on that folder then said
/// "wrong passphrase". Each filesystem is made in an image file and mounted through FUSE
/// (fusefat; exfat-fuse on a loop device), which needs root: CI runs as root.
@Suite(.enabled(if: geteuid() == 0, "mounting a FAT image needs root"))
struct USBStickBackupTests {
    @Test(arguments: [StickImage.Kind.fat, .exfat])
    func aBackupOntoTheStickOpensAndChecksAndSaysTheModesWereNotKept(kind: StickImage.Kind) throws {
        let vault = try CLIVault()
        let photo = vault.folder.appending("photo.jpg")
        FileManager.default.createFile(atPath: photo, contents: Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7) }))
        #expect(try vault.run(["log", "--text", "backed up to a stick", "--attach", photo]).status == 0)
        let stick = try StickImage(kind, megabytes: 32, in: vault.folder.appending("."))
        defer { stick.unmount() }

        let copy = stick.mountPoint + "/backup"
        let backup = try vault.run(["backup", copy])
        #expect(backup.status == 0, "\(backup)")
        #expect(backup.errors.contains("can't keep the copy's files private"), "\(backup)")
        #expect(!backup.errors.contains("error "), "\(backup)")

        let input = vault.passphrase + "\n"
        let checked = try vault.runner.run(["check", "--vault", copy, "--passphrase-stdin"], input: input)
        #expect(checked.status == 0, "\(checked)")
        let listed = try vault.runner.run(["list", "--vault", copy, "--passphrase-stdin", "--json"], input: input)
        let items = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [Any]
        #expect(listed.status == 0 && items?.count == 1, "\(listed)")
        let written = try vault.runner.run(["log", "--text", "written on the stick", "--vault", copy, "--passphrase-stdin"], input: input)
        #expect(written.status == 0, "the copy is a working vault: \(written)")
    }

    @Test func aBackupThatRunsOutOfSpaceSaysSoInWordsAndLeavesNothingBehind() throws {
        let vault = try CLIVault()
        let video = vault.folder.appending("video.mp4")
        FileManager.default.createFile(atPath: video, contents: Data(repeating: 1, count: 6 << 20))
        #expect(try vault.run(["log", "--text", "a large file", "--attach", video]).status == 0)
        // exFAT: fusefat answers a full disk with "permission denied" (EPERM), exfat-fuse
        // with ENOSPC, as a kernel-mounted stick does.
        let stick = try StickImage(.exfat, megabytes: 4, in: vault.folder.appending("."))
        defer { stick.unmount() }

        let copy = stick.mountPoint + "/keepsake/backup"
        let backup = try vault.run(["backup", copy])
        #expect(backup.status != 0, "\(backup)")
        #expect(backup.errors.contains("the disk is full"), "\(backup)")
        #expect(!backup.errors.contains("errno") && !backup.errors.contains("error 28"), "\(backup)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: stick.mountPoint)) ?? ["?"]).isEmpty, "the folders the backup made are gone")
    }
}

/// A FAT or exFAT filesystem in an image file, mounted through FUSE for one test.
struct StickImage {
    enum Kind: Sendable { case fat, exfat }
    let mountPoint: String
    let loopDevice: String?

    init(_ kind: Kind, megabytes: Int, in folder: String) throws {
        let image = folder + "/stick-\(kind).img"
        mountPoint = folder + "/stick-\(kind)"
        FileManager.default.createFile(atPath: image, contents: nil)
        #expect(truncate(image, off_t(megabytes << 20)) == 0)
        mkdir(mountPoint, 0o755)
        switch kind {
        case .fat:
            try Self.run("/sbin/mkfs.vfat", [image])
            try Self.mount("/usr/bin/fusefat", ["-o", "rw+", image, mountPoint])
            loopDevice = nil
        case .exfat:
            try Self.run("/sbin/mkfs.exfat", [image])
            let device = try Self.run("/sbin/losetup", ["-f", "--show", image]).trimmingCharacters(in: .whitespacesAndNewlines)
            loopDevice = device
            try Self.mount("/sbin/mount.exfat-fuse", [device, mountPoint])
        }
    }

    func unmount() {
        _ = try? Self.run("/bin/fusermount", ["-u", mountPoint])
        if let loopDevice { _ = try? Self.run("/sbin/losetup", ["-d", loopDevice]) }
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let result = try ProgramRunner(executable: program).run(arguments)
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return result.output
    }

    /// Starts a FUSE file system through the shell, its output going nowhere: the daemon it
    /// leaves behind holds on to its output, and a pipe (or Foundation's child watcher)
    /// would wait for it forever.
    static func mount(_ program: String, _ arguments: [String]) throws {
        let command = ([program] + arguments).map { "'\($0)'" }.joined(separator: " ") + " </dev/null >/dev/null 2>&1"
        guard system(command) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
