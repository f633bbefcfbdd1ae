import Foundation
import KeepsakeVault

/// The parties and the owner's standing answers in a layout 5 report, from the owner's
/// profile when it is in the bundle (`export --include-profile`): on the first page the
/// owner, the person they need protection from (with the relationship) and the children with
/// their ages; in the summary the standing firearms answer (also among the high-risk signs
/// when it is yes or don't know) and the pets. What was not answered says so; without the
/// profile the summary says the answer is not in this bundle, never that there is none.
enum ReportParties {
    /// Rows of the first page's table (after the case number), when the profile is disclosed.
    static func firstPage(_ page: inout HTMLText, _ item: Item?, _ dates: ReportDates) {
        guard let item, let profile = item.current.profile else { return }
        let person = profile.respondent
        page.row("Person asking for protection", profile.owner ?? notGiven)
        page.row("Person they need protection from", person?.name ?? notGiven)
        page.row("Relationship", person?.relationshipText ?? notGiven)
        page.row("Their age or date of birth", person?.age ?? notGiven)
        page.row("Their description", person?.details ?? notGiven)
        page.row("Children", profile.children.isEmpty ? "none given" : profile.children.map(childText).joined(separator: "\n"))
        page.row("These parties", "as the owner gave them in their profile, last changed \(dates.dateTime(item.updatedAt)) (entry \(item.id.short))")
    }

    /// The summary's rows: the standing firearms answer, and the pets. `chosen`: whether the
    /// owner exported with `--include-profile` (with no profile then, nothing was answered).
    static func summary(_ page: inout HTMLText, _ item: Item?, chosen: Bool) {
        guard let profile = item?.current.profile else {
            page.row("Firearms (standing answer)", chosen ? "not answered" : "not in this bundle (the owner's profile was not included)")
            return
        }
        if let firearms = profile.firearms, firearms.answer != .no {
            page.raw("<tr><th>Firearms (standing answer)</th><td class=\"risk\">")
            page.text(firearmsText(firearms))
            page.raw("</td></tr>\n")
        } else {
            page.row("Firearms (standing answer)", profile.firearms.map(firearmsText) ?? "not answered")
        }
        page.row("Pets", petsText(profile.pets))
        if let harm = profile.pets?.harm {
            page.raw("<tr><th>Harm or threats to animals</th><td class=\"risk\">")
            page.text(harm)
            page.raw("</td></tr>\n")
        }
    }

    /// The line among the high-risk signs for a yes or a don't know.
    static func highRiskSign(_ item: Item?) -> String? {
        guard let firearms = item?.current.profile?.firearms else { return nil }
        switch firearms.answer {
        case .yes: return "Has firearms (the owner's standing answer)"
        case .dontKnow: return "May have firearms: the owner does not know (standing answer)"
        case .no: return nil
        }
    }

    /// "yes: a handgun; how many: 2; kept: bedroom closet".
    static func firearmsText(_ firearms: Firearms) -> String {
        let details = [
            firearms.kind.map { "kind: " + $0 }, firearms.count.map { "how many: " + $0 }, firearms.kept.map { "kept: " + $0 },
        ].compactMap { $0 }
        switch firearms.answer {
        case .no: return "no"
        case .dontKnow: return "the owner does not know"
        case .yes: return "yes" + (details.isEmpty ? "" : ": " + details.joined(separator: "; "))
        }
    }

    private static func petsText(_ pets: Pets?) -> String {
        guard let pets, pets.have != nil || pets.who != nil else { return "not answered" }
        if pets.have == false { return "no" }
        return "yes" + (pets.who.map { ": " + $0 } ?? "")
    }

    private static func childText(_ child: Child) -> String {
        child.name + ", " + (child.age.map { "age or year of birth: " + $0 } ?? "age not given")
    }

    private static let notGiven = "not given"
}
