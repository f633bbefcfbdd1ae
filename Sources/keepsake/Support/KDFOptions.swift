import ArgumentParser
import KeepsakeCrypto

/// `--kdf-memory` and `--kdf-passes`: the Argon2id cost of a new key slot, the same limits and
/// warnings on every command that writes one (`init`, `passphrase change`, `recovery new`).
/// Out-of-range values are refused, never wrapped; anything below libsodium's INTERACTIVE
/// preset (64 MiB, 2 passes) needs `--insecure-test-kdf`, a switch for the test suite only.
struct KDFOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Memory for the passphrase check, in MiB (64 to 4096; default 256; higher is slower to guess).", valueName: "MiB"))
    var kdfMemory: UInt64 = 256

    @Option(help: ArgumentHelp("Passes of the passphrase check (2 to 64; default 3).", valueName: "n"))
    var kdfPasses: UInt64 = 3

    @Flag(name: .customLong("insecure-test-kdf"), help: .hidden)
    var insecureForTests = false

    /// The largest memory accepted, in MiB (what a stored slot may ask for).
    static let maximumMemory: UInt64 = 4096
    /// The most passes accepted.
    static let maximumPasses: UInt64 = 64

    func validate() throws {
        guard kdfMemory >= 1, kdfMemory <= Self.maximumMemory else {
            throw ValidationError("--kdf-memory must be 64 to \(Self.maximumMemory) MiB (the default, 256, is a good choice).")
        }
        guard kdfPasses >= 1, kdfPasses <= Self.maximumPasses else {
            throw ValidationError("--kdf-passes must be 2 to \(Self.maximumPasses) (the default, 3, is a good choice).")
        }
        let interactive = Argon2idParameters.interactive
        if !insecureForTests && (kdfMemory << 20 < interactive.memLimit || kdfPasses < interactive.opsLimit) {
            throw ValidationError(
                "--kdf-memory below \(interactive.memLimit >> 20) MiB or --kdf-passes below \(interactive.opsLimit) would make the passphrase cheap to guess; use at least \(interactive.memLimit >> 20) MiB and \(interactive.opsLimit) passes (the default is 256 MiB and 3 passes).")
        }
    }

    /// The parameters asked for (checked by `validate`).
    var parameters: Argon2idParameters { Argon2idParameters(opsLimit: kdfPasses, memLimit: kdfMemory << 20) }

    /// Warns when the cost is below the default.
    func warnIfCheaperThanDefault() {
        let moderate = Argon2idParameters.moderate
        if parameters.memLimit < moderate.memLimit || parameters.opsLimit < moderate.opsLimit {
            Terminal.warning("a passphrase check cheaper than the default (256 MiB, 3 passes) makes guessing easier")
        }
    }
}
