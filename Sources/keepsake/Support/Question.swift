import Foundation

/// One guided question about a field of `Content` (an incident, a contact, a plan step), able
/// to show its answer: the questions are asked in turn, then shown numbered for review, and
/// any one can be asked again.
struct Question<Content>: Sendable {
    /// A short name for the review ("When", "Exact words").
    let title: String
    /// Asks (and changes the content's field); what is saved is shown with the question.
    let ask: @Sendable (Prompter, inout Content) throws(QuestionStop) -> Void
    /// The answer as it will be saved, one value a line; empty when there is none.
    let shown: @Sendable (Content) -> [String]
    /// Whether the question is asked (and shown for review) given the answers so far: a
    /// follow-up is asked only when the answer it follows calls for it.
    var applies: @Sendable (Content) -> Bool = { _ in true }

    /// Asks every question in turn.
    static func askAll(_ questions: [Question], _ content: inout Content, _ prompter: Prompter) throws(QuestionStop) {
        for question in questions where question.applies(content) {
            try question.ask(prompter, &content)
            print("")
        }
    }

    /// Shows the content as it will be saved, numbered, and asks again any answer the owner
    /// picks, until they press Enter to save.
    static func review(_ questions: [Question], _ content: inout Content, _ prompter: Prompter) throws(QuestionStop) {
        let all = questions
        while true {
            let questions = all.filter { $0.applies(content) }
            print(Terminal.style("This is what will be saved:", "1"))
            for (index, question) in questions.enumerated() {
                let values = question.shown(content)
                let number = " " + (index < 9 ? " " : "") + "\(index + 1). "
                let indent = String(repeating: " ", count: number.count + 2)
                if values.isEmpty {
                    print(number + question.title + ": " + Terminal.style("(nothing)", "2"))
                } else if values.count == 1 {
                    let folded = TextWrap.lines(question.title + ": " + values[0], indent: indent)
                    print(number + folded[0].dropFirst(indent.count))
                    for line in folded.dropFirst() { print(line) }
                } else {
                    print(number + question.title + ":")
                    for value in values { for line in TextWrap.lines(value, indent: indent) { print(line) } }
                }
            }
            prompter.note("Press Enter to save it, or type a number to change that answer.")
            guard let answer = try prompter.line() else { return }
            guard let number = Int(answer.trimmingCharacters(in: .whitespaces)), (1...questions.count).contains(number)
            else {
                prompter.note("Type a number from 1 to \(questions.count), or press Enter to save.")
                continue
            }
            print("")
            try questions[number - 1].ask(prompter, &content)
            print("")
        }
    }
}

extension Question {
    /// Asks every question then reviews, for `contacts add`, `plan add` and `amend`; false
    /// when Ctrl-C stopped it (nothing is to be saved, and that was said). Without
    /// `askingFirst` it goes straight to the review, where any one answer can be changed
    /// (`keepsake profile` once answered).
    /// - Throws: `QuestionStop.idle` (the shell locks).
    static func guided(
        _ questions: [Question], _ content: inout Content, intro: String, askingFirst: Bool = true
    ) throws(QuestionStop) -> Bool {
        let prompter = Prompter()
        prompter.input.catchInterrupts()
        defer { prompter.input.releaseInterrupts() }
        print(intro + "\n")
        do {
            if askingFirst { try askAll(questions, &content, prompter) }
            try review(questions, &content, prompter)
            return true
        } catch .interrupted {
            print("\nStopped. Nothing was saved.")
            return false
        }
    }
}
