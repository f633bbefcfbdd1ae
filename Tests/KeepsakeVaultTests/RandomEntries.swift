import Foundation
import KeepsakeTestSupport
@testable import KeepsakeVault

/// Random entries of every kind for the codec's differential tests: every optional field set
/// or not, strings of awkward Unicode, dates on and around the boundaries that matter to the
/// ISO 8601 code. Deterministic for a seed.
struct RandomEntries {
    var generator: SeededGenerator
    /// When false, every date is a whole second inside `ISO8601Seconds`' limits (what the fast
    /// codec handles); when true, some are fractional or out of them (what it leaves to
    /// Foundation).
    var awkwardDates: Bool

    init(seed: UInt64, awkwardDates: Bool = false) {
        generator = SeededGenerator(seed: seed)
        self.awkwardDates = awkwardDates
    }

    /// Scalars that JSON escaping or Unicode treats specially, and some that are just far
    /// from ASCII.
    static let awkward: [Unicode.Scalar] = [
        "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", "\u{1B}", "\u{1F}",
        "\u{7F}", "\u{80}", "\u{A0}", "é", "\u{301}", "\u{308}", "\u{200D}", "\u{2028}", "\u{2029}", "\u{FEFF}",
        "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{E000}", "\u{212A}", "\u{1F600}", "\u{1F469}", "\u{1F3FD}",
        "\u{10FFFF}", "中", "ß", "İ", "ﬁ", "\u{0627}", "\u{05D0}", "{", "}", "[", "]", ":", ",", "u",
    ]

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &generator) < percent }

    mutating func scalar() -> Unicode.Scalar {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0...3: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &generator))
        case 4...6: return Self.awkward.randomElement(using: &generator)!
        case 7: return Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator))
        default:
            // Anything but a surrogate.
            while true {
                let value = UInt32.random(in: 0x80...0x10FFFF, using: &generator)
                if let scalar = Unicode.Scalar(value) { return scalar }
            }
        }
    }

    mutating func string() -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...(chance(10) ? 300 : 24), using: &generator) { text.append(scalar()) }
        return String(text)
    }

    mutating func optionalString() -> String? { chance(50) ? string() : nil }

    mutating func strings() -> [String] { (0..<Int.random(in: 0...3, using: &generator)).map { _ in string() } }

    mutating func some<T: CaseIterable>(_ type: T.Type) -> [T] {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in T.allCases.randomElement(using: &generator)! }
    }

    /// Whole seconds (including the first and last of the limits, leap days, year ends),
    /// and with `awkwardDates` sometimes a fraction, a Julian date or a year past 9999.
    mutating func date() -> Date {
        let range = ISO8601Seconds.range
        let day = 86_400
        let edges = [
            range.lowerBound, range.upperBound, 0, -1, 951_782_400 /* 2000-02-29 */, 1_709_164_800 /* 2024-02-29 */,
            ISO8601Seconds.secondsSince1970(year: 1600, month: 2, day: 29),
            ISO8601Seconds.secondsSince1970(year: 1900, month: 3, day: 1) - 1,
            ISO8601Seconds.secondsSince1970(year: 2100, month: 3, day: 1) - 1,
            ISO8601Seconds.secondsSince1970(year: 9999, month: 12, day: 31),
        ]
        if awkwardDates, chance(20) {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return Date(timeIntervalSince1970: Double(Int.random(in: range, using: &generator)) + 0.5)
            case 1: return Date(timeIntervalSince1970: Double(range.lowerBound - Int.random(in: 1...(400 * 365 * day), using: &generator)))
            case 2: return Date(timeIntervalSince1970: Double(range.upperBound + Int.random(in: 1...(10 * day), using: &generator)))
            default: return Date(timeIntervalSince1970: Double.random(in: -1e10...1e10, using: &generator))
            }
        }
        let seconds = chance(30)
            ? edges.randomElement(using: &generator)! + Int.random(in: -1...1, using: &generator) * (chance(50) ? 1 : day)
            : Int.random(in: range, using: &generator)
        return Date(timeIntervalSince1970: Double(min(max(seconds, range.lowerBound), range.upperBound)))
    }

    mutating func optionalDate() -> Date? { chance(50) ? date() : nil }

    mutating func id() -> EntryID {
        let digits = Array("0123456789abcdef")
        return try! EntryID(String((0..<16).map { _ in digits.randomElement(using: &generator)! }))
    }

    mutating func incident() -> Incident {
        Incident(
            occurred: chance(70) ? Occurrence(start: date(), end: optionalDate(), approximate: chance(50), note: optionalString()) : nil,
            duration: optionalString(), location: optionalString(), people: strings(), witnesses: strings(),
            childrenPresent: chance(50) ? YesNoAnswer.allCases.randomElement(using: &generator) : nil, childrenHarmed: optionalString(), kinds: some(HarmKind.self),
            account: string(), quotes: strings(), feelings: optionalString(), injuries: optionalString(),
            injuryLocations: strings(), weapons: optionalString(), highRisk: some(HighRiskSign.self),
            unsureSigns: chance(30) ? some(HighRiskSign.self) : nil, medicalCare: optionalString(),
            police: chance(50) ? PoliceReport(involved: chance(50), officer: optionalString(), reportNumber: optionalString()) : nil,
            technology: optionalString(), strangulation: chance(30) ? strangulation() : nil,
            arrestMade: chance(40) ? YesNoAnswer.allCases.randomElement(using: &generator) : nil)
    }

    /// Schema 4's follow-ups, each answer present or not.
    mutating func strangulation() -> StrangulationDetails {
        func answer(_ r: inout RandomEntries) -> YesNoAnswer? {
            r.chance(60) ? YesNoAnswer.allCases.randomElement(using: &r.generator) : nil
        }
        return StrangulationDetails(
            howLong: optionalString(), times: optionalString(), couldBreathe: answer(&self), couldSpeak: answer(&self),
            lostConsciousness: answer(&self), voiceChanged: answer(&self), troubleSwallowing: answer(&self),
            lostBladderOrBowelControl: answer(&self), means: chance(50) ? some(StrangulationMeans.self) : nil,
            marks: optionalString())
    }

    mutating func planItem() -> PlanItem {
        PlanItem(
            category: PlanCategory.allCases.randomElement(using: &generator)!, title: string(), notes: optionalString(),
            status: chance(50) ? .open : .done, due: optionalDate(), doneAt: optionalDate(),
            phase: chance(50) ? PlanPhase.allCases.randomElement(using: &generator)! : nil, key: optionalString(),
            answer: optionalString(), answerContact: optionalString(),
            hidesPhase: chance(20) ? PlanPhase.allCases.randomElement(using: &generator)! : nil)
    }

    mutating func contact() -> Contact {
        Contact(
            name: string(), role: Contact.Role.allCases.randomElement(using: &generator)!, phone: optionalString(),
            email: optionalString(), address: optionalString(), notes: optionalString(), safeContact: optionalString(),
            knows: chance(30) ? chance(50) : nil)
    }

    mutating func attachment() -> AttachmentReference {
        let sizes: [UInt64] = [0, 1, 9, 10, UInt64(Int.max), UInt64.max, UInt64.max - 1, 1 << 53, (1 << 53) + 1]
        return AttachmentReference(
            blob: chance(80) ? String((0..<32).map { _ in "0123456789abcdef".randomElement(using: &generator)! }) : string(),
            key: string(), sha256: string(),
            size: chance(30) ? sizes.randomElement(using: &generator)! : UInt64.random(in: 0...UInt64.max, using: &generator),
            mediaType: string(), fileName: string(), caption: optionalString())
    }

    mutating func cycle() -> CycleMoment {
        CycleMoment(
            kind: CycleMoment.Kind.allCases.randomElement(using: &generator)!, said: string(),
            occurred: chance(60) ? Occurrence(start: date(), end: optionalDate(), approximate: chance(50), note: optionalString()) : nil,
            incident: chance(40) ? id() : nil,
            outcome: chance(50) ? CycleMoment.Outcome.allCases.randomElement(using: &generator) : nil,
            outcomeOn: optionalDate())
    }

    mutating func checkIn() -> BondCheckIn {
        BondCheckIn(
            replies: (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                BondCheckIn.Reply(
                    sign: BondCheckIn.Sign.allCases.randomElement(using: &generator)!,
                    answer: BondCheckIn.Answer.allCases.randomElement(using: &generator)!)
            },
            note: optionalString())
    }

    mutating func profile() -> Profile {
        Profile(
            owner: optionalString(),
            respondent: chance(70)
                ? Respondent(
                    name: optionalString(), relationship: chance(50) ? Respondent.Relationship.allCases.randomElement(using: &generator) : nil,
                    relationshipNote: optionalString(), age: optionalString(), details: optionalString())
                : nil,
            children: (0..<Int.random(in: 0...3, using: &generator)).map { _ in Child(name: string(), age: optionalString()) },
            firearms: chance(70)
                ? Firearms(
                    answer: Firearms.Answer.allCases.randomElement(using: &generator)!, kind: optionalString(),
                    count: optionalString(), kept: optionalString())
                : nil,
            pets: chance(70) ? Pets(have: chance(50) ? chance(50) : nil, who: optionalString(), harm: optionalString()) : nil)
    }

    mutating func journal() -> JournalEntry {
        var entry = JournalEntry(text: string())
        entry.tags = strings()  // as read, not tidied: the codec must keep them exactly
        return entry
    }

    /// An entry of a random kind, with the content that kind carries, and now and then
    /// content it doesn't (the codec must not care).
    mutating func entry() -> Entry {
        let kind = [EntryKind.incident, .planItem, .contact, .attachment, .revision, .retraction, .draft, .cycle, .checkIn, .profile, .journal, .boundary, .letter]
            .randomElement(using: &generator)!
        let creates: Set<EntryKind> = [.incident, .planItem, .contact, .draft, .cycle, .checkIn, .profile, .journal, .boundary, .letter]
        var entry = Entry(kind: kind, id: id(), target: creates.contains(kind) ? nil : id())
        switch kind {
        case .incident, .draft: entry.incident = incident()
        case .planItem: entry.planItem = planItem()
        case .contact: entry.contact = contact()
        case .cycle: entry.cycle = cycle()
        case .checkIn: entry.checkIn = checkIn()
        case .profile: entry.profile = profile()
        case .journal: entry.journal = journal()
        case .boundary: entry.boundary = Boundary(text: string())
        case .letter: entry.letter = LetterToSelf(text: string())
        case .attachment: entry.attachment = attachment()
        case .revision:
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: entry.incident = incident()
            case 1: entry.planItem = planItem()
            case 2: entry.cycle = cycle()
            case 3: entry.profile = profile()
            case 4: entry.journal = journal()
            case 5: entry.boundary = Boundary(text: string())
            case 6: entry.letter = LetterToSelf(text: string())
            default: entry.contact = contact()
            }
        case .retraction: entry.reason = optionalString()
        }
        if chance(5) { entry.incident = incident() }
        if chance(5) { entry.planItem = planItem() }
        if chance(5) { entry.contact = contact() }
        if chance(5) { entry.attachment = attachment() }
        if chance(5) { entry.cycle = cycle() }
        if chance(5) { entry.checkIn = checkIn() }
        if chance(5) { entry.profile = profile() }
        if chance(5) { entry.journal = journal() }
        if chance(5) { entry.boundary = Boundary(text: string()) }
        if chance(5) { entry.letter = LetterToSelf(text: string()) }
        if chance(5) { entry.reason = optionalString() }
        if chance(5) { entry.target = nil }
        if chance(5) { entry.schema = 0 }
        return entry
    }
}
