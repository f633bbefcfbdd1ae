import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// A recipient's `verify` and `open` facing a bundle an attacker shaped: a manifest that
/// points outside the folder, text that commands the terminal, a bundle that fails its checks.
@Suite struct HostileBundleTests {
    static let age = ProgramRunner(executable: "/usr/bin/age")
    /// What a terminal obeys instead of showing: ESC, BEL, CR, and the right-to-left override.
    static let obeyed: [String] = ["\u{1B}", "\u{07}", "\r", "\u{202E}", "\u{9B}"]

    /// A vault with one incident, a key for the advocate, a sealed bundle and its opened folder.
    func openedBundle() throws -> (vault: CLIVault, key: String, recipient: String, bundle: String, folder: String) {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--text", "He shoved me hard against the door."]).status == 0)
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init))
        let bundle = vault.folder.appending("bundle.age")
        #expect(try vault.run(["export", "-o", bundle, "--to", recipient]).status == 0)
        let folder = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", bundle, "-i", key, "-o", folder])
        #expect(opened.status == 0, "\(opened)")
        return (vault, key, recipient, bundle, folder)
    }

    /// Rewrites `folder/manifest.json` with `change` applied to its JSON object.
    func editManifest(_ folder: String, _ change: (inout [String: Any]) throws -> Void) throws {
        let path = folder + "/manifest.json"
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(TestFiles.read(path))) as? [String: Any])
        try change(&manifest)
        TestFiles.write(Array(try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])), to: path)
    }

    func filesCheck(_ result: ProgramRunner.Result) throws -> [String: Any] {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result)")
        let checks = try #require(parsed["checks"] as? [[String: Any]])
        return try #require(checks.first { $0["name"] as? String == "files" })
    }

    @Test(arguments: ["../canary", "ABSOLUTE"])
    func aManifestPathOutsideTheFolderIsRefusedNotRead(path: String) throws {
        let (vault, _, _, _, folder) = try openedBundle()
        // The canary sits beside the folder; the manifest names it with its true hash and size,
        // so reading it would make the "files" check pass.
        let canary = Array("a file of the recipient's, outside the bundle\n".utf8)
        TestFiles.write(canary, to: vault.folder.appending("canary"))
        let listed = path == "ABSOLUTE" ? vault.folder.appending("canary") : path
        try editManifest(folder) { manifest in
            var files = try #require(manifest["files"] as? [[String: Any]])
            files.append(["path": listed, "sha256": Hex.encode(SHA256.hash(canary)), "size": canary.count])
            manifest["files"] = files
        }
        let verified = try vault.runner.run(["verify", folder, "--json"])
        #expect(verified.status == 4, "\(verified)")
        let files = try filesCheck(verified)
        #expect(files["passed"] as? Bool == false, "the canary outside was read and matched: \(files)")
        #expect((files["detail"] as? String)?.contains("\(listed) is not a plain path inside the bundle (refused, not read)") == true, "\(files)")
    }

    /// Every printed field a forger controls: the manifest's times, file names, the trusted
    /// comment of a signature made with the forger's own key.
    @Test func textFromTheBundleIsShownEscapedAndJSONStaysExact() throws {
        let (vault, _, _, _, folder) = try openedBundle()
        let redraw = "2026-01-05\u{1B}[2J\u{1B}[1;1Hok    files: all fine\u{1B}]0;VERIFIED\u{07}\r"
        let spoofed = "attachments/photo\u{202E}gpj.exe"
        try FileManager.default.createDirectory(atPath: folder + "/attachments", withIntermediateDirectories: true)
        TestFiles.write([1, 2, 3], to: folder + "/" + spoofed)
        TestFiles.write([4], to: folder + "/note\u{1B}[31m\u{9B}2J.txt")
        try editManifest(folder) { manifest in
            var head = try #require(manifest["treeHead"] as? [String: Any])
            head["signedAt"] = redraw
            manifest["treeHead"] = head
            manifest["exportedAt"] = redraw
        }
        // Re-signed with a key of the attacker's own, whose trusted comment is printed.
        let minisign = ProgramRunner(executable: "/usr/bin/minisign")
        let secret = vault.folder.appending("forger.key")
        #expect(try minisign.run(["-G", "-W", "-p", folder + "/keepsake-vault.pub", "-s", secret, "-f"]).status == 0)
        let comment = "tc \u{1B}]0;pwn\u{07} \u{202E} end"
        let signed = try minisign.run(["-S", "-s", secret, "-m", folder + "/manifest.json", "-x", folder + "/manifest.json.minisig", "-t", comment])
        #expect(signed.status == 0, "\(signed)")
        let verified = try vault.runner.run(["verify", folder])
        #expect(verified.status == 4, "\(verified)")
        // (The minisign reader already shows the comment's controls as "?"; the bidi mark is ours to show.)
        #expect(verified.output.contains("]0;pwn") && verified.output.contains("<U+202E> end"), "\(verified.output)")
        for character in Self.obeyed {
            #expect(!verified.output.contains(character), "raw \(character.debugDescription) reached the terminal: \(verified.output.debugDescription)")
        }
        #expect(verified.output.contains("2026-01-05<U+001B>[2J<U+001B>[1;1Hok    files: all fine<U+001B>]0;VERIFIED<U+0007><U+000D>"), "\(verified.output)")
        #expect(verified.output.contains("photo<U+202E>gpj.exe"), "\(verified.output)")
        #expect(verified.output.contains("note<U+001B>[31m<U+009B>2J.txt"), "\(verified.output)")

        // --json carries the same text exactly (JSON's own escaping only).
        let json = try vault.runner.run(["verify", folder, "--json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let details = (parsed["checks"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? String }.joined(separator: "\n")
        #expect(details.contains(redraw), "\(details.debugDescription)")
        #expect(details.contains(spoofed))
        #expect(!json.output.contains("\u{1B}"), "JSON escapes ESC as \\u001b")
    }

    @Test func aBundleThatFailsItsChecksLeavesNothingReadableBehind() throws {
        let (vault, key, recipient, bundle, _) = try openedBundle()
        // A forger changes a sentence of the report and seals it again with stock tools.
        let zip = vault.folder.appending("plain.zip")
        #expect(try Self.age.run(["-d", "-i", key, "-o", zip, bundle]).status == 0)
        let work = vault.folder.appending("work")
        #expect(try ProgramRunner(executable: "/usr/bin/unzip").run(["-q", zip, "-d", work]).status == 0)
        let report = String(decoding: TestFiles.read(work + "/report.html"), as: UTF8.self)
        #expect(report.contains("He shoved me hard"))
        TestFiles.write(Array(report.replacingOccurrences(of: "He shoved me hard", with: "Nothing happened").utf8), to: work + "/report.html")
        let rezipped = vault.folder.appending("forged.zip")
        let zipped = try ProgramRunner(executable: "/bin/sh").run(["-c", "cd \"$1\" && /usr/bin/zip -q -0 -r -D -X \"$2\" .", "sh", work, rezipped])
        #expect(zipped.status == 0, "\(zipped)")
        let forged = vault.folder.appending("forged.age")
        #expect(try Self.age.run(["-r", recipient, "-o", forged, rezipped]).status == 0)

        let out = vault.folder.appending("forged-opened")
        let opened = try vault.runner.run(["open", forged, "-i", key, "-o", out])
        #expect(opened.status == 4, "\(opened)")
        #expect(opened.output.contains("NOT VERIFIED"), "\(opened)")
        #expect(!opened.output.contains("Read "), "the reader is pointed at a report that failed: \(opened)")
        #expect(opened.output.contains("Nothing was kept"), "\(opened)")
        #expect(!FileManager.default.fileExists(atPath: out), "the unverified files were left behind")

        // A file name that commands the terminal (UTF-8 flagged, as stock `zip` does not write
        // it) is refused, and the error shows it escaped.
        let named = vault.folder.appending("named.zip")
        TestFiles.write(Self.oneEntryZip(name: "x\u{1B}]0;VERIFIED\u{07}\u{202E}.txt"), to: named)
        let sealed = vault.folder.appending("named.age")
        #expect(try Self.age.run(["-r", recipient, "-o", sealed, named]).status == 0)
        let refused = try vault.runner.run(["open", sealed, "-i", key, "-o", vault.folder.appending("named-opened")])
        #expect(refused.status != 0, "\(refused)")
        for character in Self.obeyed {
            #expect(!(refused.output + refused.errors).contains(character), "raw \(character.debugDescription): \(refused)")
        }
        #expect(refused.errors.contains("x<U+001B>]0;VERIFIED<U+0007><U+202E>.txt"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: vault.folder.appending("named-opened")))
    }

    /// A ZIP archive of one stored, empty entry whose UTF-8 name is `name` (flag bit 11).
    static func oneEntryZip(name: String) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let bytes = Array(name.utf8)
        let local = u32(0x0403_4b50) + u16(20) + u16(1 << 11) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + u32(0)
            + u16(bytes.count) + u16(0) + bytes
        let central = u32(0x0201_4b50) + u16(20) + u16(20) + u16(1 << 11) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + u32(0)
            + u16(bytes.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + bytes
        let end = u32(0x0605_4b50) + u16(0) + u16(0) + u16(1) + u16(1) + u32(central.count) + u32(local.count) + u16(0)
        return local + central + end
    }

    @Test func anOpenedBundleHasNoStagingFolderLeft() throws {
        let (vault, _, _, _, folder) = try openedBundle()
        let names = try withExtendedLifetime(vault) { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }
        #expect(names.contains("report.html") && names.contains("manifest.json"), "\(names)")
        #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
    }
}
