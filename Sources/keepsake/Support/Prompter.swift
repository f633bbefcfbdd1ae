import Foundation
import KeepsakeVault

/// Guided questions on a terminal: one field at a time, Enter skips, nothing is required.
struct Prompter {
    /// Asks one question; nil when skipped (or at end of input).
    func ask(_ question: String, current: String? = nil) -> String? {
        let hint = current.map { " [\(Summary.excerpt($0, length: 40)); Enter keeps it]" } ?? " (Enter to skip)"
        print(Terminal.style(question, "1") + Terminal.style(hint, "2"))
        print("> ", terminator: "")
        guard let line = readLine() else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Asks for several lines, ended by an empty line.
    func askLong(_ question: String, current: String? = nil) -> String? {
        print(Terminal.style(question, "1"))
        print(Terminal.style(current == nil
            ? "  Write as much as you need. Press Enter on an empty line to finish."
            : "  Press Enter now to keep what you wrote before, or type the new text and finish with an empty line.", "2"))
        var lines: [String] = []
        while let line = readLine() {
            if line.isEmpty { break }
            lines.append(line)
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A list answer: comma-separated.
    func askList(_ question: String) -> [String] {
        ask(question + " (separate with commas)")?.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }

    /// Yes or no; nil when skipped.
    func askYesNo(_ question: String) -> Bool? {
        guard let answer = ask(question + " (y/n)")?.lowercased() else { return nil }
        return answer.hasPrefix("y")
    }

    /// Choices by number.
    func askChoices<T>(_ question: String, _ options: [T], label: (T) -> String) -> [T] {
        print(Terminal.style(question, "1") + Terminal.style(" (numbers separated by commas, Enter to skip)", "2"))
        for (index, option) in options.enumerated() { print("  \(index + 1). \(label(option))") }
        print("> ", terminator: "")
        guard let line = readLine() else { return [] }
        return line.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
            .filter { (1...options.count).contains($0) }.map { options[$0 - 1] }
    }

    /// Walks through every incident field, starting from `incident` (empty for a new one).
    func fillIncident(_ incident: inout Incident) {
        while true {
            guard let when = ask("When did it happen? (for example: today 21:30, yesterday evening, 2026-03-02)",
                                 current: incident.occurred.map { HumanDate.format($0, timeZone: .current) }) else { break }
            do {
                incident.occurred = try parseWhen(when)
                break
            } catch { print(Terminal.style("  \(error)", "31")) }
        }
        if let v = ask("How long did it last?", current: incident.duration) { incident.duration = v }
        if let v = ask("Where did it happen? (the place, and the room)", current: incident.location) { incident.location = v }
        if let v = askLong("What happened, in your own words?", current: incident.account.isEmpty ? nil : incident.account) {
            incident.account = v
        }
        let quotes = askList("Exact words that were said, if you remember them")
        if !quotes.isEmpty { incident.quotes = quotes }
        let kinds = askChoices("What kinds of harm?", HarmKind.allCases, label: \.label)
        if !kinds.isEmpty { incident.kinds = kinds }
        if let v = ask("How did you feel? (for example: afraid, shaking)", current: incident.feelings) { incident.feelings = v }
        let people = askList("Who else was there?")
        if !people.isEmpty { incident.people = people }
        let witnesses = askList("Did anyone see or hear it?")
        if !witnesses.isEmpty { incident.witnesses = witnesses }
        if let children = askYesNo("Were children there?") {
            incident.childrenPresent = children
            if children, let v = ask("Were they hurt or threatened? How?") { incident.childrenHarmed = v }
        }
        if let v = ask("Were you hurt? Describe any injuries", current: incident.injuries) {
            incident.injuries = v
            let places = askList("Where on your body?")
            if !places.isEmpty { incident.injuryLocations = places }
        }
        if let v = ask("Was a weapon or object used?", current: incident.weapons) { incident.weapons = v }
        var signs: [HighRiskSign] = []
        if askYesNo("Were you choked or strangled, even for a moment?") == true { signs.append(.strangulation) }
        if askYesNo("Was a weapon used or shown?") == true { signs.append(.weapon) }
        if askYesNo("Did they threaten to kill you or someone else?") == true { signs.append(.threatToKill) }
        if !signs.isEmpty { incident.highRisk = signs }
        if let v = ask("Did you get medical care?", current: incident.medicalCare) { incident.medicalCare = v }
        if askYesNo("Were the police involved?") == true {
            incident.police = PoliceReport(
                involved: true, officer: ask("Officer's name or number?"), reportNumber: ask("Report or case number?"))
        }
        if let v = ask("Was technology involved (messages, tracking, accounts)?", current: incident.technology) {
            incident.technology = v
        }
    }
}
