import ArgumentParser
import Foundation
import KeepsakeBundle

/// How a recipient opens a sealed bundle: their identity file(s) (`-i`), or the passphrase the
/// owner chose (`--passphrase`, read from the terminal without echo, or from a descriptor or
/// standard input for scripts; never from an argument).
struct RecipientKeyOptions: ParsableArguments {
    @Option(name: [.customShort("i"), .customLong("identity")],
            help: ArgumentHelp("Your key file, made by `keepsake recipient new` or `age-keygen` (repeatable).", valueName: "file"))
    var identities: [String] = []

    @Flag(help: "The bundle was sealed with a passphrase: ask for it.")
    var passphrase = false

    @Option(name: .customLong("passphrase-fd"), help: ArgumentHelp("Read that passphrase from this file descriptor.", valueName: "n"))
    var passphraseDescriptor: Int32?

    @Flag(name: .customLong("passphrase-stdin"), help: "Read that passphrase from standard input.")
    var passphraseFromStandardInput = false

    /// Whether any way to decrypt was given.
    var given: Bool { !identities.isEmpty || usesPassphrase }

    var usesPassphrase: Bool { passphrase || passphraseDescriptor != nil || passphraseFromStandardInput }

    var passphraseSource: PassphraseReader.Source {
        if let fd = passphraseDescriptor { return .descriptor(fd) }
        if passphraseFromStandardInput { return .standardInput }
        return .terminal
    }
}

/// Finds a bundle's contents: an unpacked folder, a ZIP archive, or a sealed (age) bundle.
enum BundleInput {
    static func contents(of path: String, key: RecipientKeyOptions) throws -> any BundleContents {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError.usage("\(path) does not exist; give the bundle's folder, .zip or sealed file")
        }
        if isFolder.boolValue { return BundleFolder(path: path) }
        let head = (FileHandle(forReadingAtPath: path)?.readData(ofLength: 4)).map { Array($0) } ?? []
        if head == [0x50, 0x4B, 0x03, 0x04] { return try BundleArchive(path: path) }
        return try SealedInput.archive(path, key: key)
    }
}
