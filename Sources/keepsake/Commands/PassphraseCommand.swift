import ArgumentParser
import KeepsakeCrypto
import KeepsakeStore
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
                Everything written after the change is locked with new keys that the old \
                passphrase, and any copy of the key file made before, can't open. Entries written \
                before the change stay readable to anyone who already copied the vault's files and \
                knows the old passphrase. If the computer stops halfway, the old or the new \
                passphrase works, never neither. A recovery code used to unlock is used up: a new \
                one is printed. With --passphrase-stdin, send the old passphrase (or code) on the \
                first line and the new one on the second.

                With --rekey, everything already written (entries, drafts, check-ins, attached \
                files) is locked again with the new keys too, so the old passphrase opens nothing \
                in this vault, not even old entries. Copies someone already took stay readable with \
                the old passphrase. It needs free space for a second copy of the log and of the \
                largest attached file; if it stops halfway, the old or the new passphrase works, \
                and the next time the vault is opened the re-key finishes.
                """)

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var kdf: KDFOptions

        @Flag(help: "Also retire the recovery code (make a new one later with `keepsake recovery new`).")
        var revokeRecovery = false

        @Flag(help: "Also retire every other passphrase that opens this vault.")
        var revokeOtherPassphrases = false

        @Flag(help: "Also lock everything already written with the new keys (takes longer; see below).")
        var rekey = false

        func run() throws {
            try CommandRunner.run {
                kdf.warnIfCheaperThanDefault()
                let opened = try Unlock.vault(vault, passphrase)
                let fresh = try NewPassphrase.read(from: passphrase.source)
                var change = KeyChange(parameters: kdf.parameters)
                change.passphrase = fresh
                change.retireRecoveryCode = revokeRecovery
                change.retireOtherPassphrases = revokeOtherPassphrases
                // A recovery code is used once: using it to set a passphrase brings a new one.
                let code = passphrase.recovery && !revokeRecovery ? RecoveryCode.generate() : nil
                change.recoveryCode = code?.passphrase
                let holders: KeyHolders
                if rekey {
                    holders = try RekeyRun.run(opened, change)
                    print("The passphrase is changed.")
                    RekeyRun.explain()
                } else {
                    holders = try opened.store.changeKeys(change)
                    print("The passphrase is changed. What you write from now on is locked with new keys: the old")
                    print("passphrase, and any copy of the vault's key file made before today, can't open it.")
                    print("Entries written before the change stay readable to anyone who already copied the vault's")
                    print("files and knows the old passphrase; backups made before today still open with it.")
                    print("To lock those entries with the new keys too, run `keepsake passphrase change --rekey`.")
                }
                if passphrase.recovery { print("The recovery code you used is used up and no longer opens the vault.") }
                if let code { RecoveryCode.show(code) }
                KeyHoldersText.print(holders)
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
            abstract: "Print a new recovery code (it retires any earlier one).",
            discussion: """
                Write the code on paper and keep it somewhere the person who harms you cannot \
                reach (with a trusted friend or your advocate). With it, `--recovery` opens the \
                vault and `keepsake passphrase change --recovery` sets a new passphrase (the code \
                is then used up and a new one printed). It is shown once. The earlier code, and any \
                copy of the key file made before, can't open what is written from now on.
                """)

        @OptionGroup var vault: VaultOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var kdf: KDFOptions

        @Flag(help: "Also lock everything already written with new keys (as `passphrase change --rekey`).")
        var rekey = false

        func run() throws {
            try CommandRunner.run {
                kdf.warnIfCheaperThanDefault()
                let opened = try Unlock.vault(vault, passphrase)
                let code = RecoveryCode.generate()
                var change = KeyChange(parameters: kdf.parameters)
                change.recoveryCode = code.passphrase
                let holders = rekey ? try RekeyRun.run(opened, change) : try opened.store.changeKeys(change)
                RecoveryCode.show(code)
                if rekey { RekeyRun.explain() }
                print("Any earlier recovery code is retired: it can't open what is written from now on.")
                KeyHoldersText.print(holders)
            }
        }
    }
}

/// Says who can open the vault after a key change.
enum KeyHoldersText {
    static func print(_ holders: KeyHolders) {
        if holders.retired.contains(.recovery) {
            Swift.print("Your recovery code from before this version of Keepsake was retired with the change; make a new one with `keepsake recovery new`.")
        }
        let passphrases = switch holders.passphrases {
        case 0: "no passphrase (set one with `keepsake passphrase change --recovery`)"
        case 1: "your passphrase"
        default: "\(holders.passphrases) passphrases"
        }
        let codes = holders.recoveryCodes == 0
            ? "no recovery code (make one with `keepsake recovery new`)" : "your recovery code"
        Swift.print("Now these open the vault: \(passphrases) and \(codes).")
    }
}

/// A recovery code: 25 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in
/// groups of five: about 124 bits.
struct RecoveryCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")  // 31 symbols
    let printable: String
    let passphrase: Passphrase

    /// Prints the code, once, with how to keep it.
    static func show(_ code: RecoveryCode) {
        print("Your recovery code (write it down exactly; it will not be shown again):")
        print("")
        print("    \(code.printable)")
        print("")
        print("Capitals, spaces and dashes don't matter when you type it back.")
    }

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
