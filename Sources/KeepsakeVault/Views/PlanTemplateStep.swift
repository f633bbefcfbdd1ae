/// One step the safety-plan template offers: what it is, the question that asks the owner's
/// own answer ("I can use ___ as my code word"), and whether doing it could alert the person
/// who harms them.
public struct PlanTemplateStep: Equatable, Sendable {
    /// What kind of answer the step asks for.
    public enum Answer: Equatable, Sendable {
        /// No answer: a step to tick off.
        case none
        /// A few words, asked as a sentence with a blank (`___`).
        case text(String)
        /// Someone from the vault's contacts (or a few words), asked as a sentence with a blank.
        case contact(String)
    }

    /// A stable name for the step ("incident.code-word"); kept in the step when it is added.
    public let key: String
    /// The phase it belongs to.
    public let phase: PlanPhase
    /// The step, in plain, non-directive words.
    public let title: String
    /// The question that asks the owner's answer.
    public let answer: Answer
    /// Whether doing it can alert the person who harms the owner (a password change, turning
    /// off location sharing, moving money): `PlanWarning` says what to think about.
    public let alerts: Bool

    /// Makes a template step.
    public init(_ key: String, _ phase: PlanPhase, _ title: String, answer: Answer = .none, alerts: Bool = false) {
        self.key = key
        self.phase = phase
        self.title = title
        self.answer = answer
        self.alerts = alerts
    }

    /// The sentence with a blank, or nil when the step asks no answer.
    public var sentence: String? {
        switch answer {
        case .none: return nil
        case .text(let sentence), .contact(let sentence): return sentence
        }
    }

    /// The step as it is added to a plan: open, with its phase and key.
    public var item: PlanItem {
        PlanItem(category: phase.category, title: title, phase: phase, key: key)
    }
}

/// What is said beside a step that can alert the person who harms the owner.
public enum PlanWarning {
    /// The calm note shown on every such step.
    public static let note =
        "Careful: this could let them know. You could do it from a device they have never "
        + "used, or at the moment you leave, and talk it through with an advocate first."

    /// Said instead when an incident in the vault records technology, tracking or stalking.
    public static let louder =
        "Careful: your record mentions tracking or monitoring, so they may notice this "
        + "change. You could wait until you leave, use a device they have never touched, "
        + "and plan it with an advocate first."
}
