import Foundation
import KeepsakeVault

/// `keepsake timeline --cycle`: incidents with the apologies, promises and good days around
/// them, in sentences and a monthly chart, within 80 columns.
enum CycleView {
    static func print(_ vault: Vault, json: Bool, now: Date = Date()) throws {
        let pattern = CyclePattern(
            incidents: vault.current(.incident), moments: vault.current(.cycle), now: now, timeZone: .current)
        if json { return try JSONOutput.print(CyclePatternJSON(pattern)) }
        guard !pattern.moments.isEmpty else {
            Swift.print(TextWrap.lines(
                "No good days, apologies or promises are written down yet. `keepsake moments add` asks about one; "
                    + "then this shows them with your incidents over time.").joined(separator: "\n"))
            return
        }
        let width = min(TextWrap.width, 80)
        for sentence in pattern.sentences(timeZone: .current) {
            Swift.print(PlainText.wrap(sentence, width: width, indent: "").joined(separator: "\n"))
        }
        let chart = pattern.chart(width: width, timeZone: .current)
        if !chart.isEmpty {
            Swift.print("")
            for line in chart { Swift.print(line) }
            Swift.print("")
            Swift.print(PlainText.wrap("# an incident, + an apology or a promise, per month.", width: width, indent: "")
                .joined(separator: "\n"))
        }
    }
}

/// The cycle view in JSON.
struct CyclePatternJSON: Encodable {
    struct Calm: Encodable {
        var apology: Date
        var days: Int
        var ongoing: Bool
    }
    var incidents: Int
    var apologies: Int
    var promises: Int
    var goodDays: Int
    var calms: [Calm]
    var calmDirection: String?
    var promisesKept: Int
    var promisesBroken: Int
    var apologiesFollowedWithin30Days: Int
    var apologiesOldEnoughToTell: Int
    var apologiesTooRecent: Int

    init(_ p: CyclePattern) {
        incidents = p.incidents.count
        apologies = p.count(.apology)
        promises = p.promises
        goodDays = p.count(.goodDay)
        calms = p.calms.map { Calm(apology: $0.apology, days: $0.days, ongoing: $0.ongoing) }
        calmDirection = p.direction?.rawValue
        promisesKept = p.kept
        promisesBroken = p.broken
        apologiesFollowedWithin30Days = p.followed
        apologiesOldEnoughToTell = p.decided
        apologiesTooRecent = p.tooRecent
    }
}
