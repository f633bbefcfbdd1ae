/// What was used to choke or strangle (forensic documentation asks it).
public enum StrangulationMeans: String, Codable, CaseIterable, Sendable {
    case hands, arm, object, ligature

    /// Plain words for a person.
    public var label: String {
        switch self {
        case .hands: return "hands"
        case .arm: return "an arm (a chokehold)"
        case .object: return "an object pressed on the neck"
        case .ligature: return "a cord, belt, scarf or other ligature"
        }
    }
}

/// The follow-up answers on choking or strangulation, asked only when that high-risk sign is
/// set (yes or not sure): the questions forensic nurses and petitions ask, because the signs
/// of strangulation are often invisible and fade (entry schema 4). Every field is optional;
/// a yes/no is `YesNoAnswer` (yes, no, not sure), never coerced; how long and how many times
/// are kept in the owner's words ("about 10 seconds", "I don't know", "3 or 4").
public struct StrangulationDetails: Codable, Equatable, Sendable {
    /// How long it lasted, in words (seconds or minutes, or "don't know").
    public var howLong: String?
    /// How many times, in words.
    public var times: String?
    /// Whether they could breathe.
    public var couldBreathe: YesNoAnswer?
    /// Whether they could speak.
    public var couldSpeak: YesNoAnswer?
    /// Whether they blacked out or lost consciousness.
    public var lostConsciousness: YesNoAnswer?
    /// Whether their voice changed afterwards (hoarse, lost).
    public var voiceChanged: YesNoAnswer?
    /// Whether swallowing was hard or painful afterwards.
    public var troubleSwallowing: YesNoAnswer?
    /// Whether they lost control of bladder or bowels.
    public var lostBladderOrBowelControl: YesNoAnswer?
    /// What was used (empty when not answered).
    public var means: [StrangulationMeans]?
    /// Marks or injuries seen (on the neck, the eyes, the face), in words.
    public var marks: String?

    /// Makes the follow-up answers; all optional.
    public init(
        howLong: String? = nil, times: String? = nil, couldBreathe: YesNoAnswer? = nil, couldSpeak: YesNoAnswer? = nil,
        lostConsciousness: YesNoAnswer? = nil, voiceChanged: YesNoAnswer? = nil, troubleSwallowing: YesNoAnswer? = nil,
        lostBladderOrBowelControl: YesNoAnswer? = nil, means: [StrangulationMeans]? = nil, marks: String? = nil
    ) {
        self.howLong = howLong
        self.times = times
        self.couldBreathe = couldBreathe
        self.couldSpeak = couldSpeak
        self.lostConsciousness = lostConsciousness
        self.voiceChanged = voiceChanged
        self.troubleSwallowing = troubleSwallowing
        self.lostBladderOrBowelControl = lostBladderOrBowelControl
        self.means = means
        self.marks = marks
    }

    /// True when nothing was answered (then the incident keeps no details at all).
    public var isEmpty: Bool { self == StrangulationDetails() }

    /// The answers as label and words, in the order asked; unanswered ones left out.
    public var lines: [(label: String, value: String)] {
        let rows: [(String, String?)] = [
            ("How long", howLong),
            ("How many times", times),
            ("Could breathe", couldBreathe?.label),
            ("Could speak", couldSpeak?.label),
            ("Blacked out or lost consciousness", lostConsciousness?.label),
            ("Voice changed afterwards", voiceChanged?.label),
            ("Trouble swallowing afterwards", troubleSwallowing?.label),
            ("Lost bladder or bowel control", lostBladderOrBowelControl?.label),
            ("What was used", means.flatMap { $0.isEmpty ? nil : $0.map(\.label).joined(separator: "; ") }),
            ("Marks or injuries seen", marks),
        ]
        return rows.compactMap { label, value in value.map { (label: label, value: $0) } }
    }
}
