import Foundation
import KeepsakeVault

/// What `keepsake remember` prints, calm and plain, at most 80 columns: the letter, the facts
/// of the owner's own record, their boundaries, then who to call. Nothing is judged or scored;
/// what is missing is named once, with the command that adds it.
enum RememberText {
    /// Broken promises shown: the most recent ones, the most recent first (as the most serious
    /// incidents and the letters are), then how many earlier ones there are.
    static let brokenShown = 3

    static func lines(_ facts: RememberFacts, timeZone: TimeZone = .current, width: Int = min(TextWrap.width, 80)) -> [String] {
        guard !facts.isEmpty else { return empty(facts, width: width) }
        var out = ["This is what you wanted to remember."]
        func paragraph(_ text: String, indent: String = "  ") { out += PlainText.wrap(text, width: width, indent: indent) }
        func day(_ date: Date) -> String { DisplayDate.format(date, withTime: false) }

        out.append("")
        if let letter = facts.letters.first {
            out.append("Your letter to yourself, written \(day(letter.writtenAt))"
                + (letter.changedAt.map { ", changed \(day($0))" } ?? "") + ":")
            out.append("")
            out += LetterText.lines(letter.text, width: width)
            if facts.letters.count > 1 {
                out.append("")
                paragraph("You wrote \(facts.letters.count) letters; `keepsake letter` shows them all.")
            }
        } else {
            out.append("Your letter to yourself:")
            paragraph("None yet. On a day your head is clear, `keepsake letter write` lets you write one.")
        }

        out.append("")
        out.append("What your own record says:")
        if facts.incidentCount == 0 {
            paragraph("No incidents are written down. `keepsake log` keeps them when you are ready.")
        } else if let first = facts.firstIncident, let last = facts.lastIncident {
            let count = facts.incidentCount == 1 ? "1 incident" : "\(facts.incidentCount) incidents"
            paragraph(facts.periodDays == 0
                ? "You wrote down \(count), on \(day(first))."
                : "You wrote down \(count), from \(day(first)) to \(day(last)) (\(span(facts.periodDays))).")
        }
        if !facts.mostSerious.isEmpty {
            out.append("  The most serious:")
            for serious in facts.mostSerious {
                let when = serious.occurred.map { HumanDate.format($0, timeZone: timeZone) } ?? "written \(day(serious.date))"
                paragraph("\(when): \(serious.severity.label)", indent: "    ")
                if !serious.account.isEmpty {
                    out.append("      \u{201C}" + TerminalText.line(Summary.excerpt(serious.account, length: width - 8)) + "\u{201D}")
                }
            }
        }
        if facts.promisesMade > 0 {
            let made = facts.promisesMade == 1 ? "1 promise" : "\(facts.promisesMade) promises"
            paragraph("Promises: \(made) written down; \(facts.promisesBroken.count) broken, \(facts.promisesKept) kept.")
            // The most recent few, so the page stays short; the rest are a command away.
            let shown = facts.promisesBroken.suffix(Self.brokenShown).reversed()
            for promise in shown {
                let seen = promise.seenOn.map { ", seen broken \(day($0))" } ?? ""
                paragraph("Broken: made \(day(promise.date))\(seen).", indent: "    ")
                if !promise.said.isEmpty {
                    out.append("      \u{201C}" + TerminalText.line(Summary.excerpt(promise.said, length: width - 8)) + "\u{201D}")
                }
            }
            let earlier = facts.promisesBroken.count - shown.count
            if earlier > 0 {
                paragraph("And \(earlier) earlier broken promise\(earlier == 1 ? "" : "s"): `keepsake moments list` shows them all.", indent: "    ")
            }
        }

        out.append("")
        out.append("What you won't accept again:")
        if facts.boundaries.isEmpty {
            paragraph("None written yet. `keepsake boundaries add` keeps them, in your own words.")
        }
        for boundary in facts.boundaries {
            let words = BoundaryText.words(boundary.text, indent: "    ", width: width)
            out.append("  - " + words[0].dropFirst(4))
            out += words.dropFirst()
            out.append("    written \(day(boundary.writtenAt))" + (boundary.changedAt.map { ", changed \(day($0))" } ?? ""))
        }

        out.append("")
        out.append("Call someone instead:")
        for person in facts.people {
            let role = person.role == .other ? "" : person.role.rawValue
            let about = [role, person.knows ? "knows what is happening" : ""].filter { !$0.isEmpty }.joined(separator: ", ")
            paragraph(TerminalText.line(person.name) + (about.isEmpty ? "" : " (\(about))") + ": " + TerminalText.line(person.phone))
        }
        if facts.people.isEmpty {
            paragraph("No one with a number yet. `keepsake contacts add` keeps the people you trust (--knows if they know what is happening).")
        }
        for line in facts.helplines {
            paragraph(TerminalText.line(line.name) + ": " + TerminalText.line(line.phone) + (line.hours.map { " (\($0))" } ?? ""))
        }
        out.append("")
        out.append("You can read this again whenever you need it.")
        return out
    }

    /// Nothing written yet: what it could show, and how to add each part.
    static func empty(_ facts: RememberFacts, width: Int) -> [String] {
        var out: [String] = []
        func paragraph(_ text: String, indent: String = "") { out += PlainText.wrap(text, width: width, indent: indent) }
        paragraph("Nothing is written here yet. When the urge to reach out or go back comes, `keepsake remember` can show you, in this order:")
        out.append("")
        for (part, command) in [
            ("a letter you write to yourself while your head is clear", "keepsake letter write"),
            ("plain facts from your own record: how many incidents and over what time, the most serious ones, the promises that were broken", "keepsake log, keepsake moments add"),
            ("what you won't accept again", "keepsake boundaries add"),
            ("the people you trust, to call instead", "keepsake contacts add"),
        ] {
            let folded = PlainText.wrap(part, width: width, indent: "    ")
            out.append("  - " + folded[0].dropFirst(4))
            out += folded.dropFirst()
            out.append("      " + command)
        }
        out.append("")
        paragraph("Add any of them whenever you feel ready.")
        if !facts.helplines.isEmpty {
            out.append("")
            out.append("If you want to talk to someone now:")
            for line in facts.helplines {
                paragraph(TerminalText.line(line.name) + ": " + TerminalText.line(line.phone) + (line.hours.map { " (\($0))" } ?? ""), indent: "  ")
            }
        }
        return out
    }

    /// "73 days", "about 5 months", "about 2 years".
    static func span(_ days: Int) -> String {
        if days < 62 { return days == 1 ? "1 day" : "\(days) days" }
        let months = Int((Double(days) / 30.44).rounded())
        if months < 24 { return "about \(months) months" }
        return "about \(Int((Double(days) / 365.25).rounded())) years"
    }
}

/// `remember --json`: the same facts, for tests and tools.
struct RememberJSON: Encodable {
    struct Written: Encodable {
        var id: String, text: String, writtenAt: Date, changedAt: Date?, versions: Int
    }
    struct Serious: Encodable {
        var id: String, date: Date, severity: String, level: Int, account: String
    }
    struct Broken: Encodable {
        var id: String, date: Date, said: String, seenOn: Date?
    }
    struct Person: Encodable {
        var name: String, role: String, phone: String, knows: Bool, hours: String?
    }

    var letters: [Written]
    var incidentCount: Int
    var firstIncident: Date?, lastIncident: Date?
    var periodDays: Int
    var mostSerious: [Serious]
    var promisesMade: Int, promisesKept: Int
    var promisesBroken: [Broken]
    var boundaries: [Written]
    var people: [Person]
    var helplines: [Person]

    init(_ f: RememberFacts) {
        func written(_ w: RememberFacts.Written) -> Written {
            Written(id: w.id.rawValue, text: w.text, writtenAt: w.writtenAt, changedAt: w.changedAt, versions: w.versions)
        }
        func person(_ p: RememberFacts.Person) -> Person {
            Person(name: p.name, role: p.role.rawValue, phone: p.phone, knows: p.knows, hours: p.hours)
        }
        letters = f.letters.map(written)
        (incidentCount, firstIncident, lastIncident, periodDays) = (f.incidentCount, f.firstIncident, f.lastIncident, f.periodDays)
        mostSerious = f.mostSerious.map {
            Serious(id: $0.id.rawValue, date: $0.date, severity: $0.severity.label, level: $0.severity.level, account: $0.account)
        }
        (promisesMade, promisesKept) = (f.promisesMade, f.promisesKept)
        promisesBroken = f.promisesBroken.map { Broken(id: $0.id.rawValue, date: $0.date, said: $0.said, seenOn: $0.seenOn) }
        boundaries = f.boundaries.map(written)
        people = f.people.map(person)
        helplines = f.helplines.map(person)
    }
}
