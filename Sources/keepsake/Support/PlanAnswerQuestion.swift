import Foundation
import KeepsakeVault

/// The guided question that asks the owner's own answer to a plan step ("I can use ___ as my
/// code word"): a few words, or, for a step that names a person, one of the vault's contacts.
/// Asked through `Question.guided`, so it has the same review, `clear` and Ctrl-C as every
/// other guided question.
enum PlanAnswerQuestion {
    /// One contact the owner can pick: its full id and how it is shown.
    struct Choice: Equatable {
        let id: String
        let label: String
    }

    /// The question for `step`, offering `contacts` when the step names a person.
    static func question(for step: PlanItem, contacts: [Choice]) -> Question<PlanItem> {
        let template = PlanTemplate.step(for: step)
        let sentence = template?.sentence ?? "Your answer for: \(step.title)"
        var wantsContact = false
        if case .contact = template?.answer { wantsContact = !contacts.isEmpty }
        let offered = wantsContact
        return Question(title: "Your answer") { p, s throws(QuestionStop) in
            if offered {
                let none = Choice(id: "", label: "someone else (type their name or a few words)")
                let current = contacts.first { $0.id == s.answerContact } ?? (s.answer == nil ? nil : none)
                let picked = try p.choice(sentence, contacts + [none], name: \.label, label: \.label, current: current)
                if let picked, !picked.id.isEmpty {
                    s.answerContact = picked.id
                    s.answer = nil
                    return
                }
                s.answerContact = nil
            }
            s.answer = try p.text(sentence, hint: "your own words; Enter keeps what is saved, `clear` removes it", current: s.answer)
        } shown: { s in
            let contact = s.answerContact.map { id in contacts.first { $0.id == id }?.label ?? "a contact" }
            return [contact, s.answer].compactMap { $0 }
        }
    }
}
