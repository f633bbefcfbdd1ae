import Foundation

/// The categories of the first safety-plan template (schemas 1 and 2); every step still
/// carries one, and `PlanPhase` groups them.
public enum PlanCategory: String, Codable, CaseIterable, Sendable {
    case safePlace, people, money, documents, goBag, childrenAndPets, technology, legal, afterLeaving

    /// Plain words for a person.
    public var label: String {
        switch self {
        case .safePlace: return "A safe place to go"
        case .people: return "People who know and will help"
        case .money: return "Money and accounts"
        case .documents: return "Documents"
        case .goBag: return "A go-bag"
        case .childrenAndPets: return "Children and pets"
        case .technology: return "Technology safety"
        case .legal: return "Legal steps"
        case .afterLeaving: return "After leaving"
        }
    }
}

/// One step of the exit plan.
public struct PlanItem: Codable, Equatable, Sendable {
    /// Whether it is still to do.
    public enum Status: String, Codable, Sendable { case open, done }

    /// Which part of the plan it belongs to.
    public var category: PlanCategory
    /// The step, in a few words.
    public var title: String
    /// Anything more.
    public var notes: String?
    /// Open or done.
    public var status: Status
    /// When it should be done by, if the owner set a date.
    public var due: Date?
    /// When it was marked done.
    public var doneAt: Date?
    /// The phase it belongs to (schema 3); nil in older steps, placed by
    /// `PlanTemplate.phase(of:)` when read.
    public var phase: PlanPhase?
    /// The template step it came from (schema 3), so its question and warning can be found.
    public var key: String?
    /// The owner's own answer, exactly as typed (schema 3): a code word, a room, a name.
    public var answer: String?
    /// The id of a contact in the vault chosen as the answer (schema 3).
    public var answerContact: String?
    /// Set only on the record that hides a whole phase (schema 3): the phase the owner said
    /// does not apply. Retracting this record shows the phase again.
    public var hidesPhase: PlanPhase?

    /// Makes a plan step.
    public init(
        category: PlanCategory, title: String, notes: String? = nil, status: Status = .open,
        due: Date? = nil, doneAt: Date? = nil, phase: PlanPhase? = nil, key: String? = nil,
        answer: String? = nil, answerContact: String? = nil, hidesPhase: PlanPhase? = nil
    ) {
        self.category = category
        self.title = title
        self.notes = notes
        self.status = status
        self.due = due
        self.doneAt = doneAt
        self.phase = phase
        self.key = key
        self.answer = answer
        self.answerContact = answerContact
        self.hidesPhase = hidesPhase
    }

    /// Whether the step holds an answer (text or a contact).
    public var isAnswered: Bool { answer != nil || answerContact != nil }
}

/// Someone the owner trusts, or a service.
public struct Contact: Codable, Equatable, Sendable {
    /// What they are to the owner.
    public enum Role: String, Codable, CaseIterable, Sendable {
        case advocate, lawyer, friend, family, hotline, shelter, doctor, police, other
    }

    /// Name (or what the owner calls them).
    public var name: String
    /// Their role.
    public var role: Role
    /// Phone number.
    public var phone: String?
    /// Email address.
    public var email: String?
    /// Address.
    public var address: String?
    /// Anything more.
    public var notes: String?
    /// When and how it is safe to contact them ("texts only, weekdays before 3 pm").
    public var safeContact: String?
    /// Whether they know what is happening (schema 3): `true`, `false`, or nil when not said.
    public var knows: Bool?

    /// Makes a contact.
    public init(
        name: String, role: Role, phone: String? = nil, email: String? = nil,
        address: String? = nil, notes: String? = nil, safeContact: String? = nil, knows: Bool? = nil
    ) {
        self.name = name
        self.role = role
        self.phone = phone
        self.email = email
        self.address = address
        self.notes = notes
        self.safeContact = safeContact
        self.knows = knows
    }
}
