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
            owner's record only grew since they sent you that anchor: nothing written before it \
            was changed, back-dated or removed. Exit 0 when verified, 4 when not.
            """)

    @Argument(help: ArgumentHelp("The bundle: a folder, a .zip, or the sealed .age file.", valueName: "bundle"))
    var bundle: String

    @Option(help: ArgumentHelp("An anchor the owner sent you earlier (KS1-…).", valueName: "anchor"))
    var anchor: String?

    @OptionGroup var key: RecipientKeyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let parsedAnchor: Anchor? = try anchor.map { text throws(AnchorError) in try Anchor(parsing: text) }
            let contents = try BundleInput.contents(of: bundle, key: key)
            let result = BundleVerifier.verify(contents, anchor: parsedAnchor)
            if output.json {
                try JSONOutput.print(result)
            } else {
                for check in result.checks {
                    print("\(check.passed ? Terminal.style("ok  ", "32") : Terminal.style("FAIL", "31"))  \(check.name): \(TerminalText.line(check.detail))")
                }
                print("")
                print(Terminal.style(TerminalText.line(result.verdict), result.passed ? "32" : "31"))
            }
            if !result.passed { throw ArgumentParser.ExitCode(KeepsakeExit.integrity.rawValue) }
        }
    }
}
