import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// An export on a full disk, for real: the probe program (Tests/StoreProbe) writes a bundle's
/// archive under a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored). A clean error; the vault
/// opens with every entry and checks intact.
@Suite struct ExportFullDiskTests {
    static let passphrase = "export full disk words"
    let folder = TemporaryFolder()

    @Test func anExportThatRunsOutOfSpaceFailsCleanlyAndTheVaultIsUntouched() throws {
        let path = folder.appending("vault")
        let vault = try Vault.create(at: path, passphrase: Passphrase(copying: Self.passphrase), parameters: TestKDF.cheap)
        let incident = try vault.add(.incident(Incident(account: "what happened, in my words", injuries: "bruise")))
        var photo = BytesSource((0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 17) })
        try vault.attach(from: &photo, fileName: "arm.jpg", mediaType: "image/jpeg", to: incident.id)
        try vault.add(.incident(Incident(account: "a second time")))
        try vault.close()
        let before = TestFiles.fingerprint(path)

        var failures = 0
        // Three limits: the archive stops at three different places.
        for limit in [6_000, 100_000, 160_000] {
            let out = folder.appending("bundle-\(limit).zip")
            let result = try ProgramRunner(product: "keepsake-store-probe").run(["export", path, out, String(limit)], input: Self.passphrase + "\n")
            #expect(result.status == 1, "limit \(limit): \(result)")
            #expect(result.output.contains("too large for this disk"), "limit \(limit): \(result)")
            #expect(TestFiles.read(out).count <= limit)
            #expect(TestFiles.fingerprint(path).filter { $0.key != "3" } == before.filter { $0.key != "3" }, "limit \(limit): the vault's files changed")
            let reopened = try Vault.open(at: path, passphrase: Passphrase(copying: Self.passphrase), mode: .readOnly)
            #expect(reopened.checkIntegrity().isIntact)
            #expect(reopened.current(.incident).count == 2)
            reopened.store.close()
            failures += 1
        }
        // With room, the same export succeeds.
        let out = folder.appending("bundle.zip")
        let result = try ProgramRunner(product: "keepsake-store-probe").run(["export", path, out, String(100 << 20)], input: Self.passphrase + "\n")
        #expect(result.status == 0, "\(result)")
        #expect(BundleVerifier.verify(try BundleArchive(path: out)).passed)
        print("export on a full disk: \(failures) limits, \(failures) clean errors, vault unchanged each time")
    }
}
