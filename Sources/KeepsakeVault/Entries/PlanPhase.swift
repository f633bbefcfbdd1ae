/// The phases of a personalized safety plan, in the order advocates go through them. A step
/// written before phases existed (schema 1 and 2, with only a `PlanCategory`) is placed in one
/// when it is read (`PlanTemplate.phase(of:)`); nothing stored is rewritten.
public enum PlanPhase: String, Codable, CaseIterable, Sendable {
    case duringIncident, preparingToLeave, dayOfLeaving, homeAfterLeaving, protectionOrder
    case workAndPublic, technology, childrenAndPets, alcoholOrDrugs, emotionalHealth, importantNumbers

    /// Plain words for a person.
    public var label: String {
        switch self {
        case .duringIncident: return "If there is an incident"
        case .preparingToLeave: return "Getting ready to leave"
        case .dayOfLeaving: return "The day you leave"
        case .homeAfterLeaving: return "Safety at home after leaving"
        case .protectionOrder: return "With a protection order"
        case .workAndPublic: return "At work, school and in public"
        case .technology: return "Phones, computers and accounts"
        case .childrenAndPets: return "Children and pets"
        case .alcoholOrDrugs: return "Alcohol or drugs"
        case .emotionalHealth: return "Looking after how you feel"
        case .importantNumbers: return "Important numbers"
        }
    }

    /// The category written with a step of this phase, so a step keeps the `category` every
    /// earlier reader needs.
    public var category: PlanCategory {
        switch self {
        case .duringIncident, .dayOfLeaving: return .safePlace
        case .preparingToLeave: return .goBag
        case .homeAfterLeaving, .workAndPublic, .alcoholOrDrugs, .emotionalHealth: return .afterLeaving
        case .protectionOrder: return .legal
        case .technology: return .technology
        case .childrenAndPets: return .childrenAndPets
        case .importantNumbers: return .people
        }
    }
}

extension PlanCategory {
    /// The phase a step of this category belongs to when nothing more precise is known.
    public var phase: PlanPhase {
        switch self {
        case .safePlace, .people, .money, .documents, .goBag: return .preparingToLeave
        case .childrenAndPets: return .childrenAndPets
        case .technology: return .technology
        case .legal: return .protectionOrder
        case .afterLeaving: return .homeAfterLeaving
        }
    }
}
