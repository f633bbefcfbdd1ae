import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake check-in`: a private check-in on the bond, asked on a terminal; each one is kept,
/// and later ones say what changed since the first, in words. No score, nothing exported.
struct CheckInCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-in",
        abstract: "A private check-in on how the relationship holds you (no score; never exported).",
        discussion: """
            Ten sentences that advocates hear often from people in a relationship like yours. \
            Answer each yes, sometimes or no, as often as you like. Each check-in is kept in \
            your vault; later ones show what changed since your first. `--changes` shows that \
            without asking again.
            """)

    @Flag(help: "Show what changed since your first check-in, without asking.")
    var changes = false

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            guard changes || output.json || Terminal.isInteractive else {
                throw CLIError.usage("the check-in asks its questions on a terminal; `--changes` shows what changed without asking")
            }
            let opened = try Unlock.vault(vault, passphrase, mode: changes || output.json ? .readOnly : .readWrite)
            if output.json { return try JSONOutput.print(opened.checkIns.map(CheckInJSON.init)) }
            if !changes {
                var checkIn = BondCheckIn()
                let intro = """
                    This is private: there are no right answers, no score, and it never leaves your vault. \
                    For each sentence, answer yes, sometimes or no, for how things are now. Enter skips one.
                    """
                guard try Question.guided(CheckInQuestions.all, &checkIn, intro: TextWrap.lines(intro).joined(separator: "\n"))
                else { return }
                guard !checkIn.replies.isEmpty || checkIn.note != nil else {
                    print("Nothing was answered, so nothing was saved.")
                    return
                }
                try opened.saveCheckIn(checkIn)
                print("Saved. Thank you for checking in with yourself.")
            }
            CheckInChanges.print(opened.checkIns)
        }
    }
}

/// The check-in's questions: one per sign, then a note.
enum CheckInQuestions {
    static let all: [Question<BondCheckIn>] = BondCheckIn.Sign.allCases.map { sign in
        Question(title: sign.statement) { p, c throws(QuestionStop) in
            let answer = try p.bondAnswer(sign.statement, current: c.answer(sign))
            c.replies.removeAll { $0.sign == sign }
            if let answer {
                c.replies.append(BondCheckIn.Reply(sign: sign, answer: answer))
                c.replies.sort { a, b in
                    BondCheckIn.Sign.allCases.firstIndex(of: a.sign)! < BondCheckIn.Sign.allCases.firstIndex(of: b.sign)!
                }
            }
        } shown: { c in c.answer(sign).map { [$0.rawValue] } ?? [] }
    } + [
        Question(title: "Anything else") { p, c throws(QuestionStop) in
            c.note = try p.text("Anything you want to add, for yourself?", hint: "Enter if nothing", current: c.note)
        } shown: { c in c.note.map { [$0] } ?? [] }
    ]
}

extension Prompter {
    /// Yes, sometimes or no; Enter keeps what is saved (or skips); anything else is asked again.
    func bondAnswer(_ statement: String, current: BondCheckIn.Answer?) throws(QuestionStop) -> BondCheckIn.Answer? {
        while true {
            heading(statement, hint: "yes / sometimes / no; Enter skips", current: current.map { [$0.rawValue] } ?? [])
            guard let line = try line() else { return current }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if word == Self.clearWord { return nil }
            if word == "sometimes" || word == "s" { return .sometimes }
            switch YesNoWords.parse(word) {
            case .yes: return .yes
            case .no: return .no
            default: note("Please answer yes, sometimes or no, or press Enter to skip it.")
            }
        }
    }
}

/// What changed since the first check-in, in words.
enum CheckInChanges {
    static func print(_ checkIns: [SavedCheckIn]) {
        guard let first = checkIns.first else {
            Swift.print("No check-in is kept yet. `keepsake check-in` on a terminal asks the questions.")
            return
        }
        guard checkIns.count > 1, let last = checkIns.last else {
            Swift.print("This is your first check-in. The next ones will show what changed since today.")
            return
        }
        let changed = last.checkIn.changes(since: first.checkIn)
        Swift.print("Since your first check-in, on \(DisplayDate.format(first.writtenAt, withTime: false)) (\(checkIns.count) so far):")
        if changed.isEmpty { Swift.print("  Your answers are the same as then.") }
        for sentence in changed { TextWrap.print(sentence, indent: "  ") }
    }
}

/// A check-in in JSON.
struct CheckInJSON: Encodable {
    var id: String
    var writtenAt: Date
    var checkIn: BondCheckIn

    init(_ saved: SavedCheckIn) {
        id = saved.id.rawValue
        writtenAt = saved.writtenAt
        checkIn = saved.checkIn
    }
}
