import Foundation
import KeepsakeTestSupport
import Testing

/// Usage errors of every kind exit 2 with one "keepsake: error:" line spelled as the help
/// spells it; `init` on a vault says so before asking anything; the attach question takes a
/// path as a terminal pastes it; `check` names the incident a damaged entry belongs to.
@Suite struct CLIConsistencyTests {
    @Test func everyKindOfUsageErrorExitsTwoWithTheSameOneLinePrefix() throws {
        let vault = try CLIVault()
        let cases: [([String], String)] = [
            (["lgo"], "there is no command 'lgo'; did you mean 'log'?"),
            (["list", "--bogus"], "unknown option '--bogus'"),
            (["log", "--kind", "hitting"], "the value 'hitting' is invalid for '--kind <kind>'"),
            (["plan", "add", "x", "--category", "safePlac"], "safe-place, people, money"),
            (["log", "--high-risk", "choking"], "strangulation, weapon, threat-to-kill"),
            (["shell", "--idle-minutes", "0"], "--idle-minutes must be 1 to 240."),
            (["show"], "missing expected argument '<id>'"),
            (["log", "--when", "03/02/2026", "--text", "x"], "03/02/2026"),
            (["show", "zzzz"], "zzzz"),
            (["plan", "add", "x", "--due", "someday"], "can't read the due date"),
        ]
        for (arguments, words) in cases {
            let result = try vault.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.errors.hasPrefix("keepsake: error: "), "\(arguments): \(result.errors)")
            #expect(result.errors.contains(words), "\(arguments): \(result.errors)")
            #expect(result.errors.split(separator: "\n").count == 1, "\(arguments): one line: \(result.errors)")
            #expect(!result.errors.contains("safePlace") && !result.errors.contains("threatToKill"), "\(result.errors)")
        }
        // The spellings the help shows are accepted.
        #expect(try vault.run(["plan", "add", "x", "--category", "safe-place"]).status == 0)
        #expect(try vault.run(["log", "--text", "x", "--high-risk", "threat-to-kill"]).status == 0)
    }

    @Test func initOnAnExistingVaultSaysSoBeforeAskingAnything() throws {
        let vault = try CLIVault()
        let terminal = try PseudoTerminal(product: "keepsake", arguments: ["init", "--vault", vault.path])
        let said = try terminal.expect("already exists")
        #expect(!said.contains("assphrase"), "asked for a passphrase first: \(said)")
        #expect(try terminal.wait() != .exited(0))
    }

    @Test func theAttachQuestionTakesPastedQuotedAndHomePaths() throws {
        let vault = try CLIVault()
        let home = vault.folder.appending("home")
        try FileManager.default.createDirectory(atPath: home + "/Pictures", withIntermediateDirectories: true)
        try Data("bruise".utf8).write(to: URL(fileURLWithPath: home + "/Pictures/wrist bruise.png"))
        try Data("arm".utf8).write(to: URL(fileURLWithPath: home + "/arm.jpg"))
        let terminal = try PseudoTerminal(
            product: "keepsake", arguments: ["log", "--vault", vault.path], environment: ["HOME": home])
        try terminal.expect("Passphrase: ")
        try terminal.send(vault.passphrase)
        try terminal.expect("When did it happen?")
        try terminal.send("yesterday")
        try terminal.pressEnter(until: "type a number to change that answer")
        try terminal.send("")
        try terminal.expect("attach a photo")
        try terminal.send(#"~/Pictures/wrist\ bruise.png"#)
        try terminal.expect("Another file?")
        try terminal.send("'\(home)/Pictures/wrist bruise.png'")
        try terminal.expect("Another file?")
        try terminal.send("~/arm.jpg")
        try terminal.expect("Another file?")
        try terminal.send("")
        let saved = try terminal.expect("Attached 3 file(s).")
        #expect(!saved.contains("Can't read"), "\(saved)")
        #expect(try terminal.wait() == .exited(0))
    }

    @Test func checkNamesTheIncidentNextToADamagedEntry() throws {
        let vault = try CLIVault()
        var ids: [String] = []
        for text in ["first", "second", "third"] {
            let result = try vault.run(["log", "--when", "yesterday", "--text", text, "--json"])
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            ids.append(String(try #require(json?["id"] as? String).prefix(7)))
        }
        let log = vault.path + "/1"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        // Inside the second entry's frame (each small entry's frame is 588 bytes: a 36-byte
        // header, a 24-byte nonce, 512 + 16 sealed), not in the filler after the frames.
        bytes[588 + 100] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: log))
        let checked = try vault.run(["check"])
        #expect(checked.status == 4, "\(checked)")
        let damaged = checked.output.split(separator: "\n").filter { $0.contains("DAMAGED: entry #") }
        #expect(!damaged.isEmpty, "\(checked)")
        #expect(damaged.allSatisfy { line in ids.contains { line.contains("incident \($0)") } }, "\(checked)")
    }
}
