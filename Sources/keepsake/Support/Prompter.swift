import Foundation
import KeepsakeVault

/// Guided questions on a terminal: one field at a time, nothing required, and what is typed
/// kept exactly as typed (one line, one value: lists are one item per line, never split on
/// commas).
///
/// Every question takes the field's saved value (`current`) and returns its new value: Enter
/// keeps it (or skips, when there is none), `clear` empties it, anything else replaces it.
/// Ctrl-D ends the answer being typed, and only that one. Ctrl-C (while the caller catches it,
/// see `LineInput.catchInterrupts`) and the shell's idle limit throw `QuestionStop`, so the
/// caller can keep what was typed as a draft.
struct Prompter {
    /// The word that empties a saved field.
    static let clearWord = "clear"
    /// The most one answer may hold, in UTF-8 bytes (64 KiB, some ten thousand words): with
    /// every field at most this, a whole entry stays far below what one record can hold, so an
    /// answer too long is refused at its own question, never after the last one.
    static let maximumAnswerByteCount = 64 << 10

    let input = LineInput.shared

    // MARK: Text

    /// One line of text. With `wantsWords`, a bare yes or no is asked again (the question
    /// wants a description, and "n" is not one).
    func text(
        _ question: String, hint: String? = nil, current: String?, wantsWords: Bool = false
    ) throws(QuestionStop) -> String? {
        while true {
            heading(question, hint: hint, current: current.map { [$0] } ?? [])
            prompt()
            guard let line = try readOrUnfinished(), !Self.isBlank(line) else { return current }
            if line == Self.clearWord { return nil }
            if tooLong(line.utf8.count) { continue }
            if wantsWords, YesNoWords.parse(line) != nil {
                note("This question wants a few words. Press Enter if there is nothing to say.")
                continue
            }
            return line
        }
    }

    /// Several lines of text, ended by an empty line (or Ctrl-D); asked again when the text is
    /// longer than one answer may be.
    func long(_ question: String, current: String?) throws(QuestionStop) -> String? {
        while true {
            let answer = try longOnce(question, current: current)
            if let answer, answer != current, tooLong(answer.utf8.count) { continue }
            return answer
        }
    }

    private func longOnce(_ question: String, current: String?) throws(QuestionStop) -> String? {
        heading(question, hint: nil, current: current.map { [$0] } ?? [])
        note(current == nil
            ? "Write as much as you need. Press Enter on an empty line to finish."
            : "Press Enter to keep it, type `clear` to remove it, or type the new text and finish with an empty line.")
        var lines: [String] = []
        do {
            while let line = try input.readLine(), !line.isEmpty {
                if lines.isEmpty, line == Self.clearWord { return nil }
                lines.append(line)
            }
        } catch .idle {
            // The shell locks: keep what was typed (the next question throws again).
            if let unfinished = input.takeUnfinished() { lines.append(unfinished) }
            guard !lines.isEmpty else { throw .idle }
        }
        return lines.isEmpty ? current : lines.joined(separator: "\n")
    }

    /// A list, one value per line, ended by an empty line (or Ctrl-D).
    func list(_ question: String, current: [String]) throws(QuestionStop) -> [String] {
        heading(question, hint: nil, current: current)
        note(current.isEmpty
            ? "One per line. Press Enter on an empty line when there are no more."
            : "Press Enter to keep these, type `clear` to remove them, or type the whole list again, one per line, then an empty line.")
        var values: [String] = []
        do {
            while true {
                prompt()
                guard let line = try input.readLine(), !Self.isBlank(line) else { break }
                if values.isEmpty, line == Self.clearWord, !current.isEmpty { return [] }
                values.append(line)
            }
        } catch .idle {
            if let unfinished = input.takeUnfinished() { values.append(unfinished) }
            guard !values.isEmpty else { throw .idle }
        }
        if values.map(\.utf8.count).reduce(0, +) > Self.maximumAnswerByteCount, values != current {
            _ = tooLong(values.map(\.utf8.count).reduce(0, +))
            return try list(question, current: current)
        }
        return values.isEmpty ? current : values
    }

    /// Whether an answer of `byteCount` bytes is over the limit, saying so (the question is
    /// then asked again; the other answers stay as they are).
    private func tooLong(_ byteCount: Int) -> Bool {
        guard byteCount > Self.maximumAnswerByteCount else { return false }
        note("That answer is \(byteCount >> 10) KiB; one answer can hold at most \(Self.maximumAnswerByteCount >> 10) KiB. "
            + "Please shorten it (a long text can be attached as a file instead). Your other answers are kept.")
        return true
    }

    // MARK: Choices

    /// Yes, no, not sure, or skip (in words); anything else is asked again.
    func yesNo(_ question: String, current: YesNoAnswer?) throws(QuestionStop) -> YesNoAnswer? {
        while true {
            heading(question, hint: "yes / no / not sure / skip", current: current.map { [$0.label] } ?? [])
            prompt()
            guard let line = try input.readLine(), !Self.isBlank(line) else { return current }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if word == "skip" { return current }
            if word == Self.clearWord { return nil }
            if let answer = YesNoWords.parse(word) { return answer }
            note("Please answer yes, no, not sure, or skip.")
        }
    }

    /// Any number of the options, by number or by name (`1, 3` or `physical, threats`);
    /// an unknown choice is asked again.
    func choices<T: Equatable>(
        _ question: String, _ options: [T], name: (T) -> String, label: (T) -> String, current: [T]
    ) throws(QuestionStop) -> [T] {
        while true {
            heading(question, hint: "numbers or names, separated by commas", current: current.map(label))
            for (index, option) in options.enumerated() { print("  \(index + 1). \(label(option))") }
            prompt()
            guard let line = try input.readLine(), !Self.isBlank(line) else { return current }
            if line.trimmingCharacters(in: .whitespaces) == Self.clearWord { return [] }
            var chosen: [T] = []
            var unknown: [String] = []
            for piece in line.split(separator: ",") {
                let word = piece.trimmingCharacters(in: .whitespaces).lowercased()
                if word.isEmpty { continue }
                if let number = Int(word), (1...options.count).contains(number) {
                    if !chosen.contains(options[number - 1]) { chosen.append(options[number - 1]) }
                } else if let option = options.first(where: { name($0).lowercased() == word }) {
                    if !chosen.contains(option) { chosen.append(option) }
                } else {
                    unknown.append(piece.trimmingCharacters(in: .whitespaces))
                }
            }
            if unknown.isEmpty { return chosen }
            note("I don't know \(unknown.map { "“\($0)”" }.joined(separator: ", ")). Use the numbers or names above.")
        }
    }

    /// A yes/no question that must be answered yes or no (used for "save this?"); Enter is `orElse`.
    func confirm(_ question: String, orElse: Bool) throws(QuestionStop) -> Bool {
        while true {
            heading(question, hint: "yes / no", current: [])
            prompt()
            guard let line = try input.readLine(), !Self.isBlank(line) else { return orElse }
            switch YesNoWords.parse(line.trimmingCharacters(in: .whitespaces).lowercased()) {
            case .yes: return true
            case .no: return false
            default: note("Please answer yes or no.")
            }
        }
    }

    /// A line read without a question printed first (review choices, menus); nil for Enter.
    func line() throws(QuestionStop) -> String? {
        prompt()
        guard let line = try input.readLine(), !Self.isBlank(line) else { return nil }
        return line
    }

    // MARK: Printing

    /// The question (folded to the terminal), its hint, and what is saved.
    func heading(_ question: String, hint: String?, current: [String]) {
        let lines = TextWrap.lines(question + (hint.map { " (\($0))" } ?? ""))
        for line in lines { print(Terminal.style(line, "1")) }
        if current.count == 1 {
            for line in TextWrap.lines("Saved: " + current[0], indent: "  ") { print(line) }
            note("Enter keeps it, `clear` removes it.")
        } else if !current.isEmpty {
            print(Terminal.style("  Saved:", "2"))
            for value in current {
                let folded = TextWrap.lines(value, indent: "      ")
                print("    - " + folded[0].dropFirst(6))
                for line in folded.dropFirst() { print(line) }
            }
        }
    }

    func note(_ text: String) {
        for line in TextWrap.lines(text, indent: "  ") { print(Terminal.style(line, "2")) }
    }

    /// A line, or, when the shell's idle lock comes while one is being typed, what was typed so
    /// far (the next read throws `.idle`, so the caller keeps it in the draft).
    private func readOrUnfinished() throws(QuestionStop) -> String? {
        do { return try input.readLine() } catch .idle {
            guard let unfinished = input.takeUnfinished() else { throw .idle }
            return unfinished
        }
    }

    private func prompt() {
        print("> ", terminator: "")
        fflush(nil)
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
}

/// The words accepted for yes, no and not sure.
enum YesNoWords {
    static func parse(_ text: String) -> YesNoAnswer? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y": return .yes
        case "no", "n": return .no
        case "not sure", "unsure", "don't know", "dont know", "i don't know", "i'm not sure", "notsure": return .notSure
        default: return nil
        }
    }
}

extension Prompter {
    /// One of the options, by number or name; Enter keeps `current`; an unknown choice is
    /// asked again.
    func choice<T: Equatable>(
        _ question: String, _ options: [T], name: (T) -> String, label: (T) -> String, current: T?
    ) throws(QuestionStop) -> T? {
        while true {
            heading(question, hint: "a number or a name", current: current.map { [label($0)] } ?? [])
            for (index, option) in options.enumerated() { print("  \(index + 1). \(label(option))") }
            guard let answer = try line() else { return current }
            let word = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if let number = Int(word), (1...options.count).contains(number) { return options[number - 1] }
            let plain = word.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
            if let option = options.first(where: {
                name($0).lowercased().replacingOccurrences(of: "-", with: "") == plain
            }) { return option }
            note("I don't know “\(answer)”. Use a number or a name from the list.")
        }
    }

    /// A line that must not be empty when nothing is saved yet (a contact's name, a step's title).
    func required(_ question: String, hint: String? = nil, current: String?) throws(QuestionStop) -> String {
        while true {
            if let answer = try text(question, hint: hint, current: current), answer != Self.clearWord { return answer }
            if let current { return current }
            note("This one is needed; type a few words.")
        }
    }
}
