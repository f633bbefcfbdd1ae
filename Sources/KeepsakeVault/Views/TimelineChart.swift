import Foundation

extension Timeline {
    /// The trend in one plain sentence with its numbers, or nil when there is too little to
    /// say anything.
    public var trendSentence: String? {
        guard let trend else { return nil }
        let span = Self.count(trend.periods, period.rawValue, bare: trend.periods == 1)
        let counts = "\(trend.last) in the last \(span), against \(trend.first) in the first \(span)"
        switch trend.direction {
        case .moreFrequent: return "More frequent lately: \(counts)."
        case .aboutTheSame: return "About the same over time: \(counts)."
        case .lessFrequent: return "Less frequent lately: \(counts) (this counts only what was written down)."
        }
    }

    /// A plain-text chart, one line per period: its label, a bar of `#` scaled to the busiest
    /// period, the count, `!` when an incident had a high-risk sign and `*` when injuries were
    /// written down; then a legend, the totals and the trend.
    /// - Parameter width: the widest a line of bars may be (at least 10 characters of bar).
    public func render(width: Int = 72) -> String {
        guard !buckets.isEmpty else { return "No incidents to show yet." }
        let labels = buckets.map(rowLabel)
        let labelWidth = labels.map(\.count).max() ?? 0
        let busiest = buckets.map(\.count).max() ?? 0
        let countWidth = String(busiest).count
        let barWidth = max(10, width - labelWidth - countWidth - 8)
        var lines = [period == .week ? "Incidents by week (weeks start on Monday)" : "Incidents by month"]
        for (bucket, label) in zip(buckets, labels) {
            let length = bucket.count == 0 || busiest == 0
                ? 0 : max(1, Int((Double(bucket.count) * Double(barWidth) / Double(busiest)).rounded()))
            let bar = String(repeating: "#", count: length) + String(repeating: " ", count: barWidth - length)
            let count = String(repeating: " ", count: countWidth - String(bucket.count).count) + String(bucket.count)
            var line = Self.padded(label, labelWidth) + "  " + bar + "  " + count
            if bucket.highRisk > 0 { line += " !" }
            if bucket.injuries > 0 { line += " *" }
            lines.append(Self.trimmed(line))
        }
        lines.append("Legend: # incidents (longest bar: \(busiest)), ! a high-risk sign, * injuries written down")
        lines.append(totalsSentence)
        if let kinds = kindsSentence { lines.append(kinds) }
        if let trend = trendSentence { lines.append(trend) }
        return lines.joined(separator: "\n")
    }

    /// "12 incidents over 10 weeks; 3 with a high-risk sign (…); 2 with injuries written down."
    var totalsSentence: String {
        var text = "Total: \(Self.count(totals.count, "incident")) over \(Self.count(buckets.count, period.rawValue))"
        if totals.highRisk > 0 {
            let signs = HighRiskSign.allCases.compactMap { sign in
                totals.highRiskSigns[sign].map { "\(sign.label) \($0)" }
            }
            text += "; \(totals.highRisk) with a high-risk sign (\(signs.joined(separator: ", ")))"
        }
        if totals.injuries > 0 { text += "; \(totals.injuries) with injuries written down" }
        return text + "."
    }

    /// "Kinds of harm: physical 5, verbal 7." or nil when no kinds were given.
    var kindsSentence: String? {
        let kinds = HarmKind.allCases.compactMap { kind in totals.kinds[kind].map { "\(kind.rawValue) \($0)" } }
        return kinds.isEmpty ? nil : "Kinds of harm: \(kinds.joined(separator: ", "))."
    }

    /// "2026-W09  23 Feb 2026" for a week, "Mar 2026" for a month.
    private func rowLabel(_ bucket: Bucket) -> String {
        guard period == .week else { return bucket.label }
        let calendar = LocalCalendar(timeZone: timeZone)
        let day = calendar.day(of: bucket.start)
        let month = HumanDate.monthNames[day.month - 1].prefix(3)
        let dayText = (day.day < 10 ? " " : "") + "\(day.day) \(month) \(day.year)"
        return "\(bucket.label)  \(dayText)"
    }

    /// "1 incident", "3 weeks"; with `bare`, "week" for one.
    static func count(_ value: Int, _ noun: String, bare: Bool = false) -> String {
        if bare { return noun }
        return "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
