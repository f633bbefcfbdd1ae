import ArgumentParser
import Foundation
import KeepsakeAge
import KeepsakeBundle
import KeepsakeCrypto
import KeepsakeStore

/// `keepsake recipient new`: a key pair for someone who will receive bundles (an advocate, a
/// lawyer), the same as `age-keygen` makes.
struct RecipientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipient",
        abstract: "For advocates and lawyers: make a key to receive sealed bundles.",
        subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Make a key file, and print the public key to give to the person who will send you a bundle.",
            discussion: """
                The key file is secret: keep it on your computer only; whoever has it can open \
                bundles sealed to you. The public key (age1…) is not secret: give it to the \
                sender. The file works with the standard `age` tool too (`age -d -i FILE`).
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the key file (it must not exist).", valueName: "file"))
        var output: String = "keepsake-key.txt"

        func run() throws {
            try CommandRunner.run {
                guard !FileManager.default.fileExists(atPath: output) else {
                    throw CLIError.usage("\(output) already exists; choose another name with -o (nothing was overwritten)")
                }
                let identity = AgeIdentity.generate()
                try AgeIdentityFile.write(identity, toPath: output)
                print("Your key file: \(output) (secret; keep it safe).")
                print("Your public key, to give to the sender:")
                print(identity.recipient.description)
            }
        }
    }
}

/// `keepsake decrypt FILE -o OUT`: any age file, with a key file or a passphrase.
struct DecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt any age file (such as a sealed bundle) to a new file.",
        discussion: "For a Keepsake bundle, `keepsake open` does this, unpacks it and checks it in one step.")

    @Argument(help: ArgumentHelp("The encrypted file.", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The new file to write (it must not exist).", valueName: "out"))
    var output: String

    @OptionGroup var key: RecipientKeyOptions

    func run() throws {
        try CommandRunner.run {
            let decryptor = try AgeKeys.decryptor(key)
            let input = try InputFile(file)
            let out = try OutputFile(output)
            var source = input.source
            var sink = out.sink
            let summary = try out.writing(aftermath: "Nothing was kept; free some space or choose another place, then try again") {
                try decryptor.decrypt(from: &source, to: &sink)
            }
            try out.keep()
            print("Decrypted \(summary.plaintextByteCount) bytes to \(output).")
        }
    }
}

/// `keepsake open BUNDLE -o DIR`: decrypts, unpacks safely and verifies a bundle.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a sealed bundle into a new folder and check it.",
        discussion: """
            Decrypts the bundle with your key file (-i) or its passphrase, unpacks it into a new \
            folder (refusing anything unsafe in it), and checks every signature, file and proof. \
            Then open report.html in the folder. With --anchor, also checks an anchor the owner \
            sent you earlier. Exit 0 when verified, 4 when not.
            """)

    @Argument(help: ArgumentHelp("The sealed bundle (.age).", valueName: "bundle"))
    var bundle: String

    @Option(name: .shortAndLong, help: ArgumentHelp("A new folder to unpack into.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("An anchor the owner sent you earlier (KS2-…, or an older KS1-…).", valueName: "anchor"))
    var anchor: String?

    @OptionGroup var key: RecipientKeyOptions
    @OptionGroup var json: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let parsedAnchor: SharedAnchor? = try anchor.map { text throws(AnchorError) in try SharedAnchor(parsing: text) }
            let decryptor = try AgeKeys.decryptor(key)
            let input = try InputFile(bundle)
            try BundleOpening.createFolder(output)
            var kept = false
            defer { if !kept { BundleOpening.removeFolder(output) } }
            // Unpacked first into a hidden folder named for what it is, moved into place only
            // once verified: if Keepsake is stopped half-way, nothing looks like a checked bundle.
            let staging = output + "/" + BundleOpening.unverifiedFolder
            guard mkdir(staging, 0o700) == 0 else { throw CLIError.failed("can't create \(staging): \(String(cString: strerror(errno)))") }
            // Unpacked as it is decrypted: no decrypted archive is written on the side.
            var source = input.source
            _ = try BundleOpening.unpack(into: staging) { sink in _ = try decryptor.decrypt(from: &source, to: &sink) }
            let result = BundleVerifier.verify(BundleFolder(path: staging), anchor: parsedAnchor)
            if result.passed {
                try BundleOpening.moveIntoPlace(staging, output)
                kept = true
            }
            if json.json {
                try JSONOutput.print(result)
            } else if result.passed {
                for note in result.notes { print(Terminal.style("note", "33") + "  " + TerminalText.line(note)) }
                print("Opened into \(TerminalText.line(output)). Read \(TerminalText.line(output))/report.html in a web browser.")
                print(Terminal.style(TerminalText.line(result.verdict), VerifyText.colour(result)))
            } else {
                for check in result.checks where !check.passed {
                    print("\(Terminal.style("FAIL", "31"))  \(check.name): \(TerminalText.line(check.detail))")
                }
                print(Terminal.style(TerminalText.line(result.verdict), "31"))
                print("Nothing was kept: the files this bundle unpacked were removed, so none of them is read by mistake. "
                    + "To look at them anyway, `keepsake decrypt` the bundle to a .zip and `keepsake verify` it.")
            }
            try VerifyText.exit(result)
        }
    }
}

/// The folder steps of `open`.
enum BundleOpening {
    /// Creates a new folder (0700), or accepts an empty one.
    static func createFolder(_ path: String) throws {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: path) {
            guard existing.isEmpty else { throw CLIError.usage("\(path) is not empty; choose a new folder (nothing was overwritten)") }
            return
        }
        guard mkdir(path, 0o700) == 0 else {
            throw CLIError.failed("can't create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Where `open` unpacks before the bundle is verified.
    static let unverifiedFolder = ".keepsake-unverified"

    /// Removes what `open` wrote (only regular files and folders it made).
    static func removeFolder(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Moves each verified top-level file and folder from `staging` up into `folder`, then
    /// removes the empty `staging`.
    static func moveIntoPlace(_ staging: String, _ folder: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: staging) {
            guard rename(staging + "/" + name, folder + "/" + name) == 0 else {
                throw CLIError.failed("can't move \(TerminalText.line(name)) into \(folder): \(String(cString: strerror(errno)))")
            }
        }
        guard rmdir(staging) == 0 else { throw CLIError.failed("can't remove \(staging): \(String(cString: strerror(errno)))") }
    }

    static func unpack(into folder: String, _ stream: (inout BundleStreamSink) throws -> Void) throws -> [String] {
        try BundleUnpacker.unpack(streaming: stream, into: folder)
    }
}
