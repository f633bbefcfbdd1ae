import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// The owner's whole journey through the CLI, as a survivor would take it, checking each
/// step's visible result and, at the end, that no word they wrote reached the disk in clear.
@Suite struct OwnerJourneyTests {
    /// Unique strings written into every kind of field; none may appear in any file.
    static let markers = [
        "when": "MARKERwhenNOTE7431", "where": "MARKERplace5512", "text": "MARKERaccount9921",
        "injuries": "MARKERinjury3381", "witness": "MARKERwitness1144", "quote": "MARKERquote8870",
        "feelings": "MARKERfeeling2210", "amended": "MARKERamended6603", "plan": "MARKERstep4410",
        "contact": "MARKERcontact7719", "phone": "MARKERphone5151", "attachment": "MARKERfilebody3030",
        "caption": "MARKERcaption2828",
    ]

    func ids(_ json: Any) -> [String] {
        (json as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func logAmendRetractPlanContactsCheckBackupAndNoTraces() throws {
        let started = Date().addingTimeInterval(-2)
        let vault = try CLIVault()
        let m = Self.markers
        let photo = vault.folder.appending("photo.jpg")
        let note = vault.folder.appending("note.txt")
        let photoBytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } + Array(m["attachment"]!.utf8)
        TestFiles.write(photoBytes, to: photo)
        TestFiles.write(Array("\(m["attachment"]!) second file".utf8), to: note)

        // Three incidents, one with two attachments.
        let first = try vault.run([
            "log", "--when", "2026-03-02 21:30", "--where", m["where"]!, "--kind", "physical", "--kind", "threats",
            "--text", m["text"]!, "--injuries", m["injuries"]!, "--witness", m["witness"]!, "--witness", "neighbour",
            "--attach", photo, "--attach", note, "--json",
        ])
        #expect(first.status == 0, "\(first)")
        let firstJSON = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let firstID = try #require(firstJSON["id"] as? String)
        #expect(try vault.run(["log", "--when", "yesterday evening", "--kind", "verbal", "--text", "second one", "--felt", m["feelings"]!, "--quote", m["quote"]!]).status == 0)
        let third = try vault.run(["log", "--when", "2026-03-05", "--text", "written by mistake"])
        #expect(third.status == 0, "\(third)")
        let thirdShort = try #require(third.output.split(separator: " ").dropFirst(2).first.map { String($0).trimmingCharacters(in: .punctuationCharacters) })

        // Amend the first, retract the third.
        let amend = try vault.run(["amend", String(firstID.prefix(7)), "--text", m["amended"]!])
        #expect(amend.status == 0, "\(amend)")
        #expect(try vault.run(["retract", thirdShort, "--reason", "duplicate"]).status == 0)

        // Plan: template, then one done; contacts.
        #expect(try vault.run(["plan", "template"]).status == 0)
        #expect(try vault.run(["plan", "add", m["plan"]!, "--category", "go-bag"]).status == 0)
        let plan = try #require(try vault.json(["plan"]) as? [String: Any])
        let steps = try #require(plan["steps"] as? [[String: Any]])
        let mine = try #require(steps.first { (($0["planItem"] as? [String: Any])?["title"] as? String) == m["plan"]! })
        #expect(try vault.run(["plan", "done", String((mine["id"] as! String).prefix(7))]).status == 0)
        let planAfter = try #require(try vault.json(["plan"]) as? [String: Any])
        #expect(planAfter["done"] as? Int == 1)
        #expect(planAfter["total"] as? Int == steps.count)
        #expect(try vault.run(["contacts", "add", m["contact"]!, "--role", "advocate", "--phone", m["phone"]!]).status == 0)

        // Reading commands.
        let incidents = try vault.json(["list", "incidents"])
        #expect(ids(incidents).count == 2, "the retracted one is hidden")
        let shown = try #require(try vault.json(["show", String(firstID.prefix(7))]) as? [String: Any])
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.count == 2)
        let attachments = try #require(shown["attachments"] as? [[String: Any]])
        #expect(attachments.count == 2)
        #expect(attachments.contains { $0["sha256"] as? String == Hex.encode(SHA256.hash(photoBytes)) })
        #expect(ids(try vault.json(["search", String(m["amended"]!.dropFirst(6))])) == [firstID])
        let timeline = try #require(try vault.json(["timeline"]) as? [String: Any])
        #expect(timeline["incidents"] as? Int == 2)
        #expect(ids(try vault.json(["contacts", "list"])).count == 1)

        // A later attachment, the check, the anchor, a backup that lists the same.
        let later = vault.folder.appending("day3.png")
        TestFiles.write(Array(repeating: 0xAB, count: 70_000), to: later)
        #expect(try vault.run(["attach", String(firstID.prefix(7)), later, "--caption", m["caption"]!]).status == 0)
        let check = try vault.run(["check"])
        #expect(check.status == 0, "\(check)")
        #expect(check.output.contains("3 checked"))
        let anchor = try vault.run(["anchor"])
        let anchorText = try #require(anchor.output.split(separator: "\n").first.map(String.init))
        #expect(anchorText.hasPrefix("KS2-"), "the anchor pins the vault's key (format 2)")
        #expect(anchor.output.contains("key fingerprint"))
        #expect(try vault.run(["check", "--anchor", anchorText]).status == 0)
        let backupPath = vault.folder.appending("usb/copy")
        let backup = try vault.run(["backup", backupPath])
        #expect(backup.status == 0, "\(backup)")
        let fromBackup = try vault.runner.run(["list", "--json", "--vault", backupPath, "--passphrase-stdin"], input: vault.passphrase + "\n")
        #expect(fromBackup.output == (try vault.run(["list", "--json"])).output)

        // No marker in any file of the vault or its backup, in clear, base64 or hex.
        var files: [String: [UInt8]] = [:]
        for folder in [vault.path, backupPath] {
            for (name, bytes) in TestFiles.fingerprintContents(folder) { files[folder + "/" + name] = bytes }
        }
        // And none in the temp folder, apart from the owner's own original files.
        let originals = Set([photo, note, later].map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        // Only files written while the test ran: the test's own binaries (which hold the
        // markers as literals) may sit under the temp folder when the package is built there.
        for (name, bytes) in TestFiles.fingerprintContents(temp, maximumFileSize: 64 << 20, modifiedSince: started) {
            let full = URL(fileURLWithPath: temp + "/" + name).resolvingSymlinksInPath().path
            if !originals.contains(full) && !full.hasPrefix(vault.path) && !full.hasPrefix(backupPath) { files[full] = bytes }
        }
        for (_, marker) in m {
            let forms = [Array(marker.utf8), Array(Base64.encode(Array(marker.utf8), variant: .original).dropLast(4).utf8),
                         Array(Hex.encode(Array(marker.utf8)).utf8)]
            for (path, bytes) in files {
                for form in forms {
                    let found = bytes.contains(subsequence: form)
                    #expect(!found, "\(marker) found in \(path)")
                }
            }
        }
        // Files 0600, folders 0700.
        for (path, _) in files where path.hasPrefix(vault.path) || path.hasPrefix(backupPath) {
            #expect(TestFiles.mode(path) & 0o777 == 0o600, "\(path)")
        }
        #expect(TestFiles.mode(vault.path) & 0o777 == 0o700)
        #expect(TestFiles.mode(vault.path + "/4") & 0o777 == 0o700)
    }

    @Test func anAlteredAttachmentIsReportedByCheckWithExitFour() throws {
        let vault = try CLIVault()
        let file = vault.folder.appending("evidence.txt")
        TestFiles.write(Array(repeating: 0x41, count: 100_000), to: file)
        #expect(try vault.run(["log", "--text", "with a file", "--attach", file]).status == 0)
        let blobs = try FileManager.default.contentsOfDirectory(atPath: vault.path + "/4")
        let blob = vault.path + "/4/" + (try #require(blobs.first))
        var bytes = TestFiles.read(blob)
        bytes[70_000] ^= 0x01
        TestFiles.write(bytes, to: blob)
        let check = try vault.run(["check"])
        #expect(check.status == 4, "\(check)")
        #expect(check.output.contains("evidence.txt"))
        #expect(check.output.contains("DAMAGED"))
        try FileManager.default.removeItem(atPath: blob)
        let missing = try vault.run(["check", "--json"])
        #expect(missing.status == 4)
        #expect(missing.output.contains("missing"))
    }

    @Test func aBadDateIsRefusedBeforeAnythingIsWritten() throws {
        let vault = try CLIVault()
        let before = TestFiles.fingerprint(vault.path)
        let result = try vault.run(["log", "--when", "03/02/2026", "--text", "x"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("2026"))
        #expect(result.errors.split(separator: "\n").count == 1)
        let missingFile = try vault.run(["log", "--text", "x", "--attach", vault.folder.appending("nope.jpg")])
        #expect(missingFile.status == 2)
        #expect(TestFiles.fingerprint(vault.path) == before)
    }

    @Test func anAnchorFromBeforeARollbackIsCaught() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--text", "first"]).status == 0)
        let old = vault.folder.appending("old-copy")
        TestFiles.copyFolder(vault.path, to: old)
        #expect(try vault.run(["log", "--text", "second"]).status == 0)
        let anchor = try vault.run(["anchor"]).output.split(separator: "\n").first.map(String.init) ?? ""
        // Put the old copy back, as someone hiding the second entry would.
        try FileManager.default.removeItem(atPath: vault.path)
        TestFiles.copyFolder(old, to: vault.path)
        #expect(try vault.run(["check"]).status == 0, "the rolled-back vault is consistent in itself")
        let caught = try vault.run(["check", "--anchor", anchor])
        #expect(caught.status == 4, "\(caught)")
        #expect(caught.output.contains("removed"))
        let typo = try vault.run(["check", "--anchor", String(anchor.dropLast()) + (anchor.hasSuffix("A") ? "B" : "A")])
        #expect(typo.status == 2, "\(typo)")
    }

    @Test func theShellRunsCommandsAndLocks() throws {
        let vault = try CLIVault()
        let result = try vault.run(["shell"], extraInput: ["contacts add Bo --role friend", "contacts list", "lock"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("Bo"))
        #expect(result.output.contains("Unlocked"))
        let listed = try vault.json(["contacts", "list"])
        #expect(ids(listed).count == 1)
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && Array(self[i..<i + needle.count]) == needle { return true }
            i += 1
        }
        return false
    }
}
