import Foundation
import KeepsakeVault

/// The guided questions of the owner's profile (`keepsake profile`, `amend ID`): the owner's
/// name, the person they need protection from, the children, whether that person has
/// firearms, and the pets. Every question can be skipped with Enter; none is ever required.
enum ProfileQuestions {
    static let all: [Question<Profile>] = [
        Question(title: "Your name") { p, profile throws(QuestionStop) in
            profile.owner = try p.text(
                "Your name, as it should appear on the report?", hint: "Enter to skip", current: profile.owner)
        } shown: { profile in profile.owner.map { [$0] } ?? [] },
        Question(title: "The person") { p, profile throws(QuestionStop) in
            p.note("The next questions are about the person you need protection from. Skip any of them.")
            profile.setRespondent(\.name, try p.text(
                "What is their name?", hint: "Enter to skip", current: profile.respondent?.name))
        } shown: { profile in profile.respondent?.name.map { [$0] } ?? [] },
        Question(title: "Relationship") { p, profile throws(QuestionStop) in
            let chosen = try p.choice(
                "How are they related to you?", Respondent.Relationship.allCases, name: \.argumentName, label: \.label,
                current: profile.respondent?.relationship)
            profile.setRespondent(\.relationship, chosen)
            if chosen == .other {
                profile.setRespondent(\.relationshipNote, try p.text(
                    "In your own words, who are they to you?", current: profile.respondent?.relationshipNote,
                    wantsWords: true))
            } else {
                profile.setRespondent(\.relationshipNote, nil)
            }
        } shown: { profile in profile.respondent?.relationshipText.map { [$0] } ?? [] },
        Question(title: "Their age or date of birth") { p, profile throws(QuestionStop) in
            profile.setRespondent(\.age, try p.text(
                "Their date of birth, or their age?", hint: "as you know it; Enter to skip", current: profile.respondent?.age))
        } shown: { profile in profile.respondent?.age.map { [$0] } ?? [] },
        Question(title: "Other details") { p, profile throws(QuestionStop) in
            profile.setRespondent(\.details, try p.text(
                "Anything else a petition asks about them?",
                hint: "what they look like, their car, where they work; Enter to skip", current: profile.respondent?.details))
        } shown: { profile in profile.respondent?.details.map { [$0] } ?? [] },
        Question(title: "Children") { p, profile throws(QuestionStop) in
            profile.children = try p.children(current: profile.children)
        } shown: { profile in profile.children.map(\.text) },
        Question(title: "Firearms") { p, profile throws(QuestionStop) in
            profile.firearms = try p.firearms(current: profile.firearms)
        } shown: { profile in profile.firearms.map(ProfileText.firearmsLines) ?? [] },
        Question(title: "Pets") { p, profile throws(QuestionStop) in
            profile.pets = try p.pets(current: profile.pets)
        } shown: { profile in ProfileText.petsLines(profile.pets) },
    ]
}

extension Profile {
    /// Sets one field of the respondent, making one when there is none yet.
    fileprivate mutating func setRespondent<Value>(_ field: WritableKeyPath<Respondent, Value?>, _ value: Value?) {
        var person = respondent ?? Respondent()
        person[keyPath: field] = value
        respondent = person.isEmpty ? nil : person
    }
}

extension Prompter {
    /// The children: added one at a time (name or initials, then age or year of birth), taken
    /// off by number; Enter when the list is right.
    func children(current: [Child]) throws(QuestionStop) -> [Child] {
        var children = current
        heading("Children: yours, theirs, or any who live with you?", hint: nil, current: [])
        note("A name or initials are enough.")
        while true {
            for (index, child) in children.enumerated() { print("  \(index + 1). \(TerminalText.line(child.text))") }
            note(children.isEmpty
                ? "Type a child's name or initials to add them, or press Enter if there are none to add."
                : "Type a name or initials to add a child, `remove` and a number to take one off, or press Enter when the list is right.")
            guard let line = try line() else { return children }
            let words = line.trimmingCharacters(in: .whitespaces)
            if words == Self.clearWord {
                children = []
                continue
            }
            if Int(words) != nil {
                note("To take a child off the list, type `remove` and their number, for example `remove \(words)`.")
                continue
            }
            if let number = Self.removal(words) {
                guard (1...max(children.count, 1)).contains(number), !children.isEmpty else {
                    note("There is no child \(number) on the list.")
                    continue
                }
                children.remove(at: number - 1)
                continue
            }
            let age = try text("How old is \(TerminalText.line(words)), or what year were they born?", hint: "Enter to skip", current: nil)
            children.append(Child(name: words, age: age))
        }
    }

    /// The number in "remove 2" (or "remove #2"), if that is what was typed.
    private static func removal(_ words: String) -> Int? {
        let parts = words.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == "remove" else { return nil }
        return Int(parts[1].drop { $0 == "#" })
    }

    /// The standing firearms answer: what kind, how many and where they are kept are asked
    /// only after a yes.
    func firearms(current: Firearms?) throws(QuestionStop) -> Firearms? {
        var answer = current?.answer
        while true {
            heading(
                "Does the person have guns or other firearms, or can they get one?", hint: "yes / no / don't know / skip",
                current: current.map { [$0.answer.label] } ?? [])
            guard let typed = try line() else { break }
            let word = typed.trimmingCharacters(in: .whitespaces).lowercased()
            if word == "skip" { break }
            if word == Self.clearWord { return nil }
            if let reply = YesNoWords.parse(word) {
                answer = reply == .yes ? .yes : reply == .no ? .no : .dontKnow
                break
            }
            note("Please answer yes, no, don't know, or skip.")
        }
        switch answer {
        case .none: return nil
        case .some(.no): return Firearms(answer: .no)
        case .some(.dontKnow): return Firearms(answer: .dontKnow)
        case .some(.yes):
            let yes = current?.answer == .yes ? current : nil
            let kind = try text("What kind?", hint: "for example: a handgun, a hunting rifle; Enter to skip", current: yes?.kind)
            let count = try text("How many?", hint: "Enter to skip", current: yes?.count)
            let kept = try text("Where are they kept?", hint: "for example: bedroom closet, his truck; Enter to skip", current: yes?.kept)
            return Firearms(answer: .yes, kind: kind, count: count, kept: kept)
        }
    }

    /// Pets: whether there are any, who they are (after a yes), and any harm or threats to an
    /// animal (asked either way: a pet may have been taken or killed).
    func pets(current: Pets?) throws(QuestionStop) -> Pets? {
        var pets = current ?? Pets()
        let reply = try yesNo("Are there pets in your home or family?", current: pets.have.map { $0 ? YesNoAnswer.yes : .no })
        pets.have = reply == .yes ? true : reply == .no ? false : nil
        if pets.have == true {
            pets.who = try text("Who are they?", hint: "names and kind of animal; Enter to skip", current: pets.who)
        } else {
            pets.who = nil
        }
        pets.harm = try text(
            "Has the person harmed, threatened or killed an animal, or threatened to?",
            hint: "what happened, in your words; Enter to skip", current: pets.harm, wantsWords: true)
        return pets.isEmpty ? nil : pets
    }
}

extension Respondent.Relationship {
    /// How it is typed at the question: spouse, former-spouse, co-parent…
    var argumentName: String {
        switch self {
        case .spouse: return "spouse"
        case .formerSpouse: return "former-spouse"
        case .partner: return "partner"
        case .formerPartner: return "former-partner"
        case .coParent: return "co-parent"
        case .householdMember: return "household"
        case .relative: return "relative"
        case .other: return "other"
        }
    }
}
