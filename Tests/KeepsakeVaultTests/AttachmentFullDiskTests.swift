import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// An attachment on a full disk, for real: the probe program (Tests/StoreProbe) attaches a
/// file under a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored), so the write fails as on a
/// full disk. A clean error; the vault opens with every earlier entry and checks intact.
@Suite struct AttachmentFullDiskTests {
    static let passphrase = "attachment full disk words"
    let folder = TemporaryFolder()
    var path: String { folder.appending("vault") }

    /// A vault with one short incident, then long ones until the log holds `logBytes`;
    /// returns their ids.
    func makeVault(logBytes: Int) throws -> Set<EntryID> {
        let vault = try Vault.create(at: path, passphrase: Passphrase(copying: Self.passphrase), parameters: TestKDF.cheap)
        var ids: Set = [try vault.add(.incident(Incident(account: "a short account"))).id]
        while TestFiles.read(path + "/1").count < logBytes {
            ids.insert(try vault.add(.incident(Incident(account: String(repeating: "a long account. ", count: 4_000)))).id)
        }
        try vault.close()
        return ids
    }

    func attachUnderLimit(_ limit: Int, fileSize: Int) throws -> ProgramRunner.Result {
        let file = folder.appending("photo.jpg")
        TestFiles.write((0..<fileSize).map { UInt8(truncatingIfNeeded: $0 &* 31) }, to: file)
        return try ProgramRunner(product: "keepsake-store-probe").run(["attach", path, file, String(limit)], input: Self.passphrase + "\n")
    }

    func reopenAndCheck(keeping earlier: Set<EntryID>) throws -> IntegrityReport {
        let vault = try Vault.open(at: path, passphrase: Passphrase(copying: Self.passphrase))
        defer { vault.store.close() }
        #expect(earlier.isSubset(of: Set(vault.items.keys)))
        #expect(vault.items.values.allSatisfy { $0.attachments.isEmpty })
        return vault.checkIntegrity()
    }

    @Test func theBlobHittingTheLimitIsRemovedAndNothingElseChanges() throws {
        let earlier = try makeVault(logBytes: 0)
        let result = try attachUnderLimit(48 << 10, fileSize: 200_000)
        #expect(result.status == 1, "\(result)")
        #expect(result.output.contains("too large for this disk") || result.output.contains("disk is full"), "\(result)")
        let report = try reopenAndCheck(keeping: earlier)
        #expect(report.isIntact, "\(report.storeIssues)")
        #expect(report.unreferencedFiles.isEmpty, "the partial blob is removed")
        #expect((Directory.entries(path + "/4") ?? []).isEmpty)
    }

    @Test func theEntryHittingTheLimitLeavesAHarmlessFileAndNothingElseChanges() throws {
        // The log is already past the limit; the blob fits under it. The blob is written and
        // synced, then appending its entry fails.
        let earlier = try makeVault(logBytes: 200_000)
        let result = try attachUnderLimit(64 << 10, fileSize: 20_000)
        #expect(result.status == 1, "\(result)")
        #expect(result.output.contains("too large for this disk") || result.output.contains("disk is full"), "\(result)")
        let report = try reopenAndCheck(keeping: earlier)
        #expect(report.isIntact, "\(report.storeIssues)")
        #expect(report.unreferencedFiles.count == 1, "the blob without an entry is reported, as harmless")
    }
}
