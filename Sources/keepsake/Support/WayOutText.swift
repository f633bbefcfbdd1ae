import Foundation
import KeepsakeVault

/// The guided questions of a boundary and of a letter to oneself (`boundaries add`, `letter
/// write`, and `amend ID` on either), asked and reviewed as the other guided questions are,
/// and how both are shown in lists and search results.
enum WayOutText {
    /// The one question of a boundary, its text kept exactly as typed.
    static let boundaryQuestions: [Question<Boundary>] = [
        Question(title: "What I won't accept again") { p, b throws(QuestionStop) in
            b.text = try p.long(
                "What won't you accept again? In your own words.", current: b.text.isEmpty ? nil : b.text) ?? ""
        } shown: { b in b.text.isEmpty ? [] : b.text.components(separatedBy: "\n").map(TerminalText.line) }
    ]

    /// The one question of a letter: lines as typed, blank ones kept, until a lone full stop.
    static let letterQuestions: [Question<LetterToSelf>] = [
        Question(title: "Your letter") { p, l throws(QuestionStop) in
            l.text = try LetterInput.read(p, current: l.text.isEmpty ? nil : l.text) ?? l.text
        } shown: { l in l.text.isEmpty ? [] : l.text.components(separatedBy: "\n").map(TerminalText.line) }
    ]

    /// The new content of a boundary or a letter after its questions (`amend ID`); nil when
    /// Ctrl-C stopped them.
    static func amend(_ content: ItemContent, intro: String) throws(QuestionStop) -> ItemContent? {
        switch content {
        case .boundary(var boundary):
            guard try Question.guided(boundaryQuestions, &boundary, intro: folded(intro)) else { return nil }
            return .boundary(boundary)
        case .letter(var letter):
            guard try Question.guided(letterQuestions, &letter, intro: folded(intro)) else { return nil }
            return .letter(letter)
        default:
            return content
        }
    }

    /// The boundary or letter an id names, refusing anything else or one taken back.
    /// - Throws: `VaultError.wrongKind`, `.retracted`, and what `resolve` throws.
    static func item(_ text: String, of kind: EntryKind, in vault: Vault) throws -> (EntryID, Item) {
        let id = try vault.resolve(text)
        guard let item = vault.items[id], item.current.entryKind == kind else {
            let expected = kind == .boundary ? "boundary" : "letter to yourself"
            throw VaultError.wrongKind(id: text, expected: expected, actual: vault.item(owning: id)?.current.kindName ?? "attachment")
        }
        guard !item.isRetracted else { throw VaultError.retracted(id.short) }
        return (id, item)
    }

    /// An introduction folded to the terminal.
    static func folded(_ text: String) -> String { TextWrap.lines(text).joined(separator: "\n") }

    /// "written Sun 6 Dec 2026, changed Mon 7 Dec 2026 (2 versions)".
    static func dates(_ item: Item) -> String {
        "written \(DisplayDate.format(item.createdAt, withTime: false))"
            + (item.isAmended
                ? ", changed \(DisplayDate.format(item.updatedAt, withTime: false)) (\(item.versions.count) versions)" : "")
    }

    /// A boundary's or a letter's lines in lists and search results.
    static func summary(_ item: Item, id: String, indent: String, width: Int) -> String {
        let (name, text) = item.current.boundary.map { ("Boundary", $0.text) }
            ?? ("Letter to yourself", item.current.letter?.text ?? "")
        var lines = [id + "  " + Summary.excerpt(name + ", " + dates(item), length: width - indent.count)]
        if !text.isEmpty { lines.append(indent + TerminalText.line(Summary.excerpt(text, length: width - indent.count))) }
        return lines.joined(separator: "\n")
    }
}

/// A letter typed on the terminal: every line kept as typed (blank lines too), ended by a
/// full stop alone on a line or by Ctrl-D. Blank lines before the first words and after the
/// last are left out; nothing else is changed.
enum LetterInput {
    /// The line that ends a letter.
    static let endLine = "."

    static func read(_ prompter: Prompter, current: String?) throws(QuestionStop) -> String? {
        prompter.heading(
            "Write to yourself, as you are today, for the day the urge to reach out or go back comes.", hint: nil,
            current: [])
        if let current {
            print(Terminal.style("  Saved:", "2"))
            for line in current.components(separatedBy: "\n") { print("  | " + TerminalText.line(line)) }
            prompter.note("Type the whole letter again to change it, or type just a full stop (.) to keep it.")
        }
        prompter.note("Write as many lines as you like; blank lines are kept. When you are done, type a full stop (.) alone on a line.")
        var lines: [String] = []
        while let line = try prompter.input.readLine(), line != endLine {
            lines.append(line)
        }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        guard !lines.isEmpty else { return current }
        let text = lines.joined(separator: "\n")
        guard text.utf8.count <= Prompter.maximumAnswerByteCount else {
            prompter.note("That letter is \(text.utf8.count >> 10) KiB; a letter can hold at most \(Prompter.maximumAnswerByteCount >> 10) KiB. Please write it shorter.")
            return try read(prompter, current: current)
        }
        return text
    }

    /// A letter given on standard input after the passphrase (`letter write --stdin`), for
    /// scripts: everything to the end, blank lines at its ends left out.
    static func fromStandardInput() -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
