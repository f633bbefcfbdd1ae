/// How serious an incident was, by the most serious sign written down: a threat to kill, a
/// weapon or choking above forced sex, above injuries, above physical harm, above other harm.
/// The timeline shows the most serious sign of each period, and says "more serious lately"
/// only when the latest stretch holds a more serious sign than the first one.
public struct Severity: Comparable, Equatable, Sendable {
    /// 0 nothing written down, 1 harm without physical violence, 2 physical harm, 3 injuries,
    /// 4 forced sex, 5 choking, a weapon or a threat to kill.
    public let level: Int
    /// The sign, in a few words ("choking or strangulation"); empty at level 0.
    public let label: String
    /// The sign in one or two words for a chart row ("choking"); empty below level 2.
    public let short: String

    public static func < (a: Severity, b: Severity) -> Bool { a.level < b.level }
    public static func == (a: Severity, b: Severity) -> Bool { a.level == b.level && a.label == b.label }

    /// Nothing written down.
    public static let none = Severity(level: 0, label: "", short: "")

    /// The most serious sign of one incident.
    public static func of(_ incident: Incident) -> Severity {
        let lethal: [(HighRiskSign, String)] = [
            (.strangulation, "choking"), (.weapon, "weapon"), (.threatToKill, "threat to kill"),
        ]
        let found = lethal.filter { incident.highRisk.contains($0.0) }
        if !found.isEmpty {
            return Severity(
                level: 5, label: found.map(\.0.label).joined(separator: " and "),
                short: found.map(\.1).joined(separator: ", "))
        }
        if incident.highRisk.contains(.forcedSex) {
            return Severity(level: 4, label: HighRiskSign.forcedSex.label, short: "forced sex")
        }
        if Timeline.hasInjuries(incident) { return Severity(level: 3, label: "injuries", short: "injuries") }
        if incident.kinds.contains(.physical) { return Severity(level: 2, label: "physical harm", short: "physical") }
        if !incident.kinds.isEmpty || !incident.highRisk.isEmpty || !incident.account.isEmpty {
            return Severity(level: 1, label: "harm without physical violence", short: "")
        }
        return .none
    }

    /// The most serious of several (the first named at the highest level, signs joined).
    public static func most(_ severities: [Severity]) -> Severity {
        guard let top = severities.map(\.level).max(), top > 0 else { return .none }
        let atTop = severities.filter { $0.level == top }
        var labels: [String] = [], shorts: [String] = []
        for severity in atTop {
            for label in severity.label.components(separatedBy: " and ") where !labels.contains(label) { labels.append(label) }
            for short in severity.short.components(separatedBy: ", ") where !short.isEmpty && !shorts.contains(short) {
                shorts.append(short)
            }
        }
        return Severity(level: top, label: labels.joined(separator: " and "), short: shorts.joined(separator: ", "))
    }
}
