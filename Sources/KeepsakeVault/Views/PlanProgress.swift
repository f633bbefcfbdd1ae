/// The owner's safety plan as they read it: phase by phase, each step with its answer and,
/// where doing it could alert the person who harms them, a warning; done and total per phase
/// and overall. Phases the owner hid are left out and named at the end.
public struct PlanProgress: Equatable, Sendable {
    /// One step, with the short id a command can name it by, if it has one.
    public struct Step: Equatable, Sendable {
        /// The short id shown before the title ("3fa2c1d"), or nil.
        public var tag: String?
        /// The step.
        public var item: PlanItem
        /// The contact chosen as the answer, as shown ("Sam (friend) 0123 456"), if any.
        public var contact: String?
        /// What fills the blank when the owner has not answered: a number found among their
        /// contacts or in the built-in hotline list, saying where it came from.
        public var suggested: String?

        /// Makes a step.
        public init(tag: String?, item: PlanItem, contact: String? = nil, suggested: String? = nil) {
            self.tag = tag
            self.item = item
            self.contact = contact
            self.suggested = suggested
        }

        /// The template step it came from, if any.
        public var template: PlanTemplateStep? { PlanTemplate.step(for: item) }

        /// Whether doing the step could alert the person who harms the owner.
        public var alerts: Bool { template?.alerts ?? false }

        /// The answer as the owner reads it: the template's sentence with the blank filled
        /// ("I can use bluebird as my code word"), or "Your answer: …"; nil with no answer.
        public var answerLine: String? {
            var parts = [contact, item.answer].compactMap { $0 }
            if parts.isEmpty, let suggested { parts = [suggested] }
            guard !parts.isEmpty else { return nil }
            let answer = parts.joined(separator: "; ")
            guard let sentence = template?.sentence, sentence.contains("___") else { return "Your answer: " + answer }
            return sentence.replacingOccurrences(of: "___", with: answer)
        }
    }

    /// The steps of one phase, in the order given.
    public struct Section: Equatable, Sendable {
        /// The phase.
        public var phase: PlanPhase
        /// Its steps.
        public var steps: [Step]
        /// Steps done.
        public var done: Int { steps.filter { $0.item.status == .done }.count }
        /// Steps in all.
        public var total: Int { steps.count }
    }

    /// Phases that have steps and are not hidden, in the plan's order.
    public let sections: [Section]
    /// Phases the owner hid, in the plan's order.
    public let hidden: [PlanPhase]

    /// Progress over plan steps as given.
    public init(items: [PlanItem]) {
        self.init(steps: items.map { Step(tag: nil, item: $0) })
    }

    /// Progress over the vault's plan steps that are not retracted, each tagged with its
    /// short id; a contact chosen as an answer is shown as `contacts` says (by full id), and a
    /// step not answered yet is filled with `suggestions` (by template key), if any.
    public init(vaultItems: [Item], contacts: [String: String] = [:], suggestions: [String: String] = [:]) {
        var steps: [Step] = []
        var hidden: Set<PlanPhase> = []
        for item in vaultItems where !item.isRetracted {
            guard let step = item.current.planItem else { continue }
            if let phase = step.hidesPhase {
                hidden.insert(phase)
                continue
            }
            let contact = step.answerContact.map { contacts[$0] ?? "a contact no longer in your vault" }
            let suggested = PlanTemplate.step(for: step).flatMap { suggestions[$0.key] }
            steps.append(Step(tag: item.id.short, item: step, contact: contact, suggested: suggested))
        }
        self.init(steps: steps, hidden: hidden)
    }

    /// Progress over tagged steps, leaving out the hidden phases.
    public init(steps: [Step], hidden: Set<PlanPhase> = []) {
        sections = PlanPhase.allCases.compactMap { phase in
            guard !hidden.contains(phase) else { return nil }
            let matching = steps.filter { PlanTemplate.phase(of: $0.item) == phase }
            return matching.isEmpty ? nil : Section(phase: phase, steps: matching)
        }
        self.hidden = PlanPhase.allCases.filter { hidden.contains($0) }
    }

    /// Steps done overall (hidden phases not counted).
    public var done: Int { sections.reduce(0) { $0 + $1.done } }
    /// Steps overall (hidden phases not counted).
    public var total: Int { sections.reduce(0) { $0 + $1.total } }
    /// Whole percent done, rounded down (100 only when every step is done; 0 with no steps).
    public var percent: Int { total == 0 ? 0 : done * 100 / total }

    /// Done and total for one phase (zero and zero when it has no steps or is hidden).
    public func progress(of phase: PlanPhase) -> (done: Int, total: Int) {
        guard let section = sections.first(where: { $0.phase == phase }) else { return (0, 0) }
        return (section.done, section.total)
    }

    /// The plan: an overall line, then each phase with a "2 of 4 done" line and its steps as
    /// `[x]` done or `[ ]` still to do, each with its answer and warning below it, folded to
    /// `width`. `warning` is said on the steps that can alert (`PlanWarning.note`, or
    /// `.louder` when the record mentions tracking).
    public func render(width: Int = 80, warning: String = PlanWarning.note) -> String {
        guard total > 0 || !hidden.isEmpty else { return "No plan steps yet." }
        var lines = ["Your safety plan: \(done) of \(total) done (\(percent)%)"]
        for section in sections {
            lines.append("")
            lines.append("\(section.phase.label)  \(section.done) of \(section.total) done")
            for step in section.steps {
                let box = step.item.status == .done ? "[x]" : "[ ]"
                let tag = step.tag.map { "\($0)  " } ?? ""
                let lead = "  \(box) \(tag)"
                let indent = String(repeating: " ", count: lead.count)
                let folded = PlainText.wrap(step.item.title, width: width, indent: indent)
                lines.append(lead + folded[0].dropFirst(lead.count))
                lines += folded.dropFirst()
                if let answer = step.answerLine { lines += PlainText.wrap("= " + answer, width: width, indent: indent) }
                if step.alerts { lines += PlainText.wrap("! " + warning, width: width, indent: indent) }
            }
        }
        if !hidden.isEmpty {
            lines.append("")
            lines += PlainText.wrap("Hidden (not for you): " + hidden.map(\.label).joined(separator: ", "), width: width)
        }
        return lines.joined(separator: "\n")
    }
}
