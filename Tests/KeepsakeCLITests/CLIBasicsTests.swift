import Foundation
import KeepsakeTestSupport
import Testing

@Suite struct CLIBasicsTests {
    @Test func versionAndHelpPrintAndExitZero() throws {
        let runner = ProgramRunner(product: "keepsake")
        let version = try runner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try runner.run(["--help"])
        #expect(help.status == 0)
        for command in ["init", "log", "list", "show", "search", "retract", "contacts", "passphrase", "recovery"] {
            #expect(help.output.contains(command), "help lists \(command)")
        }
    }

    @Test func aWrongPassphraseExitsThreeAndChangesNoFile() throws {
        let vault = try CLIVault()
        try vault.run(["contacts", "add", "Ana", "--role", "advocate"])
        let before = TestFiles.fingerprint(vault.path)
        let result = try vault.run(["list"], passphrase: "not the passphrase")
        #expect(result.status == 3, "\(result)")
        #expect(result.errors.contains("wrong passphrase"))
        #expect(result.errors.split(separator: "\n").count == 1, "one line: \(result.errors)")
        #expect(TestFiles.fingerprint(vault.path) == before)
    }

    @Test func aTooShortPassphraseIsRefusedKindlyWithASuggestion() throws {
        let vault = try CLIVault(create: false)
        let result = try vault.run(["init"], passphrase: "short")
        #expect(result.status == 1)
        #expect(result.errors.contains("too short"))
        #expect(result.errors.contains("for example"))
        #expect(!Directory_exists(vault.path + "/0"))
    }

    @Test func aCommonPassphraseIsRefused() throws {
        let vault = try CLIVault(create: false)
        let result = try vault.run(["init"], passphrase: "Password123")
        #expect(result.status == 1)
        #expect(result.errors.contains("often use"))
    }

    @Test func anUnknownIdIsAUsageErrorNamingWhatToDo() throws {
        let vault = try CLIVault()
        let result = try vault.run(["show", "abcdef"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("keepsake list"))
    }

    @Test func aMissingVaultSaysHowToCreateOne() throws {
        let vault = try CLIVault(create: false)
        let result = try vault.run(["list"])
        #expect(result.status == 1)
        #expect(result.errors.contains("keepsake init"))
    }

    @Test func contactsAreAddedAndListedAsJSONFieldByField() throws {
        let vault = try CLIVault()
        let added = try vault.run(["contacts", "add", "Ana Ruiz", "--role", "advocate", "--phone", "555-0100",
                                   "--safe", "texts only before 3pm"])
        #expect(added.status == 0, "\(added)")
        let list = try #require(try vault.json(["contacts", "list"]) as? [[String: Any]])
        #expect(list.count == 1)
        let contact = try #require(list[0]["contact"] as? [String: Any])
        #expect(contact["name"] as? String == "Ana Ruiz")
        #expect(contact["role"] as? String == "advocate")
        #expect(contact["phone"] as? String == "555-0100")
        #expect(contact["safeContact"] as? String == "texts only before 3pm")
        #expect(list[0]["kind"] as? String == "contact")
    }

    @Test func aPassphraseChangeNeedsTheOldOneAndRetiresIt() throws {
        let vault = try CLIVault()
        let change = try vault.run(["passphrase", "change"], extraInput: ["maple harbor velvet ember"])
        #expect(change.status == 0, "\(change)")
        #expect(try vault.run(["list"]).status == 3)
        #expect(try vault.run(["list"], passphrase: "maple harbor velvet ember").status == 0)
    }

    @Test func aRecoveryCodeOpensTheVaultAndResetsThePassphrase() throws {
        let vault = try CLIVault()
        let made = try vault.run(["recovery", "new", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"])
        #expect(made.status == 0, "\(made)")
        let code = try #require(made.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 29 && $0.filter { $0 == "-" }.count == 4 })
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
        let listed = try vault.run(["list", "--recovery"], passphrase: typed)
        #expect(listed.status == 0, "\(listed)")
        let reset = try vault.run(["passphrase", "change", "--recovery"], extraInput: ["brand new words here"], passphrase: code)
        #expect(reset.status == 0, "\(reset)")
        #expect(try vault.run(["list"], passphrase: "brand new words here").status == 0)
    }
}

func Directory_exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
