import Foundation
import KeepsakeTestSupport
import Testing

/// Text stored in the vault is shown, never obeyed: an entry, a contact, a plan step or an
/// attached file's name holding ESC sequences, a carriage return or a bidi override prints
/// them as `<U+XXXX>` in every command that shows it, while `--json` keeps them exactly and
/// an account written on several lines keeps its lines.
@Suite struct TerminalTextTests {
    static let osc = "\u{1B}]0;you have been hacked\u{07}"
    static let clear = "\u{1B}[2J\u{1B}[H"
    static let rtl = "\u{202E}"
    static let obeyed: [String] = ["\u{1B}", "\u{07}", "\r", "\u{202E}", "\u{2066}", "\u{9B}"]

    func expectShown(_ result: ProgramRunner.Result, _ command: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(command): \(result)", sourceLocation: sourceLocation)
        for character in Self.obeyed {
            #expect(!result.output.contains(character), "\(command) printed a raw \(character.debugDescription): \(result.output.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func everyOwnerCommandShowsControlAndBidiCharactersVisibly() throws {
        let vault = try CLIVault()
        let photo = vault.folder.appending("photo\(Self.rtl)gpj.exe")
        TestFiles.write([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], to: photo)
        let account = "First line \(Self.osc)\nsecond line\(Self.clear)\r\u{9B}done"
        let logged = try vault.run(["log", "--when", "2026-02-01 21:00", "--text", account, "--where", "kitchen\(Self.rtl)", "--quote", "\u{2066}quiet\u{2069}",
                                    "--attach", photo])
        #expect(logged.status == 0, "\(logged)")
        let pasted = try vault.run(["log", "--when", "2026-02-02 08:00", "--text", "pasted from a phone\r\nits second line"])
        #expect(pasted.status == 0, "\(pasted)")
        #expect(try vault.run(["contacts", "add", "Sam\(Self.osc)", "--role", "friend", "--phone", "555\(Self.clear)"]).status == 0)
        #expect(try vault.run(["plan", "add", "Pack\(Self.rtl) bag", "--notes", "in\(Self.osc) the car"]).status == 0)

        let items = try #require(try vault.json(["search", "hacked"]) as? [[String: Any]])
        let id = try #require(items.first?["id"] as? String)
        let show = try vault.run(["show", id])
        expectShown(show, "show")
        #expect(show.output.contains("First line <U+001B>]0;you have been hacked<U+0007>\nsecond line<U+001B>[2J<U+001B>[H<U+000D><U+009B>done"),
                "the account keeps its line break, and nothing else: \(show.output.debugDescription)")
        #expect(show.output.contains("kitchen<U+202E>"))
        #expect(show.output.contains("<U+2066>quiet<U+2069>"))
        #expect(show.output.contains("photo<U+202E>gpj.exe"))

        let pastedItems = try #require(try vault.json(["search", "pasted"]) as? [[String: Any]])
        let pastedID = try #require(pastedItems.first?["id"] as? String)
        let shownPasted = try vault.run(["show", pastedID])
        expectShown(shownPasted, "show (CR LF)")
        #expect(shownPasted.output.contains("pasted from a phone\nits second line"), "a Windows line end is one line break: \(shownPasted.output.debugDescription)")

        let list = try vault.run(["list"])
        expectShown(list, "list")
        #expect(list.output.contains("First line <U+001B>]0;"))
        expectShown(try vault.run(["search", "second"]), "search")
        let contacts = try vault.run(["contacts", "list"])
        expectShown(contacts, "contacts")
        #expect(contacts.output.contains("Sam<U+001B>]0;you have been hacked<U+0007>"))
        let plan = try vault.run(["plan"])
        expectShown(plan, "plan")
        #expect(plan.output.contains("Pack<U+202E> bag"), "\(plan.output)")
        expectShown(try vault.run(["list", "plan"]), "list plan")
        expectShown(try vault.run(["timeline"]), "timeline")
        expectShown(try vault.run(["check"]), "check")

        // --json keeps the owner's text exactly (JSON's own escaping only).
        let json = try vault.run(["show", id, "--json"])
        #expect(!json.output.contains("\u{1B}"))
        let strings = Self.strings(in: try JSONSerialization.jsonObject(with: Data(json.output.utf8)))
        #expect(strings.contains(account), "\(strings)")
        #expect(strings.contains("kitchen\(Self.rtl)"), "\(strings)")
    }

    /// Every string in a decoded JSON value.
    static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let array = value as? [Any] { return array.flatMap { strings(in: $0) } }
        if let object = value as? [String: Any] { return object.values.flatMap { strings(in: $0) } }
        return []
    }
}
