import ArgumentParser
import Foundation
import KeepsakeVault

/// `keepsake timeline`: incidents per week or month, counts by kind, high-risk signs, and a
/// plain chart that makes frequency and escalation visible.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "See your record over time: how often, what kinds, and whether it is getting worse.",
        discussion: """
            Each line is a week or a month; the bar is how many incidents you wrote down for it. \
            `!` marks a period with a high-risk sign (choking, a weapon, a threat to kill), `*` one \
            with injuries. Quiet periods are shown too: they are part of the pattern.
            """)

    enum By: String, ExpressibleByArgument, CaseIterable { case week, month }

    @Option(help: "Group by week or month (default: weeks for up to six months, else months).")
    var by: By?

    @Option(help: ArgumentHelp("Only incidents on or after this day.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only incidents on or before this day.", valueName: "date"))
    var until: String?

    @Flag(help: "Show your incidents with the apologies and promises around them: how long the calm lasts, and what became of the promises.")
    var cycle = false

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let now = Date()
            if cycle, by != nil || since != nil || until != nil {
                throw CLIError.usage("`--cycle` shows your whole record; leave out --by, --since and --until")
            }
            let from = try since.map { try parseDayOption($0, now: now) }
            let to = try until.map { try parseDayOption($0, now: now) }.map { $0.addingTimeInterval(86_400) }
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            if cycle { return try CycleView.print(opened, json: output.json, now: now) }
            let items = opened.current(.incident).filter { item in
                let when = item.current.incident?.occurred?.start ?? item.createdAt
                return (from.map { when >= $0 } ?? true) && (to.map { when < $0 } ?? true)
            }
            let period = by.map { $0 == .week ? Timeline.Period.week : .month }
            let timeline = Timeline(items: items, period: period, timeZone: .current, through: to.map { min($0.addingTimeInterval(-1), now) } ?? now)
            if output.json { return try JSONOutput.print(TimelineJSON(timeline)) }
            guard !items.isEmpty else {
                print("No incidents written down\(since != nil || until != nil ? " in that time" : "") yet.")
                return
            }
            print(TerminalText.block(timeline.render(width: min(TextWrap.width, 80))))
        }
    }
}

/// Reads a `--since`/`--until` day.
func parseDayOption(_ text: String, now: Date) throws -> Date {
    do { return try HumanDate.parseDay(text, now: now, timeZone: .current) } catch {
        throw CLIError.usage("\(error)")
    }
}

/// The timeline in JSON.
struct TimelineJSON: Encodable {
    struct Period: Encodable {
        var label: String
        var start: Date
        var incidents: Int
        var kinds: [String: Int]
        var highRisk: Int
        var injuries: Int
        var mostSerious: String
        var partial: Bool
    }
    var period: String
    var incidents: Int
    var kinds: [String: Int]
    var highRiskSigns: [String: Int]
    var trend: String?
    var severityTrend: String?
    var periods: [Period]

    init(_ timeline: Timeline) {
        period = timeline.period.rawValue
        incidents = timeline.totals.count
        kinds = Dictionary(uniqueKeysWithValues: timeline.totals.kinds.map { ($0.key.rawValue, $0.value) })
        highRiskSigns = Dictionary(uniqueKeysWithValues: timeline.totals.highRiskSigns.map { ($0.key.rawValue, $0.value) })
        trend = timeline.trendSentence
        severityTrend = timeline.severitySentence
        periods = timeline.buckets.map {
            Period(label: $0.label, start: $0.start, incidents: $0.count,
                   kinds: Dictionary(uniqueKeysWithValues: $0.kinds.map { ($0.key.rawValue, $0.value) }),
                   highRisk: $0.highRisk, injuries: $0.injuries, mostSerious: $0.severity.label, partial: $0.partial)
        }
    }
}
