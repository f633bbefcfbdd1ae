import ArgumentParser
import Foundation
import KeepsakeBundle
import KeepsakeStore

/// `keepsake verify DIR|ZIP|BUNDLE`: checks a bundle as a recipient, with no vault and no
/// secret (an encrypted bundle needs its key or passphrase to be read first).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bundle someone gave you: its signature, every file, every entry's proof.",
        discussion: """
            Give the folder made by `keepsake open`, the .zip that `age -d` gives, or the \
            sealed bundle itself (with -i or --passphrase). With --anchor, also checks that the \
            owner's record only grew since they sent you that anchor, and that the bundle was \
            signed by their vault's key: nothing written before it was changed, back-dated or \
            removed. Without an anchor the verdict is SIGNED (intact, but signed by a key you \
            can't tie to the owner): compare the key fingerprint it prints with the owner's. \
            Exit 0 when VERIFIED or SIGNED, 4 when something failed, 6 when nothing failed \
            but part of the bundle could not be checked (made by a newer Keepsake).
            """)

    @Argument(help: ArgumentHelp("The bundle: a folder, a .zip, or the sealed .age file.", valueName: "bundle"))
    var bundle: String

    @Option(help: ArgumentHelp("An anchor the owner sent you earlier (KS2-…, or an older KS1-…).", valueName: "anchor"))
    var anchor: String?

    @OptionGroup var key: RecipientKeyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let parsedAnchor: SharedAnchor? = try anchor.map { text throws(AnchorError) in try SharedAnchor(parsing: text) }
            let contents = try BundleInput.contents(of: bundle, key: key)
            let result = BundleVerifier.verify(contents, anchor: parsedAnchor)
            if output.json {
                try JSONOutput.print(result)
            } else {
                for check in result.checks {
                    let mark = check.skipped ? Terminal.style("skip", "33") : check.passed ? Terminal.style("ok  ", "32") : Terminal.style("FAIL", "31")
                    print("\(mark)  \(check.name): \(TerminalText.line(check.detail))")
                }
                for note in result.notes { print(Terminal.style("note", "33") + "  " + TerminalText.line(note)) }
                print("")
                print(Terminal.style(TerminalText.line(result.verdict), VerifyText.colour(result)))
            }
            try VerifyText.exit(result)
        }
    }
}

/// How a verification ends for the person at the terminal.
enum VerifyText {
    /// Green for VERIFIED, yellow for SIGNED or not fully checked, red for a failure.
    static func colour(_ result: BundleVerification) -> String {
        result.verified ? "32" : result.passed ? "33" : "31"
    }

    /// Exit 4 when a check failed, 6 when one could not be made, else 0 (VERIFIED or SIGNED).
    static func exit(_ result: BundleVerification) throws {
        if !result.passed { throw ArgumentParser.ExitCode(KeepsakeExit.integrity.rawValue) }
        if !result.fullyChecked { throw ArgumentParser.ExitCode(KeepsakeExit.partlyChecked.rawValue) }
    }
}
