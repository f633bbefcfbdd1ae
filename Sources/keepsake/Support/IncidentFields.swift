import ArgumentParser
import Foundation
import KeepsakeVault

/// The incident flags shared by `log` and `amend`. A flag that is not given leaves the field
/// as it was (empty for a new incident).
struct IncidentFields: ParsableArguments {
    @Option(help: ArgumentHelp("When it happened: \"today 21:30\", \"yesterday evening\", \"2026-03-02 9pm\", \"early November\", \"last weekend\".", valueName: "when"))
    var when: String?
    @Option(help: "How long it lasted (\"about 20 minutes\").") var duration: String?
    @Option(name: .customLong("where"), help: "Where it happened, down to the room.") var place: String?
    @Option(name: .customLong("who"), help: "Someone who was there (repeat for each).") var people: [String] = []
    @Option(help: "Someone who saw or heard it (repeat for each).") var witness: [String] = []
    @Flag(help: "Children were present.") var childrenPresent = false
    @Option(help: "How children were hurt or threatened.") var childrenHarmed: String?
    @Option(help: ArgumentHelp("Kind of harm (repeat): \(HarmKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: [HarmKind] = []
    @Option(help: "What happened, in your own words.") var text: String?
    @Option(help: "Exact words that were said (repeat for each).") var quote: [String] = []
    @Option(help: "How you felt (for example: afraid).") var felt: String?
    @Option(help: "Injuries, in words.") var injuries: String?
    @Option(help: "Where on the body (repeat for each).") var injuryLocation: [String] = []
    @Option(help: "Weapons or objects used.") var weapons: String?
    @Option(help: ArgumentHelp("A high-risk sign (repeat): \(HighRiskSign.allCases.map(\.argumentName).joined(separator: ", ")).", valueName: "sign"))
    var highRisk: [HighRiskSign] = []
    @Option(help: "Medical care sought or received.") var medical: String?
    @Flag(help: "The police were involved.") var police = false
    @Option(help: "The police officer's name or number.") var officer: String?
    @Option(help: "The police report or case number.") var reportNumber: String?
    @Option(name: .customLong("arrest-made"), help: ArgumentHelp("Whether anyone was arrested: yes, no or not-sure.", valueName: "answer"))
    var arrestMade: YesNoAnswer?
    @Option(help: "Technology involved (messages, tracking, accounts).") var technology: String?

    /// Whether any field flag was given (then no questions are asked).
    var anyGiven: Bool {
        when != nil || duration != nil || place != nil || !people.isEmpty || !witness.isEmpty || childrenPresent
            || childrenHarmed != nil || !kind.isEmpty || text != nil || !quote.isEmpty || felt != nil
            || injuries != nil || !injuryLocation.isEmpty || weapons != nil || !highRisk.isEmpty || medical != nil
            || police || officer != nil || reportNumber != nil || technology != nil || arrestMade != nil
    }

    /// Writes the given flags over `incident`.
    /// - Throws: `CLIError.usage` when `--when` can't be understood.
    func apply(to incident: inout Incident, now: Date = Date()) throws {
        if let when { incident.occurred = try parseWhen(when, now: now) }
        if let duration { incident.duration = duration }
        if let place { incident.location = place }
        if !people.isEmpty { incident.people = people }
        if !witness.isEmpty { incident.witnesses = witness }
        if childrenPresent { incident.childrenPresent = .yes }
        if let childrenHarmed { incident.childrenHarmed = childrenHarmed }
        if !kind.isEmpty { incident.kinds = kind }
        if let text { incident.account = text }
        if !quote.isEmpty { incident.quotes = quote }
        if let felt { incident.feelings = felt }
        if let injuries { incident.injuries = injuries }
        if !injuryLocation.isEmpty { incident.injuryLocations = injuryLocation }
        if let weapons { incident.weapons = weapons }
        if !highRisk.isEmpty { incident.highRisk = highRisk }
        if let medical { incident.medicalCare = medical }
        if police || officer != nil || reportNumber != nil {
            var report = incident.police ?? PoliceReport(involved: true)
            report.involved = true
            if let officer { report.officer = officer }
            if let reportNumber { report.reportNumber = reportNumber }
            incident.police = report
        }
        if let technology { incident.technology = technology }
        if let arrestMade { incident.arrestMade = arrestMade }
    }
}

/// Parses what the owner typed for "when", with a one-line error that shows examples.
func parseWhen(_ text: String, now: Date = Date()) throws -> Occurrence {
    do { return try HumanDate.parse(text, now: now, timeZone: .current) } catch {
        throw CLIError.usage("\(error)")
    }
}

extension HarmKind: ExpressibleByArgument {}

extension YesNoAnswer: ExpressibleByArgument {
    public init?(argument: String) {
        guard let answer = YesNoWords.parse(argument.replacingOccurrences(of: "-", with: " ")) else { return nil }
        self = answer
    }

    public static var allValueStrings: [String] { ["yes", "no", "not-sure"] }
}

