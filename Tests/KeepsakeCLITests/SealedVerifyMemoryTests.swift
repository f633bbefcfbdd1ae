import Foundation
import KeepsakeTestSupport
import Testing

/// `verify` of a sealed bundle streams: checking a bundle of a thousand mebibytes (a long
/// video as evidence) costs a small, fixed amount of memory, not three times the bundle as it
/// once did, nor the whole plaintext in a memory file (`memfd`) as it did after that: the
/// process may not grow any file past 64 MiB (`prlimit --fsize`, which binds memory files and
/// tmpfs as it binds disk files), so no copy of the plaintext can be kept anywhere. And `open`
/// of the same bundle writes the files and nothing else (no decrypted archive beside them).
@Suite struct SealedVerifyMemoryTests {
    @Test func verifyingA1000MiBSealedBundleKeepsMemoryFlat() throws {
        let vault = try CLIVault()
        let video = vault.folder.appending("video.mp4")
        let chunk = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        #expect(FileManager.default.createFile(atPath: video, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: video))
        for _ in 0..<1000 { handle.write(chunk) }
        try handle.close()
        #expect(try vault.run(["log", "--text", "the recording", "--attach", video]).status == 0)
        TestFiles.remove(video)
        let key = vault.folder.appending("key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init))
        let bundle = vault.folder.appending("bundle.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient])
        #expect(exported.status == 0, "\(exported)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bundle)[.size] as? Int)
        #expect(size >= 1000 << 20)

        let measured = vault.folder.appending("max-rss.txt")
        let verified = try ProgramRunner(executable: "/usr/bin/time").run(
            ["-f", "%M", "-o", measured, "/usr/bin/prlimit", "--fsize=\(64 << 20)", vault.runner.executable, "verify", bundle, "-i", key])
        #expect(verified.status == 0, "\(verified)")
        let kibibytes = try #require(Int(String(decoding: TestFiles.read(measured), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? ""))
        // The bound: an eighth of the bundle. It once took three times the bundle.
        #expect(kibibytes < 125 << 10, "verify of a \(size >> 20) MiB sealed bundle peaked at \(kibibytes >> 10) MiB")

        // `open` may write no file larger than the video itself: the decrypted archive, which
        // holds the video and more, is never written.
        let out = vault.folder.appending("opened")
        let opened = try ProgramRunner(executable: "/usr/bin/prlimit").run(
            ["--fsize=\(1000 << 20)", vault.runner.executable, "open", bundle, "-i", key, "-o", out])
        #expect(opened.status == 0, "\(opened)")
        let unpacked = try FileManager.default.attributesOfItem(atPath: out + "/attachments/" + (try FileManager.default.contentsOfDirectory(atPath: out + "/attachments").first ?? ""))
        #expect(unpacked[.size] as? Int == 1000 << 20)
    }
}
