import Foundation
import KeepsakeVault

/// How the profile reads on a terminal: in the review, in `show` and in `profile show`.
enum ProfileText {
    /// "yes", then what kind, how many and where, one a line.
    static func firearmsLines(_ firearms: Firearms) -> [String] {
        var lines = [firearms.answer.label]
        if let kind = firearms.kind { lines.append("What kind: " + kind) }
        if let count = firearms.count { lines.append("How many: " + count) }
        if let kept = firearms.kept { lines.append("Where kept: " + kept) }
        return lines
    }

    static func petsLines(_ pets: Pets?) -> [String] {
        guard let pets else { return [] }
        var lines: [String] = []
        if let have = pets.have { lines.append(have ? "yes" : "no") }
        if let who = pets.who { lines.append("Who: " + who) }
        if let harm = pets.harm { lines.append("Harm or threats: " + harm) }
        return lines
    }

    /// Labelled lines for `show ID` (and the history of versions).
    static func fields(_ profile: Profile) -> [(String, String?)] {
        [
            ("Your name", profile.owner),
            ("The person", profile.respondent?.name),
            ("Relationship", profile.respondent?.relationshipText),
            ("Their age or date of birth", profile.respondent?.age),
            ("Other details", profile.respondent?.details),
            ("Children", profile.children.isEmpty ? nil : profile.children.map(\.text).joined(separator: ", ")),
            ("Firearms", profile.firearms.map(\.text)),
            ("Pets", profile.pets?.have.map { $0 ? "yes" : "no" }),
            ("Who the pets are", profile.pets?.who),
            ("Harm or threats to animals", profile.pets?.harm),
        ]
    }

    /// `keepsake profile show`: every question with its answer, or "not answered", values
    /// folded under a column of labels to the terminal's width.
    static func render(_ item: Item, _ profile: Profile, width: Int = min(TextWrap.width, 80)) -> [String] {
        var lines = [
            Terminal.style("Your profile \(item.id.short)", "1") + ", last changed \(DisplayDate.format(item.updatedAt))"
                + (item.isAmended ? " (\(item.versions.count) versions)." : "."),
        ]
        lines += TextWrap.lines(
            "It stays private: a bundle carries it only with `keepsake export --include-profile`. "
                + "`keepsake profile` changes any answer; the earlier version is kept.", width: width)
        lines.append("")
        let column = 24
        func add(_ label: String, _ values: [String]) {
            let indent = String(repeating: " ", count: column)
            let head = (label + ":").padding(toLength: column, withPad: " ", startingAt: 0)
            guard !values.isEmpty else {
                lines.append(head + Terminal.style("not answered", "2"))
                return
            }
            for (index, value) in values.enumerated() {
                let folded = TextWrap.lines(TerminalText.line(value), width: width, indent: indent)
                lines.append((index == 0 ? head : indent) + folded[0].dropFirst(column))
                lines += folded.dropFirst()
            }
        }
        add("Your name", profile.owner.map { [$0] } ?? [])
        lines.append(Terminal.style("The person you need protection from", "1"))
        add("  Name", profile.respondent?.name.map { [$0] } ?? [])
        add("  Relationship", profile.respondent?.relationshipText.map { [$0] } ?? [])
        add("  Age or date of birth", profile.respondent?.age.map { [$0] } ?? [])
        add("  Other details", profile.respondent?.details.map { [$0] } ?? [])
        add("Children", profile.children.map(\.text))
        add("Firearms", profile.firearms.map { [$0.answer.label] } ?? [])
        if let firearms = profile.firearms, firearms.answer == .yes {
            add("  What kind", firearms.kind.map { [$0] } ?? [])
            add("  How many", firearms.count.map { [$0] } ?? [])
            add("  Where kept", firearms.kept.map { [$0] } ?? [])
        }
        add("Pets", profile.pets?.have.map { [$0 ? "yes" : "no"] } ?? [])
        if profile.pets?.have == true { add("  Who", profile.pets?.who.map { [$0] } ?? []) }
        add("Harm to animals", profile.pets?.harm.map { [$0] } ?? [])
        return lines
    }
}
