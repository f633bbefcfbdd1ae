import Foundation

extension Timeline {
    /// The trend in one plain sentence with its numbers, or nil when there is too little to
    /// say anything.
    public var trendSentence: String? {
        guard let trend else { return nil }
        let span = trend.days % 7 == 0 && period == .week
            ? Self.count(trend.days / 7, "week", bare: trend.days == 7) : Self.count(trend.days, "day")
        let counts = "\(trend.last) in the last \(span), against \(trend.first) in the first \(span)"
        switch trend.direction {
        case .moreFrequent: return "More frequent lately: \(counts)."
        case .aboutTheSame: return "About the same over time: \(counts)."
        case .lessFrequent: return "Less frequent lately: \(counts) (this counts only what was written down)."
        }
    }

    /// "More serious lately: …", only when the latest stretch holds a more serious sign than
    /// the first one; nil otherwise (nothing is claimed from its absence).
    public var severitySentence: String? {
        guard let trend, trend.moreSerious else { return nil }
        return "More serious lately: the most serious sign went from \(trend.firstSeverity.label) "
            + "to \(trend.lastSeverity.label)."
    }

    /// A plain-text chart, one line per period: its label, a bar of `#` scaled to the busiest
    /// period, the count, `!` when an incident had a high-risk sign and `*` when injuries were
    /// written down, and the period's most serious sign; a period not over yet says "so far";
    /// then a legend, the totals and the trend, folded to `width`.
    /// - Parameter width: the widest a line may be (bars get at least 10 characters).
    public func render(width: Int = 80) -> String {
        guard !buckets.isEmpty else { return "No incidents to show yet." }
        let labels = buckets.map(rowLabel)
        let labelWidth = labels.map(\.count).max() ?? 0
        let busiest = buckets.map(\.count).max() ?? 0
        let countWidth = String(busiest).count
        let notes = buckets.map { bucket in
            [bucket.severity.short, bucket.partial ? "so far" : ""].filter { !$0.isEmpty }.joined(separator: "; ")
        }
        let noteWidth = notes.map(\.count).max().map { $0 > 0 ? $0 + 1 : 0 } ?? 0
        let barWidth = max(10, width - labelWidth - countWidth - 8 - noteWidth)
        var lines = [period == .week ? "Incidents by week (weeks start on Monday)" : "Incidents by month"]
        for ((bucket, label), note) in zip(zip(buckets, labels), notes) {
            let length = bucket.count == 0 || busiest == 0
                ? 0 : max(1, Int((Double(bucket.count) * Double(barWidth) / Double(busiest)).rounded()))
            let bar = String(repeating: "#", count: length) + String(repeating: " ", count: barWidth - length)
            let count = String(repeating: " ", count: countWidth - String(bucket.count).count) + String(bucket.count)
            var line = Self.padded(label, labelWidth) + "  " + bar + "  " + count
            line += bucket.highRisk > 0 ? " !" : "  "
            line += bucket.injuries > 0 ? " *" : "  "
            if !note.isEmpty { line += " " + note }
            lines.append(Self.trimmed(line))
        }
        let sentences = [
            "Legend: # incidents (longest bar: \(busiest)), ! a high-risk sign, * injuries written down; "
                + "then the most serious sign of the \(period.rawValue).",
            totalsSentence, kindsSentence, trendSentence, severitySentence,
        ]
        for sentence in sentences.compactMap({ $0 }) { lines += PlainText.wrap(sentence, width: width) }
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
