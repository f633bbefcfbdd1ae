import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// The profile leaves the vault only with `export --include-profile`: without it, no byte of
/// it is in the opened bundle (its words searched in every form) and `export` says it stayed
/// private; with it, the report's first page shows the parties and its summary the standing
/// firearms answer and the pets, `verify` re-renders the report from the disclosed entries,
/// and a changed word of the profile in the report fails `verify`.
@Suite struct ProfileExportTests {
    static let run = Hex.encode(SecureRandom.bytes(count: 4))
    static var marker: String { "KSPROFILE\(run)" }

    struct Exported {
        var vault: CLIVault
        var key: String
        var recipient: String
    }

    static func vaultWithAProfile() throws -> Exported {
        let vault = try CLIVault()
        for arguments in [
            ["log", "--when", "2026-09-02 21:30", "--kind", "physical", "--text", "He pushed me into the door frame."],
            ["log", "--when", "2026-10-01 evening", "--kind", "threats", "--text", "He said I would never see the kids again."],
        ] {
            let result = try vault.run(arguments)
            precondition(result.status == 0, "\(arguments): \(result)")
        }
        _ = try ProfileCLITests.answerEverything(vault, marker: marker)
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        return Exported(vault: vault, key: key, recipient: recipient)
    }

    static func open(_ setup: Exported, _ bundle: String, into name: String) throws -> [String: [UInt8]] {
        let folder = setup.vault.folder.appending(name)
        let opened = try setup.vault.runner.run(["open", bundle, "-i", setup.key, "-o", folder])
        #expect(opened.status == 0, "\(opened)")
        return TestFiles.fingerprintContents(folder)
    }

    @Test func withoutItsFlagNoByteOfTheProfileLeaves() throws {
        let setup = try Self.vaultWithAProfile()
        let bundle = setup.vault.folder.appending("b.age")
        let exported = try setup.vault.run([
            "export", "-o", bundle, "--to", setup.recipient, "--include-plan", "--include-contacts", "--include-cycle", "--history",
        ])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Kept private, not in the bundle: your profile"), "\(exported)")
        #expect(!exported.output.contains("Kinds inside: incidents; your profile"), "\(exported)")
        let files = try Self.open(setup, bundle, into: "opened")
        #expect(files.count > 3)
        for words in [Self.marker, "Daniel Lopez", "Maria Lopez", "hunting rifle", "Rex, a dog", "\"profile\""] {
            for (name, bytes) in files {
                for form in TraceSearch.forms(words) { #expect(!bytes.containsBytes(form), "\(words) in \(name)") }
            }
        }
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        #expect(report.contains("<tr><th>Firearms (standing answer)</th><td>not in this bundle (the owner&#39;s profile was not included)</td></tr>"), "\(report)")
        #expect(!report.contains("Person asking for protection"))
        #expect(try setup.vault.runner.run(["verify", bundle, "-i", setup.key]).status == 0)
    }

    /// On a terminal, `export` without the flag asks; Enter or no keeps the profile out, yes
    /// puts it in.
    @Test func onATerminalExportAsksAndEnterKeepsTheProfileOut() throws {
        let setup = try Self.vaultWithAProfile()
        for (answer, bundleName, inside) in [("", "enter.age", false), ("yes", "yes.age", true)] {
            let bundle = setup.vault.folder.appending(bundleName)
            let terminal = try setup.vault.terminal(["export", "-o", bundle, "--to", setup.recipient])
            try terminal.expect("Put your profile in this bundle?")
            try terminal.send(answer)
            let said = try terminal.expect("They open it with")
            #expect(try terminal.wait() == .exited(0))
            #expect(said.contains("Kept private, not in the bundle: your profile") == !inside, "\(said)")
            #expect(said.contains("your profile (the parties, children, firearms, pets).") == inside, "\(said)")
            let entries = try #require(try Self.open(setup, bundle, into: bundleName + "-opened")["entries.json"])
            #expect(TraceSearch.forms(Self.marker).contains { entries.containsBytes($0) } == inside)
        }
    }

    @Test func withItsFlagTheReportShowsThePartiesAndFirearmsAndVerifiesAndAChangedWordFails() throws {
        let setup = try Self.vaultWithAProfile()
        let bundle = setup.vault.folder.appending("b.age")
        let exported = try setup.vault.run(["export", "-o", bundle, "--to", setup.recipient, "--include-profile"])
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.output.contains("Kinds inside: incidents; your profile (the parties, children, firearms, pets)."), "\(exported)")
        #expect(!exported.output.contains("Kept private, not in the bundle: your profile"), "\(exported)")
        let verified = try setup.vault.runner.run(["verify", bundle, "-i", setup.key])
        #expect(verified.status == 0, "\(verified)")

        let files = try Self.open(setup, bundle, into: "opened")
        // Its entry is disclosed (payloads are base64 there), so the search above would find it.
        let entries = try #require(files["entries.json"])
        #expect(TraceSearch.forms(Self.marker).contains { entries.containsBytes($0) })
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        let summary = try #require(report.range(of: "<section class=\"summary\">"))
        let firstPage = report[..<summary.lowerBound]
        for words in [
            "<th>Case number</th>", "<th>Person asking for protection</th><td>Maria Lopez</td>",
            "<th>Person they need protection from</th><td>Daniel Lopez\(Self.marker)</td>",
            "<th>Relationship</th><td>former spouse or registered partner</td>",
            "<th>Children</th><td>A. L.\(Self.marker), age or year of birth: 7<br>C. L., age not given</td>",
        ] {
            #expect(firstPage.contains(words), "\(words) not on the first page: \(firstPage)")
        }
        let incidents = try #require(report.range(of: "<section class=\"incidents\">"))
        let summaryPage = report[summary.lowerBound..<incidents.lowerBound]
        for words in [
            "<th>Firearms (standing answer)</th><td class=\"risk\">yes: kind: a handgun and a hunting rifle; how many: 2; kept: bedroom closet, locked box</td>",
            "Has firearms (the owner&#39;s standing answer)", "<th>Pets</th><td>yes: Rex, a dog</td>",
            "<th>Harm or threats to animals</th><td class=\"risk\">He kicked Rex",
        ] {
            #expect(summaryPage.contains(words), "\(words) not in the summary: \(summaryPage)")
        }

        // A changed word of the profile in the report is caught.
        let folder = setup.vault.folder.appending("opened")
        let path = folder + "/report.html"
        let changed = report.replacingOccurrences(of: "a handgun and a hunting rifle", with: "a hunting rifle")
        #expect(changed != report)
        TestFiles.write(Array(changed.utf8), to: path)
        let altered = try setup.vault.runner.run(["verify", folder])
        #expect(altered.status == 4, "\(altered)")
        #expect(altered.output.contains("NOT VERIFIED"), "\(altered)")
    }
}
