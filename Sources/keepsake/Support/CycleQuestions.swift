import Foundation
import KeepsakeVault

/// The guided questions of a good day, an apology or a promise (`moments add` with no text,
/// `amend ID`), asked and reviewed as the guided log asks an incident's.
enum CycleQuestions {
    /// An incident the moment can be linked to, offered by its date and first words.
    struct Link: Equatable, Sendable {
        var id: EntryID
        var label: String
    }

    /// The latest incidents (newest first), to offer as links.
    static func links(in vault: Vault, count: Int = 5) -> [Link] {
        vault.current(.incident).suffix(count).reversed().map { item in
            let when = item.current.incident?.occurred.map { HumanDate.format($0, timeZone: .current) }
                ?? "written \(DisplayDate.format(item.createdAt, withTime: false))"
            let words = Summary.excerpt(item.current.incident?.account ?? "", length: 30)
            return Link(id: item.id, label: TerminalText.line("\(item.id.short)  \(when)" + (words.isEmpty ? "" : ": \(words)")))
        }
    }

    /// The questions, in the order they are asked; `links` are the incidents offered.
    static func all(links: [Link]) -> [Question<CycleMoment>] {
        var questions: [Question<CycleMoment>] = [
            Question(title: "What it was") { p, m throws(QuestionStop) in
                m.kind = try p.choice(
                    "Was it a good day, an apology or a promise?", CycleMoment.Kind.allCases, name: \.argumentName,
                    label: \.label, current: m.kind) ?? m.kind
            } shown: { m in [m.kind.label] },
            Question(title: "When") { p, m throws(QuestionStop) in
                m.occurred = try p.when(current: m.occurred)
            } shown: { m in m.occurred.map { [HumanDate.format($0, timeZone: .current)] } ?? [] },
            Question(title: "What was said or done") { p, m throws(QuestionStop) in
                m.said = try p.long("What was said or done, in your own words?", current: m.said.isEmpty ? nil : m.said) ?? ""
            } shown: { m in m.said.isEmpty ? [] : m.said.components(separatedBy: "\n") },
        ]
        if !links.isEmpty {
            questions.append(
                Question(title: "After the incident") { p, m throws(QuestionStop) in
                    let current = links.first { $0.id == m.incident }
                    p.note("If it came after something you wrote down, pick it. Enter if not.")
                    m.incident = try p.choice(
                        "Did it come after one of these incidents?", links, name: \.id.short, label: \.label,
                        current: current)?.id ?? m.incident
                } shown: { m in m.incident.map { id in [links.first { $0.id == id }?.label ?? id.short] } ?? [] })
        }
        return questions
    }
}

extension CycleMoment.Kind {
    /// How it is typed on the command line: good-day, apology, promise.
    var argumentName: String {
        switch self {
        case .goodDay: return "good-day"
        case .apology: return "apology"
        case .promise: return "promise"
        }
    }
}

/// How a good day, an apology or a promise is shown in lists, search results and `show`.
enum CycleText {
    /// "apology, Sat 3 Oct 2026 (promise kept)", for a summary's first line.
    static func heading(_ item: Item, _ moment: CycleMoment) -> String {
        let when = moment.occurred.map { HumanDate.format($0, timeZone: .current) }
            ?? "written \(DisplayDate.format(item.createdAt))"
        return moment.kind.label.capitalized + ", " + when + (outcome(moment).map { " (\($0))" } ?? "")
    }

    /// "kept, seen on Mon 5 Oct 2026", once a promise was marked.
    static func outcome(_ moment: CycleMoment) -> String? {
        guard let outcome = moment.outcome else { return moment.kind == .promise ? "not yet known" : nil }
        return outcome.rawValue + (moment.outcomeOn.map { ", seen on \(DisplayDate.format($0, withTime: false))" } ?? "")
    }

    /// The lines `show` prints for it.
    static func fields(_ moment: CycleMoment) -> [(String, String?)] {
        [
            ("What it was", moment.kind.label),
            ("When", moment.occurred.map { HumanDate.format($0, timeZone: .current) }),
            ("What was said or done", moment.said),
            ("After the incident", moment.incident?.short),
            ("The promise was", moment.kind == .promise ? outcome(moment) : nil),
        ]
    }
}
