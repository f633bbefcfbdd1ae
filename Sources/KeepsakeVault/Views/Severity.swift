/// How serious an incident was, by the most serious sign written down: a threat to kill, a
/// weapon or choking above forced sex, above injuries, above physical harm, above other harm.
/// The timeline shows the most serious sign of each period, and says "more serious lately"
/// only when the latest stretch holds a more serious sign than the first one.
public struct Severity: Comparable, Equatable, Sendable {
    /// 0 nothing written down, 1 harm without physical violence (or only the owner's words, no
    /// kind chosen), 2 physical harm, 3 injuries, 4 forced sex, 5 choking, a weapon or a threat
    /// to kill.
    public let level: Int
    /// The signs at that level, each in a few words ("choking or strangulation").
    public let labels: [String]
    /// The same in one or two words each, for a chart row ("choking"); empty below level 2.
    public let shorts: [String]

    /// The signs in a sentence: "choking or strangulation, a threat to kill and a weapon".
    public var label: String {
        labels.count <= 1 ? labels.first ?? "" : labels.dropLast().joined(separator: ", ") + " and " + labels.last!
    }

    /// The short words, joined by commas.
    public var short: String { shorts.joined(separator: ", ") }

    public static func < (a: Severity, b: Severity) -> Bool { a.level < b.level }

    /// Nothing written down.
    public static let none = Severity(level: 0, labels: [], shorts: [])

    /// The most serious sign of one incident.
    public static func of(_ incident: Incident) -> Severity {
        let lethal: [(HighRiskSign, String)] = [
            (.strangulation, "choking"), (.weapon, "weapon"), (.threatToKill, "threat to kill"),
        ]
        let found = lethal.filter { incident.highRisk.contains($0.0) }
        if !found.isEmpty { return Severity(level: 5, labels: found.map(\.0.label), shorts: found.map(\.1)) }
        if incident.highRisk.contains(.forcedSex) {
            return Severity(level: 4, labels: [HighRiskSign.forcedSex.label], shorts: ["forced sex"])
        }
        if Timeline.hasInjuries(incident) { return Severity(level: 3, labels: ["injuries"], shorts: ["injuries"]) }
        if incident.kinds.contains(.physical) { return Severity(level: 2, labels: ["physical harm"], shorts: ["physical"]) }
        if !incident.kinds.isEmpty || !incident.highRisk.isEmpty {
            return Severity(level: 1, labels: ["harm without physical violence"], shorts: [])
        }
        // Only the owner's words: nothing says whether there was violence, so nothing is
        // claimed either way.
        if !incident.account.isEmpty { return Severity(level: 1, labels: ["what happened (no kind chosen)"], shorts: []) }
        return .none
    }

    /// The most serious of several: the highest level, with every sign seen at it.
    public static func most(_ severities: [Severity]) -> Severity {
        guard let top = severities.map(\.level).max(), top > 0 else { return .none }
        var labels: [String] = [], shorts: [String] = []
        for severity in severities where severity.level == top {
            for label in severity.labels where !labels.contains(label) { labels.append(label) }
            for short in severity.shorts where !shorts.contains(short) { shorts.append(short) }
        }
        return Severity(level: top, labels: labels, shorts: shorts)
    }
}
