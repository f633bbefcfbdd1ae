import ArgumentParser
import KeepsakeCrypto
import KeepsakeVault

/// `keepsake passphrase change`.
struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase",
        abstract: "Change the vault's passphrase.",
        subcommands: [Change.self])

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Set a new passphrase (unlock with the old one, or with --recovery and your recovery code).",
            discussion: """
                Only the small key file is rewritten, in one step: if the computer stops halfway, \
                either the old or the new passphrase works, never neither. With --passphrase-stdin, \
                send the old passphrase on the first line and the new one on the second.
                """)

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        @Option(help: ArgumentHelp("Memory for the passphrase check, in MiB (default 256).", valueName: "MiB"))
        var kdfMemory: UInt64 = 256

        @Option(help: ArgumentHelp("Passes of the passphrase check (default 3).", valueName: "n"))
        var kdfPasses: UInt64 = 3

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                let fresh = try NewPassphrase.read(from: passphrase.source)
                try opened.store.changePassphrase(
                    to: fresh, parameters: Argon2idParameters(opsLimit: kdfPasses, memLimit: kdfMemory << 20))
                print("The passphrase is changed. The old one no longer opens this vault.")
                print("Note: copies or backups made before today still open with the old passphrase.")
            }
        }
    }
}

/// `keepsake recovery new`: a printed one-time recovery code with its own key slot.
struct RecoveryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery",
        abstract: "Make a recovery code, so a forgotten passphrase does not mean lost evidence.",
        subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Print a new recovery code (it replaces any earlier one).",
            discussion: """
                Write the code on paper and keep it somewhere the person who harms you cannot \
                reach (with a trusted friend or your advocate). With it, `--recovery` opens the \
                vault and `keepsake passphrase change --recovery` sets a new passphrase. It is \
                shown once.
                """)

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions

        @Option(help: ArgumentHelp("Memory for the code's check, in MiB (default 256).", valueName: "MiB"))
        var kdfMemory: UInt64 = 256

        @Option(help: ArgumentHelp("Passes of the code's check (default 3).", valueName: "n"))
        var kdfPasses: UInt64 = 3

        func run() throws {
            try CommandRunner.run {
                let opened = try Unlock.vault(vault, passphrase)
                let code = RecoveryCode.generate()
                try opened.store.setRecoveryCode(
                    code.passphrase, parameters: Argon2idParameters(opsLimit: kdfPasses, memLimit: kdfMemory << 20))
                print("Your recovery code (write it down exactly; it will not be shown again):")
                print("")
                print("    \(code.printable)")
                print("")
                print("Capitals, spaces and dashes don't matter when you type it back.")
            }
        }
    }
}

/// A recovery code: 25 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in
/// groups of five: about 124 bits.
struct RecoveryCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")  // 31 symbols
    let printable: String
    let passphrase: Passphrase

    static func generate(length: Int = 25) -> RecoveryCode {
        let symbols = (0..<length).map { _ in alphabet[Int(SecureRandom.uniform(UInt32(alphabet.count)))] }
        let groups = stride(from: 0, to: length, by: 5).map { String(symbols[$0..<min($0 + 5, length)]) }
        return RecoveryCode(printable: groups.joined(separator: "-"), passphrase: Passphrase(copying: String(symbols)))
    }

    /// The canonical form of what someone typed back: upper case, no spaces or dashes.
    static func normalise(_ typed: Passphrase) -> Passphrase {
        typed.secret.withUnsafeBytes { bytes in
            let kept = bytes.filter { $0 != 32 && $0 != 45 && $0 != 9 }.map { (97...122).contains($0) ? $0 - 32 : $0 }
            var copy = kept
            defer { SecureBytes.wipe(&copy) }
            return Passphrase(SecureBytes(copying: copy))
        }
    }
}
