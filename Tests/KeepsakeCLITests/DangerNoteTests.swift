import Foundation
import KeepsakeTestSupport
import Testing

/// After saving an incident with a sign of serious danger, a short calm note with a helpline,
/// once a session; nothing for other incidents.
@Suite struct DangerNoteTests {
    static let note = "Advocates treat this as a sign of serious danger"

    /// The text with its lines joined (the note is folded to the terminal's width).
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func aSignOfSeriousDangerGetsACalmNoteWithTheRegionsHelpline() throws {
        let vault = try CLIVault()
        vault.runner.environment["KEEPSAKE_REGION"] = "GB"
        let calm = try vault.run(["log", "--when", "yesterday", "--text", "he shouted"])
        #expect(calm.status == 0 && !calm.output.contains(Self.note), "\(calm)")
        let serious = try vault.run([
            "log", "--when", "yesterday", "--text", "he choked me", "--high-risk", "strangulation", "--weapons", "a knife",
            "--high-risk", "weapon",
        ])
        #expect(serious.status == 0, "\(serious)")
        let words = Self.oneLine(serious.output)
        #expect(words.contains("includes choking or strangulation and a weapon used or shown."), "\(serious)")
        #expect(words.contains(Self.note), "\(serious)")
        #expect(serious.output.contains("0808 2000 247"), "\(serious)")
        #expect(serious.output.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(serious.output)")
        let threat = try vault.run(["log", "--when", "yesterday", "--text", "kill me and then himself", "--high-risk", "suicide-threat"])
        #expect(Self.oneLine(threat.output).contains("a threat of suicide"), "\(threat)")
    }

    @Test func theOwnersOwnHotlineIsShownAndTheNoteComesOnceASession() throws {
        let vault = try CLIVault(create: false)
        let made = try vault.run(["init", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf", "--region", "NZ"])
        #expect(made.status == 0, "\(made)")
        let contacts = try #require(try vault.json(["contacts", "list"]) as? [[String: Any]])
        #expect((contacts.first?["contact"] as? [String: Any])?["phone"] as? String == "0800 733 843")
        let terminal = try vault.terminal(["shell"])
        try terminal.expect("keepsake> ")
        try terminal.send("log --when yesterday --text first --high-risk threat-to-kill")
        let first = try terminal.expect("keepsake> ")
        #expect(Self.oneLine(first).contains(Self.note) && first.contains("0800 733 843"), "\(first)")
        try terminal.send("log --when yesterday --text second --high-risk threat-to-kill")
        let second = try terminal.expect("keepsake> ")
        #expect(second.contains("Saved as") && !Self.oneLine(second).contains(Self.note), "\(second)")
        try terminal.send("lock")
        #expect(try terminal.wait() == .exited(0))
    }

    @Test func anUnknownRegionIsRefusedBeforeAnythingIsAsked() throws {
        let vault = try CLIVault(create: false)
        let result = try vault.run(["init", "--region", "Atlantis"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.hasPrefix("keepsake: error: there is no built-in helpline"), "\(result)")
    }

    @Test func initOnATerminalAsksTheCountryForItsHelpline() throws {
        let vault = try CLIVault(create: false)
        let terminal = try PseudoTerminal(
            product: "keepsake", arguments: ["init", "--vault", vault.path, "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"])
        try terminal.expect("New passphrase: ")
        try terminal.send(vault.passphrase)
        try terminal.expect("Type it again: ")
        try terminal.send(vault.passphrase)
        try terminal.expect("Which country are you in?")
        try terminal.send("ie")
        try terminal.expect("Kept Women's Aid National Freephone Helpline (1800 341 900) as a contact")
        #expect(try terminal.wait() == .exited(0))
        let contacts = try #require(try vault.json(["contacts", "list"]) as? [[String: Any]])
        let contact = try #require(contacts.first?["contact"] as? [String: Any])
        #expect(contact["role"] as? String == "hotline")
        #expect(contact["phone"] as? String == "1800 341 900")
    }
}
