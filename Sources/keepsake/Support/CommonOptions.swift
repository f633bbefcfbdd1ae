import ArgumentParser
import Foundation

/// `--vault PATH`: where the vault lives. A path is not a secret, so `KEEPSAKE_VAULT` may give
/// it too; the default is a neutral name in the XDG data folder.
struct VaultOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The vault folder. Default: $KEEPSAKE_VAULT, else $XDG_DATA_HOME/ks (~/.local/share/ks).",
            valueName: "path"))
    var vault: String?

    /// The vault folder this invocation uses.
    var resolvedPath: String {
        if let vault, !vault.isEmpty { return vault }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KEEPSAKE_VAULT"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/ks" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/ks"
    }
}

/// Where the passphrase comes from: the terminal (default), a descriptor or standard input.
/// Never an argument or the environment.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-fd"),
        help: ArgumentHelp("Read the passphrase from this open file descriptor (for scripts).", valueName: "n"))
    var passphraseDescriptor: Int32?

    @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input (for scripts).")
    var passphraseFromStandardInput = false

    @Flag(name: .long, help: "Unlock with your printed recovery code instead of the passphrase.")
    var recovery = false

    func validate() throws {
        if passphraseDescriptor != nil && passphraseFromStandardInput {
            throw ValidationError("Use either --passphrase-fd or --passphrase-stdin, not both.")
        }
        if let fd = passphraseDescriptor, fd < 0 {
            throw ValidationError("--passphrase-fd needs a file descriptor number (0 or more).")
        }
    }

    /// Where to read from.
    var source: PassphraseReader.Source {
        if let fd = passphraseDescriptor { return .descriptor(fd) }
        if passphraseFromStandardInput { return .standardInput }
        return .terminal
    }
}

/// `--json`: machine-readable output on reading commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of text (for scripts).")
    var json = false
}
