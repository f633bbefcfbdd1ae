import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Runs the probe program (Tests/StoreProbe) as a child, where a file-size limit can stand in
/// for a full disk without touching the test process.
enum StoreProbe {
    static var executable: String {
        // The probe is built into the same folder as the test bundle.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var url = Bundle.main.bundleURL
        for candidate in [bundle, url.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("keepsake-store-probe").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        url = url.appendingPathComponent("keepsake-store-probe")
        return url.path
    }

    /// Runs the probe; returns its exit status and output lines.
    static func run(vault: String, passphrase: String, count: Int, fileSizeLimit: Int?) throws
        -> (status: Int32, lines: [String])
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [vault, String(count)] + (fileSizeLimit.map { [String($0)] } ?? [])
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((passphrase + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return (process.terminationStatus, lines)
    }
}

@Suite struct FullDiskTests {
    @Test func anAppendOnAFullDiskFailsCleanlyAndEveryEarlierEntryRemains() throws {
        let fixture = try StoreFixture(entries: 3)
        let before = fixture.log
        let framesBefore = Array(before[..<fixture.framesEnd])
        // Room for the first rung of the log and a frame and a half more: the appends fill the
        // rung, then the one that must grow the log to the next rung hits the limit.
        let frame = fixture.frameRange(0).count
        let limit = before.count + frame + frame / 2
        let result = try StoreProbe.run(
            vault: fixture.vaultPath, passphrase: "correct horse battery staple", count: 500,
            fileSizeLimit: limit)
        #expect(result.status == 1, "\(result.lines)")
        #expect(result.lines.first == "appended 3")
        #expect(result.lines.last?.contains("disk is full") == true || result.lines.last?.contains("too large") == true,
                "\(result.lines)")
        let appended = result.lines.filter { $0.hasPrefix("appended") }.count
        #expect(appended > 50, "the first rung filled before the limit was hit")
        #expect(fixture.log.count == before.count, "the failed growth was cut back")
        let store = try fixture.open()
        #expect(store.records.count == 3 + appended)
        #expect(!store.isDamaged && store.issues.isEmpty, "\(store.issues)")
        #expect(Array(fixture.log.prefix(framesBefore.count)) == framesBefore)
        try store.append(Array("after the disk was freed".utf8))
        #expect(store.records.count == 4 + appended)
    }
}
