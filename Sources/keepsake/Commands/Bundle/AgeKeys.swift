import Foundation
import KeepsakeAge
import KeepsakeCrypto

/// Turns the recipient's options into an age decryptor.
enum AgeKeys {
    static func decryptor(_ options: RecipientKeyOptions) throws -> AgeDecryptor {
        guard options.given else {
            throw CLIError.usage("say how to open it: -i YOUR-KEY-FILE, or --passphrase if it was sealed with a passphrase")
        }
        var identities: [AgeIdentity] = []
        for path in options.identities { identities += try AgeIdentityFile.read(path: path) }
        var passphrases: [Passphrase] = []
        if options.usesPassphrase {
            passphrases.append(try PassphraseReader.read(prompt: "The bundle's passphrase: ", from: options.passphraseSource))
        }
        return try AgeDecryptor(identities: identities, passphrases: passphrases)
    }
}
