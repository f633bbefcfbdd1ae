import Foundation
import KeepsakeVault

/// The safety plan's section of report.html from layout 4: phase by phase, each step with
/// the owner's own answer (only in a bundle whose owner confirmed sharing answers; see
/// `BundleFilters.includePlanAnswers`), then the phases the owner marked as not applying.
///
/// Rendered from the disclosed entries' own fields only (`phase`, else the category's phase;
/// title, answer, notes, done date), never from the template's wording, so that `verify`
/// renders a bundle again byte for byte whatever later versions do to the template. A contact
/// chosen as an answer is named when that contact is in the bundle too.
enum ReportPlanSection {
    static func render(_ page: inout HTMLText, _ selection: BundleSelection, _ dates: DateText) {
        let contacts = Dictionary(
            selection.contacts.compactMap { item in item.current.contact.map { (item.id.rawValue, $0.name) } },
            uniquingKeysWith: { first, _ in first })
        let steps = selection.planSteps.compactMap(\.current.planItem)
        page.element("h2", "Safety plan, in the owner's words")
        for phase in PlanPhase.allCases {
            let inPhase = steps.filter { $0.hidesPhase == nil && ($0.phase ?? $0.category.phase) == phase }
            guard !inPhase.isEmpty else { continue }
            let done = inPhase.filter { $0.status == .done }.count
            page.element("h3", "\(phase.label) (\(done) of \(inPhase.count) done)")
            page.raw("<table>")
            for step in inPhase {
                let contact = step.answerContact.map { contacts[$0] ?? "a contact not in this bundle" }
                let answer = [contact, step.answer].compactMap { $0 }.joined(separator: "; ")
                let lines = [step.title, answer.isEmpty ? nil : "Answer: " + answer, step.notes,
                             step.doneAt.map { "done \(dates.date($0))" }].compactMap { $0 }
                page.row(step.status == .done ? "[x]" : "[ ]", lines.joined(separator: "\n"))
            }
            page.raw("</table>\n")
        }
        let hidden = PlanPhase.allCases.filter { phase in steps.contains { $0.hidesPhase == phase } }
        if !hidden.isEmpty {
            page.element("p", "Marked by the owner as not applying: " + hidden.map(\.label).joined(separator: ", ") + ".", class: "note")
        }
    }
}
