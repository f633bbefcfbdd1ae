import Foundation
import KeepsakeTestSupport
import Testing

/// What a passphrase change, a recovery code and the key-derivation options promise, through
/// the built program as the owner (and the person who learned the old passphrase) would use it.
@Suite struct KeyChangeCLITests {
    static let cheap = ["--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"]
    static let newPassphrase = "orbit walnut fjord ukulele"

    @Test func anOldKeyFilePutBackReadsNothingWrittenAfterAChangeAndCheckNamesIt() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--text", "written before the change"]).status == 0)
        let oldKeyFile = TestFiles.read(vault.path + "/0")
        let change = try vault.run(["passphrase", "change"] + Self.cheap, extraInput: [Self.newPassphrase])
        #expect(change.status == 0, "\(change)")
        #expect(change.output.contains("Entries written before the change stay readable to anyone who already copied"))
        #expect(!change.output.contains("no longer opens this vault"))
        #expect(try vault.run(["log", "--text", "written after the change"], passphrase: Self.newPassphrase).status == 0)
        let currentKeyFile = TestFiles.read(vault.path + "/0")

        // The abuser puts back the key file copied before the change and uses the old passphrase.
        TestFiles.write(oldKeyFile, to: vault.path + "/0")
        let listed = try vault.run(["list"])
        #expect(listed.status == 4, "\(listed)")
        #expect(!listed.output.contains("written after") && !listed.errors.contains("written after"))
        let check = try vault.run(["check"])
        #expect(check.status == 4, "\(check)")
        #expect(check.errors.contains("key file `0`") && check.errors.contains("older copy"), "\(check)")
        #expect(try vault.run(["list"], passphrase: Self.newPassphrase).status == 3)

        // The owner puts the current key file back: nothing was lost.
        TestFiles.write(currentKeyFile, to: vault.path + "/0")
        let all = try vault.run(["list"], passphrase: Self.newPassphrase)
        #expect(all.status == 0 && all.output.contains("written before") && all.output.contains("written after"), "\(all)")
        #expect(try vault.run(["check"], passphrase: Self.newPassphrase).status == 0)
    }

    @Test func aRecoveryCodeIsRetiredWhenUsedAndANewOneIsPrinted() throws {
        let vault = try CLIVault()
        let made = try vault.run(["recovery", "new"] + Self.cheap)
        #expect(made.status == 0, "\(made)")
        let first = try #require(Self.code(in: made.output))
        let reset = try vault.run(["passphrase", "change", "--recovery"] + Self.cheap, extraInput: [Self.newPassphrase], passphrase: first)
        #expect(reset.status == 0, "\(reset)")
        #expect(reset.output.contains("The recovery code you used is used up"))
        let second = try #require(Self.code(in: reset.output))
        #expect(second != first)
        #expect(reset.output.contains("Now these open the vault: your passphrase and your recovery code."))
        let again = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: first + "\n")
        #expect(again.status == 3, "\(again)")
        let withSecond = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: second + "\n")
        #expect(withSecond.status == 0, "\(withSecond)")

        // `recovery new` retires the code before it.
        let third = try #require(Self.code(in: try vault.run(["recovery", "new"] + Self.cheap, passphrase: Self.newPassphrase).output))
        let retired = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: second + "\n")
        #expect(retired.status == 3 && third != second, "\(retired)")
    }

    @Test func revokingTheRecoveryCodeSaysWhatStillOpensTheVault() throws {
        let vault = try CLIVault()
        let code = try #require(Self.code(in: try vault.run(["recovery", "new"] + Self.cheap).output))
        let change = try vault.run(["passphrase", "change", "--revoke-recovery"] + Self.cheap, extraInput: [Self.newPassphrase])
        #expect(change.status == 0, "\(change)")
        #expect(change.output.contains("Now these open the vault: your passphrase and no recovery code"), "\(change)")
        let retired = try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: code + "\n")
        #expect(retired.status == 3)
    }

    @Test(arguments: [["init"], ["passphrase", "change"], ["recovery", "new"]])
    func keyDerivationOptionsOutOfRangeAreRefusedOnEveryCommandThatWritesASlot(_ command: [String]) throws {
        let vault = try CLIVault(create: command != ["init"])
        let before = TestFiles.fingerprint(vault.folder.path)
        for options in [
            ["--kdf-memory", "17592186044417"],  // wrapped to 1 MiB before
            ["--kdf-memory", "4097"], ["--kdf-memory", "0"], ["--kdf-passes", "65"], ["--kdf-passes", "0"],
            ["--kdf-memory", "1", "--kdf-passes", "1"],  // below INTERACTIVE without the test switch
            ["--kdf-memory", "63"], ["--kdf-passes", "1"],
        ] {
            let result = try vault.run(command + options, extraInput: [Self.newPassphrase])
            #expect(result.status == 2, "\(command) \(options): \(result)")  // a usage error (issue 19: exit 2 everywhere)
            #expect(result.errors.contains("--kdf-"), "\(command) \(options): \(result)")
        }
        #expect(TestFiles.fingerprint(vault.folder.path) == before, "\(command): nothing written")
    }

    static func code(in output: String) -> String? {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 29 && $0.split(separator: "-").count == 5 }
    }
}

/// Weak passphrases, refused with their reason wherever a new one is chosen.
@Suite struct WeakPassphraseCLITests {
    static let weak = [
        ("iloveyou2024", "people use"), ("thanksgiving", "common word"), ("Password1234", "people use"),
        ("Jessica2019!", "name"), ("letmein2024", "people use"), ("0123456789", "sequence"),
    ]

    @Test func theWeakPassphrasesAnAttackerTriedAreRefusedByInitWithTheirReason() throws {
        for (passphrase, reason) in Self.weak {
            let vault = try CLIVault(create: false)
            let result = try vault.run(["init"] + KeyChangeCLITests.cheap, passphrase: passphrase)
            #expect(result.status == 1, "\(passphrase): \(result)")
            #expect(result.errors.contains("easy for a guessing program to find") && result.errors.contains(reason), "\(passphrase): \(result)")
            #expect(result.errors.contains("for example"), "\(passphrase)")
            #expect(!Directory_exists(vault.path + "/0"))
        }
    }

    @Test func aWeakNewPassphraseIsRefusedByPassphraseChangeAndNothingChanges() throws {
        let vault = try CLIVault()
        let before = TestFiles.fingerprint(vault.path)
        let result = try vault.run(["passphrase", "change"] + KeyChangeCLITests.cheap, extraInput: ["Jessica2019!"])
        #expect(result.status == 1 && result.errors.contains("name"), "\(result)")
        #expect(TestFiles.fingerprint(vault.path) == before)
    }

    @Test func aBundlePassphraseMustBeStrongAndNotTheVaults() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--text", "an account"]).status == 0)
        let bundle = vault.folder.appending("b.age")
        let weak = try vault.run(["export", "-o", bundle, "--passphrase"], extraInput: ["letmein2024"])
        #expect(weak.status == 1 && weak.errors.contains("people use"), "\(weak)")
        let same = try vault.run(["export", "-o", bundle, "--passphrase"], extraInput: [vault.passphrase])
        #expect(same.status == 1 && same.errors.contains("your vault's passphrase"), "\(same)")
        #expect(!Directory_exists(bundle))
        let good = try vault.run(["export", "-o", bundle, "--passphrase"], extraInput: ["copper saddle nimbus gecko yarrow"])
        #expect(good.status == 0, "\(good)")
    }
}
