import Foundation
import KeepsakeVault

/// The guided questions of a contact (`contacts add` with no arguments, `amend ID`): nothing
/// private needs to be typed on the command line, where shell history would keep it.
enum ContactQuestions {
    static let all: [Question<Contact>] = [
        Question(title: "Name") { p, c throws(QuestionStop) in
            c.name = try p.required("What is their name, or what do you call them?", current: c.name.isEmpty ? nil : c.name)
        } shown: { c in c.name.isEmpty ? [] : [c.name] },
        Question(title: "Who they are") { p, c throws(QuestionStop) in
            c.role = try p.choice(
                "Who are they to you?", Contact.Role.allCases, name: \.rawValue, label: \.rawValue, current: c.role) ?? .other
        } shown: { c in [c.role.rawValue] },
        Question(title: "Phone") { p, c throws(QuestionStop) in
            c.phone = try p.text("What is their phone number?", hint: "Enter if none", current: c.phone)
        } shown: { c in c.phone.map { [$0] } ?? [] },
        Question(title: "Email") { p, c throws(QuestionStop) in
            c.email = try p.text("What is their email address?", hint: "Enter if none", current: c.email)
        } shown: { c in c.email.map { [$0] } ?? [] },
        Question(title: "Address") { p, c throws(QuestionStop) in
            c.address = try p.text("What is their address?", hint: "Enter if none", current: c.address)
        } shown: { c in c.address.map { [$0] } ?? [] },
        Question(title: "Safe to contact") { p, c throws(QuestionStop) in
            c.safeContact = try p.text(
                "When and how is it safe to contact them?", hint: "for example: texts only, weekdays before 3 pm",
                current: c.safeContact, wantsWords: true)
        } shown: { c in c.safeContact.map { [$0] } ?? [] },
        Question(title: "Notes") { p, c throws(QuestionStop) in
            c.notes = try p.text("Anything else about them?", hint: "Enter if nothing", current: c.notes)
        } shown: { c in c.notes.map { [$0] } ?? [] },
        Question(title: "Knows what is happening") { p, c throws(QuestionStop) in
            let answer = try p.yesNo("Do they know what is happening to you?", current: c.knows.map { $0 ? YesNoAnswer.yes : .no })
            c.knows = answer == .yes ? true : answer == .no ? false : nil
        } shown: { c in c.knows.map { [$0 ? "yes" : "no"] } ?? [] },
    ]
}

/// The guided questions of a plan step (`plan add` with no arguments, `amend ID`).
enum PlanQuestions {
    static let all: [Question<PlanItem>] = [
        Question(title: "Step") { p, s throws(QuestionStop) in
            s.title = try p.required("What is the step, in a few words?", current: s.title.isEmpty ? nil : s.title)
        } shown: { s in s.title.isEmpty ? [] : [s.title] },
        Question(title: "Category") { p, s throws(QuestionStop) in
            s.category = try p.choice(
                "Which part of your plan is it?", PlanCategory.allCases, name: \.argumentName, label: \.label,
                current: s.category) ?? s.category
        } shown: { s in [s.category.label] },
        Question(title: "Notes") { p, s throws(QuestionStop) in
            s.notes = try p.text("Anything else about it?", hint: "Enter if nothing", current: s.notes)
        } shown: { s in s.notes.map { [$0] } ?? [] },
        Question(title: "Due") { p, s throws(QuestionStop) in
            s.due = try p.due(current: s.due)
        } shown: { s in s.due.map { [DueDate.format($0)] } ?? [] },
    ]
}

extension Prompter {
    /// "By when?", asked again until the answer is understood (or skipped).
    func due(current: Date?) throws(QuestionStop) -> Date? {
        while true {
            guard let answer = try text(
                "By when do you want it done?", hint: "for example: friday, 2026-03-20; Enter if no date",
                current: current.map(DueDate.format))
            else { return nil }
            if let current, answer == DueDate.format(current) { return current }
            do { return try DueDate.parse(answer) } catch { note("\(error)") }
        }
    }
}
