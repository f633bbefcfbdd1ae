import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// The bundle's journey: the owner exports, a recipient who has never heard of Keepsake opens
/// it with stock `age` and `unzip` and checks the signature with stock `minisign`, and one
/// with Keepsake opens and verifies it, against an anchor shared earlier.
@Suite struct BundleJourneyTests {
    static let age = ProgramRunner(executable: "/usr/bin/age")
    static let ageKeygen = ProgramRunner(executable: "/usr/bin/age-keygen")

    func makeVault() throws -> (CLIVault, anchor: String) {
        let vault = try CLIVault()
        let photo = vault.folder.appending("bruise.png")
        TestFiles.write([0x89, 0x50, 0x4E, 0x47] + (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }, to: photo)
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--kind", "physical", "--text", "He pushed me down the stairs.",
                               "--injuries", "bruised hip", "--attach", photo]).status == 0)
        let anchor = try vault.run(["anchor"]).output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(try vault.run(["log", "--when", "2026-01-20 08:00", "--kind", "threats", "--text", "He said he would take the kids."]).status == 0)
        return (vault, anchor)
    }

    @Test func aBundleSealedToAKeyOpensWithStockToolsAndWithKeepsake() throws {
        let (vault, anchor) = try makeVault()
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        #expect(made.status == 0, "\(made)")
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init))
        #expect(recipient.hasPrefix("age1"))
        #expect(TestFiles.mode(key) == 0o600)

        let bundle = vault.folder.appending("for-advocate.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Sealed 2 incident(s) and 1 attached file(s)"))

        // Stock tools: age decrypts, unzip lists, minisign verifies the manifest.
        let zip = vault.folder.appending("bundle.zip")
        let decrypted = try Self.age.run(["-d", "-i", key, "-o", zip, bundle])
        #expect(decrypted.status == 0, "\(decrypted)")
        let unzip = try ProgramRunner(executable: "/usr/bin/unzip").run(["-o", "-q", zip, "-d", vault.folder.appending("stock")])
        #expect(unzip.status == 0, "\(unzip)")
        let minisign = try ProgramRunner(executable: "/usr/bin/minisign").run([
            "-V", "-p", vault.folder.appending("stock/keepsake-vault.pub"), "-m", vault.folder.appending("stock/manifest.json"),
        ])
        #expect(minisign.status == 0, "\(minisign)")

        // Keepsake: open (decrypt, unpack, verify), verify the folder, the zip and the sealed file.
        let folder = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", bundle, "-i", key, "-o", folder, "--anchor", anchor])
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.output.contains("VERIFIED"))
        #expect(opened.output.contains("only grew"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.keepsake-bundle.zip"))
        #expect(try vault.runner.run(["verify", folder]).status == 0)
        #expect(try vault.runner.run(["verify", zip, "--anchor", anchor]).status == 0)
        #expect(try vault.runner.run(["verify", bundle, "-i", key]).status == 0)
        let json = try vault.runner.run(["verify", folder, "--json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(parsed["passed"] as? Bool == true)

        // A changed report is caught; a stranger's key opens nothing.
        var report = TestFiles.read(folder + "/report.html")
        report[report.count / 2] ^= 0x01
        TestFiles.write(report, to: folder + "/report.html")
        let altered = try vault.runner.run(["verify", folder])
        #expect(altered.status == 4, "\(altered)")
        #expect(altered.output.contains("NOT VERIFIED"))
        let stranger = vault.folder.appending("stranger.txt")
        #expect(try Self.ageKeygen.run(["-o", stranger]).status == 0)
        let refused = try vault.runner.run(["open", bundle, "-i", stranger, "-o", vault.folder.appending("nope")])
        #expect(refused.status == 3, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("nope")))
    }

    @Test func aBundleSealedWithAPassphraseOpensWithThatPassphrase() throws {
        let (vault, _) = try makeVault()
        let bundle = vault.folder.appending("pass.age")
        let words = "orbit willow cinder meadow falcon"
        let exported = try vault.run(["export", "-o", bundle, "--passphrase", "--include-plan", "--history"], extraInput: [words])
        #expect(exported.status == 0, "\(exported)")
        let out = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", bundle, "--passphrase-stdin", "-o", out], input: words + "\n")
        #expect(opened.status == 0, "\(opened)")
        let wrong = try vault.runner.run(["decrypt", bundle, "--passphrase-stdin", "-o", vault.folder.appending("x.zip")], input: "not it\n")
        #expect(wrong.status == 3, "\(wrong)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("x.zip")))
    }

    @Test func aStockAgeKeyWorksAndFiltersNarrowTheBundle() throws {
        let (vault, _) = try makeVault()
        let key = vault.folder.appending("stock-key.txt")
        let made = try Self.ageKeygen.run(["-o", key])
        #expect(made.status == 0)
        let recipient = try #require((made.errors + made.output).components(separatedBy: "Public key: ").last?
            .trimmingCharacters(in: .whitespacesAndNewlines))
        let bundle = vault.folder.appending("threats.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient, "--kind", "threats", "--no-attachments"])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Sealed 1 incident(s) and 0 attached file(s)"))
        let zip = vault.folder.appending("b.zip")
        #expect(try vault.runner.run(["decrypt", bundle, "-i", key, "-o", zip]).status == 0)
        #expect(try vault.runner.run(["verify", zip]).status == 0)
        let again = try vault.run(["export", "-o", bundle, "--to", recipient])
        #expect(again.status == 2, "an existing file is never overwritten: \(again)")
        let nothing = try vault.run(["export", "-o", vault.folder.appending("none.age"), "--to", recipient, "--until", "2020-01-01"])
        #expect(nothing.status == 2, "\(nothing)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("none.age")))
    }
}
