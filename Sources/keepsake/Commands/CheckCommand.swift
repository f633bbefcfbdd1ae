import ArgumentParser
import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// `keepsake check`: verifies every entry, every checkpoint, every attachment's hash and,
/// optionally, an anchor shared earlier. Exit 0 when intact, 4 when anything is damaged.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that nothing in your vault was changed, removed or damaged.",
        discussion: """
            Reads every entry and every attached file and checks each against the lock that \
            was put on it when it was saved. Nothing is changed. If you shared an anchor with \
            someone (see `keepsake anchor`), give it with --anchor to check that nothing written \
            before it was altered since.
            """)

    @Option(help: ArgumentHelp("An anchor you shared earlier (KS2-…, or an older KS1-…).", valueName: "anchor"))
    var anchor: String?

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let parsedAnchor: SharedAnchor? = try anchor.map { text throws(AnchorError) in try SharedAnchor(parsing: text) }
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly, warn: false)
            let progress = ProgressLine(label: "Checking attachments")
            let report = opened.checkIntegrity(anchor: parsedAnchor) { index, total, _ in
                progress.update(done: UInt64(index), total: UInt64(total))
            }
            progress.finish()
            if output.json {
                try JSONOutput.print(CheckJSON(report))
            } else {
                print(CheckText.render(report, names: EntryNames(opened)))
                if parsedAnchor?.pinsKey == false { print("Note: " + SharedAnchor.legacyWarning) }
            }
            if !report.isIntact { throw ArgumentParser.ExitCode(KeepsakeExit.integrity.rawValue) }
        }
    }
}

/// The plain-words rendering of an integrity report.
enum CheckText {
    static func render(_ report: IntegrityReport, names: EntryNames = EntryNames()) -> String {
        var lines: [String] = []
        let damage = report.storeIssues.filter(\.isDamage)
        let notes = report.storeIssues.filter { !$0.isDamage }
        lines.append("Entries: \(report.recordCount) read, \(damage.isEmpty ? "all intact" : "\(damage.count) problem(s)").")
        for issue in damage { lines.append(Terminal.style("  DAMAGED: \(TerminalText.line("\(issue)\(names.naming(issue))"))", "31")) }
        for issue in notes { lines.append("  note: \(TerminalText.line("\(issue)\(names.naming(issue))"))") }
        for entry in report.unreadableEntries {
            lines.append("  note: entry #\(entry.seq) is intact but this version can't read it (\(TerminalText.line(entry.reason))); a newer Keepsake may")
        }
        lines.append("Attached files: \(report.attachmentsChecked) checked, \(report.attachmentProblems.isEmpty ? "all match their recorded SHA-256" : "\(report.attachmentProblems.count) problem(s)").")
        for problem in report.attachmentProblems {
            lines.append(Terminal.style("  DAMAGED: \(TerminalText.line(problem.fileName)) (attached to \(problem.ownerID.short)): \(problem.error)", "31"))
        }
        if !report.unreferencedFiles.isEmpty {
            lines.append("  note: \(report.unreferencedFiles.count) encrypted file(s) belong to no entry (an attach that was interrupted); they are harmless")
        }
        if let head = report.latestCheckpoint {
            let since = report.treeSize - head.treeSize - 1
            lines.append("Signed checkpoint: covers \(head.treeSize) records, signed \(DisplayDate.format(Date(timeIntervalSince1970: Double(head.timestamp) / 1000)))\(since > 0 ? "; \(since) record(s) written since" : "").")
        } else if report.recordCount > 0 {
            lines.append("Signed checkpoint: none yet (one is written when a session that saved something ends).")
        }
        if let status = report.anchorStatus { lines.append("Anchor: \(status.sentence)") }
        if !report.clockSteps.isEmpty {
            lines.append(Terminal.style("Clock: the device clock went backwards \(report.clockSteps.count) time(s). These records are dated earlier than a record saved before them, so they were written down no earlier than that one's time:", "33"))
            for (step, item) in report.clockSteps {
                let what = item.map { "entry \($0.short)" } ?? "record #\(step.seq)"
                lines.append("  \(what): dated \(DisplayDate.format(step.writtenAtDate)), saved after one dated \(DisplayDate.format(step.bound))")
            }
        }
        lines.append(report.isIntact
            ? Terminal.style("Verdict: intact. Nothing was changed or removed.", "32")
            : Terminal.style("Verdict: DAMAGED. Keep this vault as it is, make a backup (`keepsake backup DEST`), and restore from an earlier backup if you have one.", "31"))
        return lines.joined(separator: "\n")
    }
}

/// Which item a log entry belongs to, so that `check` can name an incident by its id rather
/// than by its place in the log; for an entry that can't be read, the readable entry before it.
struct EntryNames {
    private var names: [UInt64: String] = [:]

    init() {}

    init(_ vault: Vault) {
        for item in vault.items.values {
            let kind = item.current.kindName
            for version in item.versions { names[version.seq] = "\(kind) \(item.id.short)" }
            for file in item.attachments { names[file.seq] = "a file of \(kind) \(item.id.short)" }
        }
    }

    /// " (incident 3f2a1b0)", " (written after incident 3f2a1b0)", or "" when nothing is known.
    func naming(_ issue: StoreIssue) -> String {
        guard let seq = Self.seq(of: issue) else { return "" }
        if let name = names[seq] { return " (\(name))" }
        if let before = names.keys.filter({ $0 < seq }).max(), let name = names[before] {
            return " (written after \(name))"
        }
        return ""
    }

    private static func seq(of issue: StoreIssue) -> UInt64? {
        switch issue {
        case let .frameDamaged(seq), let .frameDuplicated(seq), let .frameMissing(seq), let .chainBroken(seq),
            let .lastFrameReplaced(seq), let .checkpointInvalid(seq):
            return seq
        case let .frameOutOfPlace(seq, _):
            return seq
        default:
            return nil
        }
    }
}

/// The JSON form of an integrity report.
struct CheckJSON: Encodable {
    struct Problem: Encodable { var entry: String; var owner: String; var fileName: String; var error: String }
    var intact: Bool
    var records: Int
    var damage: [String]
    var notes: [String]
    var attachmentsChecked: Int
    var attachmentProblems: [Problem]
    var unreferencedFiles: Int
    var checkpoint: TreeHeadJSON?
    var treeSize: UInt64
    var anchor: String?
    var clockSteps: [ClockStepJSON]

    struct ClockStepJSON: Encodable { var seq: UInt64; var item: String?; var writtenAt: String; var noEarlierThan: String }

    init(_ report: IntegrityReport) {
        let iso = ISO8601DateFormatter()
        clockSteps = report.clockSteps.map {
            ClockStepJSON(seq: $0.step.seq, item: $0.item?.description, writtenAt: iso.string(from: $0.step.writtenAtDate), noEarlierThan: iso.string(from: $0.step.bound))
        }
        intact = report.isIntact
        records = report.recordCount
        damage = report.storeIssues.filter(\.isDamage).map(\.description)
        notes = report.storeIssues.filter { !$0.isDamage }.map(\.description)
            + report.unreadableEntries.map { "entry #\($0.seq) unreadable: \($0.reason)" }
        attachmentsChecked = report.attachmentsChecked
        attachmentProblems = report.attachmentProblems.map {
            Problem(entry: $0.entryID.description, owner: $0.ownerID.description, fileName: $0.fileName, error: $0.error.description)
        }
        unreferencedFiles = report.unreferencedFiles.count
        checkpoint = report.latestCheckpoint.map { TreeHeadJSON($0, publicKey: report.signingKey) }
        treeSize = report.treeSize
        anchor = report.anchorStatus.map { status in
            switch status {
            case .matches: return "matches"
            case .differs: return "differs"
            case .beyondVault: return "beyond-vault"
            case .otherVault: return "other-vault"
            case .otherKey: return "other-key"
            }
        }
    }
}

/// A signed tree head in JSON: its anchor (pinning the vault's key) and the key's fingerprint.
struct TreeHeadJSON: Encodable {
    var treeSize: UInt64
    var root: String
    var signedAt: String
    var anchor: String
    var keyFingerprint: String

    init(_ head: SignedTreeHead, publicKey: Ed25519.PublicKey) {
        treeSize = head.treeSize
        root = head.root.map { String(format: "%02x", $0) }.joined()
        signedAt = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(head.timestamp) / 1000))
        anchor = PinnedAnchor(head: head, publicKey: publicKey).text
        keyFingerprint = KeyFingerprint(publicKey).text
    }
}
