/// How far along the plan is: done and total per category and overall, and a checklist to
/// print.
public struct PlanProgress: Equatable, Sendable {
    /// One step, with the short id a command can name it by, if it has one.
    public struct Step: Equatable, Sendable {
        /// The short id shown before the title ("3fa2c1d"), or nil.
        public var tag: String?
        /// The step.
        public var item: PlanItem
    }

    /// The steps of one category, in the order given.
    public struct Section: Equatable, Sendable {
        /// The category.
        public var category: PlanCategory
        /// Its steps.
        public var steps: [Step]
        /// Steps done.
        public var done: Int { steps.filter { $0.item.status == .done }.count }
        /// Steps in all.
        public var total: Int { steps.count }
    }

    /// Categories that have steps, in the plan's order.
    public let sections: [Section]

    /// Progress over plan steps as given.
    public init(items: [PlanItem]) {
        self.init(steps: items.map { Step(tag: nil, item: $0) })
    }

    /// Progress over the vault's plan steps that are not retracted, each tagged with its
    /// short id.
    public init(vaultItems: [Item]) {
        self.init(steps: vaultItems.compactMap { item in
            guard !item.isRetracted, let step = item.current.planItem else { return nil }
            return Step(tag: item.id.short, item: step)
        })
    }

    /// Progress over tagged steps.
    public init(steps: [Step]) {
        sections = PlanCategory.allCases.compactMap { category in
            let matching = steps.filter { $0.item.category == category }
            return matching.isEmpty ? nil : Section(category: category, steps: matching)
        }
    }

    /// Steps done overall.
    public var done: Int { sections.reduce(0) { $0 + $1.done } }
    /// Steps overall.
    public var total: Int { sections.reduce(0) { $0 + $1.total } }
    /// Whole percent done, rounded down (100 only when every step is done; 0 with no steps).
    public var percent: Int { total == 0 ? 0 : done * 100 / total }

    /// Done and total for one category (zero and zero when it has no steps).
    public func progress(of category: PlanCategory) -> (done: Int, total: Int) {
        guard let section = sections.first(where: { $0.category == category }) else { return (0, 0) }
        return (section.done, section.total)
    }

    /// The checklist: an overall line, then each category with a "2 of 4 done" line and its
    /// steps as `[x]` done or `[ ]` still to do, a long step folded under itself to `width`.
    public func render(width: Int = 80) -> String {
        guard total > 0 else { return "No plan steps yet." }
        var lines = ["Exit plan: \(done) of \(total) done (\(percent)%)"]
        for section in sections {
            lines.append("")
            lines.append("\(section.category.label)  \(section.done) of \(section.total) done")
            for step in section.steps {
                let box = step.item.status == .done ? "[x]" : "[ ]"
                let tag = step.tag.map { "\($0)  " } ?? ""
                let lead = "  \(box) \(tag)"
                let folded = PlainText.wrap(step.item.title, width: width, indent: String(repeating: " ", count: lead.count))
                lines.append(lead + folded[0].dropFirst(lead.count))
                lines += folded.dropFirst()
            }
        }
        return lines.joined(separator: "\n")
    }
}
