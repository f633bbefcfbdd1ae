import Foundation

/// When something happened: an exact time, a range, or an approximate time tied to an event
/// when the owner is unsure. Courts accept "about" when it is honest.
public struct Occurrence: Codable, Equatable, Sendable {
    /// The start (or the exact moment).
    public var start: Date
    /// The end, for a range ("between 9 and 11 pm").
    public var end: Date?
    /// True when the time is approximate.
    public var approximate: Bool
    /// Words that place it when the clock can't: "the night of my sister's wedding".
    public var note: String?

    /// Makes an occurrence.
    public init(start: Date, end: Date? = nil, approximate: Bool = false, note: String? = nil) {
        self.start = start
        self.end = end
        self.approximate = approximate
        self.note = note
    }
}

/// The kinds of harm advocates and courts ask about.
public enum HarmKind: String, Codable, CaseIterable, Sendable {
    case physical, verbal, emotional, threats, sexual, financial, stalking, technology, property,
        children, other

    /// Plain words for a person.
    public var label: String {
        switch self {
        case .physical: return "physical"
        case .verbal: return "verbal (insults, shouting)"
        case .emotional: return "emotional (control, humiliation, isolation)"
        case .threats: return "threats"
        case .sexual: return "sexual"
        case .financial: return "financial (money, work, documents)"
        case .stalking: return "stalking or monitoring"
        case .technology: return "technology (phone, accounts, tracking)"
        case .property: return "damage to property or pets"
        case .children: return "involving the children"
        case .other: return "other"
        }
    }
}

/// Signs that predict the most serious danger (the ones danger assessments ask about); a
/// report shows them first. The last four came with entry schema 2.
public enum HighRiskSign: String, Codable, CaseIterable, Sendable {
    case strangulation, weapon, threatToKill, suicideThreat, forcedSex, gunAccess, recentSeparation

    /// Plain words for a person.
    public var label: String {
        switch self {
        case .strangulation: return "choking or strangulation"
        case .weapon: return "a weapon used or shown"
        case .threatToKill: return "a threat to kill"
        case .suicideThreat: return "a threat of suicide"
        case .forcedSex: return "forced sex"
        case .gunAccess: return "access to a gun"
        case .recentSeparation: return "a recent separation"
        }
    }
}

/// Police involvement.
public struct PoliceReport: Codable, Equatable, Sendable {
    /// Whether the police were called or came.
    public var involved: Bool
    /// The officer's name or badge number.
    public var officer: String?
    /// The report or case number.
    public var reportNumber: String?

    /// Makes a record of police involvement.
    public init(involved: Bool, officer: String? = nil, reportNumber: String? = nil) {
        self.involved = involved
        self.officer = officer
        self.reportNumber = reportNumber
    }
}

/// One incident, in the owner's words, with every field a protective-order petition asks for.
/// When it was written down is not a field: the store stamps every entry with the device
/// clock at the moment it is saved.
public struct Incident: Codable, Equatable, Sendable {
    /// When it happened.
    public var occurred: Occurrence?
    /// How long it lasted, in words ("about 20 minutes").
    public var duration: String?
    /// Where, down to the room.
    public var location: String?
    /// Who was there (besides the owner and the person who harmed them).
    public var people: [String]
    /// Who saw or heard it.
    public var witnesses: [String]
    /// Whether children were present (yes, no or not sure; nil when not answered).
    public var childrenPresent: YesNoAnswer?
    /// Whether children were hurt or threatened, in words.
    public var childrenHarmed: String?
    /// The kinds of harm.
    public var kinds: [HarmKind]
    /// What happened, in the owner's own words.
    public var account: String
    /// The exact words said, each kept apart and quoted.
    public var quotes: [String]
    /// How the owner felt (fear is what petitions ask about).
    public var feelings: String?
    /// Injuries, in words.
    public var injuries: String?
    /// Where on the body.
    public var injuryLocations: [String]
    /// Weapons or objects used.
    public var weapons: String?
    /// High-risk signs.
    public var highRisk: [HighRiskSign]
    /// High-risk signs the owner answered "not sure" about (schema 2; nil when none).
    public var unsureSigns: [HighRiskSign]?
    /// Medical care sought or received.
    public var medicalCare: String?
    /// Police involvement.
    public var police: PoliceReport?
    /// Technology involved (messages, tracking, accounts).
    public var technology: String?
    /// The follow-up answers on choking or strangulation, when that sign is set (schema 4;
    /// nil when none were given).
    public var strangulation: StrangulationDetails?
    /// Whether an arrest was made (yes, no or not sure; schema 4; nil when not answered).
    public var arrestMade: YesNoAnswer?

    /// Makes an incident; only the account is required, and it may be empty.
    public init(
        occurred: Occurrence? = nil, duration: String? = nil, location: String? = nil,
        people: [String] = [], witnesses: [String] = [], childrenPresent: YesNoAnswer? = nil,
        childrenHarmed: String? = nil, kinds: [HarmKind] = [], account: String = "",
        quotes: [String] = [], feelings: String? = nil, injuries: String? = nil,
        injuryLocations: [String] = [], weapons: String? = nil, highRisk: [HighRiskSign] = [],
        unsureSigns: [HighRiskSign]? = nil, medicalCare: String? = nil, police: PoliceReport? = nil, technology: String? = nil,
        strangulation: StrangulationDetails? = nil, arrestMade: YesNoAnswer? = nil
    ) {
        self.occurred = occurred
        self.duration = duration
        self.location = location
        self.people = people
        self.witnesses = witnesses
        self.childrenPresent = childrenPresent
        self.childrenHarmed = childrenHarmed
        self.kinds = kinds
        self.account = account
        self.quotes = quotes
        self.feelings = feelings
        self.injuries = injuries
        self.injuryLocations = injuryLocations
        self.weapons = weapons
        self.highRisk = highRisk
        self.unsureSigns = unsureSigns
        self.medicalCare = medicalCare
        self.police = police
        self.technology = technology
        self.strangulation = strangulation
        self.arrestMade = arrestMade
    }
}
