import Foundation

/// The owner's standing answers, asked once by `keepsake profile` and kept as one item
/// (entry kind `profile`, schema 4): who the owner is, the person they need protection from,
/// the children, whether that person has firearms, and the pets. Every field is optional:
/// nothing here is ever required by any other command. A change is a new revision of the
/// same item, so its history is kept like any entry's.
///
/// It is personal (children's names above all), so a bundle carries it only when the owner
/// asks (`export --include-profile`).
public struct Profile: Codable, Equatable, Sendable {
    /// The owner's name as it should appear on the report.
    public var owner: String?
    /// The person the owner needs protection from.
    public var respondent: Respondent?
    /// The children, in the order the owner gave them.
    public var children: [Child]
    /// The standing answer about that person's firearms.
    public var firearms: Firearms?
    /// Pets, and any harm or threat to them.
    public var pets: Pets?

    /// Makes a profile; everything may be left out.
    public init(
        owner: String? = nil, respondent: Respondent? = nil, children: [Child] = [], firearms: Firearms? = nil,
        pets: Pets? = nil
    ) {
        self.owner = owner
        self.respondent = respondent
        self.children = children
        self.firearms = firearms
        self.pets = pets
    }

    /// Whether nothing at all was answered.
    public var isEmpty: Bool {
        owner == nil && (respondent ?? Respondent()).isEmpty && children.isEmpty && firearms == nil
            && (pets ?? Pets()).isEmpty
    }

    /// The same profile with empty parts removed (a respondent or pets with nothing in them),
    /// so that skipping a question saves nothing for it.
    public var tidied: Profile {
        var copy = self
        if copy.respondent?.isEmpty == true { copy.respondent = nil }
        if copy.pets?.isEmpty == true { copy.pets = nil }
        return copy
    }
}

/// The person the owner needs protection from (the respondent, in a petition's words).
public struct Respondent: Codable, Equatable, Sendable {
    /// Their name.
    public var name: String?
    /// How they are related to the owner.
    public var relationship: Relationship?
    /// The relationship in the owner's words (for "other", or anything to add).
    public var relationshipNote: String?
    /// Their date of birth or age, as the owner wrote it.
    public var age: String?
    /// Anything else a petition asks: what they look like, their car, where they work.
    public var details: String?

    /// Makes a respondent; everything may be left out.
    public init(
        name: String? = nil, relationship: Relationship? = nil, relationshipNote: String? = nil, age: String? = nil,
        details: String? = nil
    ) {
        self.name = name
        self.relationship = relationship
        self.relationshipNote = relationshipNote
        self.age = age
        self.details = details
    }

    /// Whether nothing was given.
    public var isEmpty: Bool { name == nil && relationship == nil && relationshipNote == nil && age == nil && details == nil }

    /// How they are related, as petitions ask it.
    public enum Relationship: String, Codable, CaseIterable, Sendable {
        case spouse, formerSpouse, partner, formerPartner, coParent, householdMember, relative, other

        /// Plain words, from the owner's side ("my former partner").
        public var label: String {
            switch self {
            case .spouse: return "spouse or registered partner"
            case .formerSpouse: return "former spouse or registered partner"
            case .partner: return "partner (dating or engaged)"
            case .formerPartner: return "former partner (dated or was engaged)"
            case .coParent: return "parent of my child"
            case .householdMember: return "lives or lived with me"
            case .relative: return "family member"
            case .other: return "other"
            }
        }
    }

    /// "former partner (dated or was engaged); we have a son" — the choice and the owner's words.
    public var relationshipText: String? {
        let parts = [relationship?.label, relationshipNote].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// A child, by name or initials, with an age or a year of birth.
public struct Child: Codable, Equatable, Sendable {
    /// Name or initials.
    public var name: String
    /// Age or year of birth, as the owner wrote it.
    public var age: String?

    /// Makes a child.
    public init(name: String, age: String? = nil) {
        self.name = name
        self.age = age
    }

    /// "J. (7)".
    public var text: String { name + (age.map { " (\($0))" } ?? "") }
}

/// Whether the person has guns: a standing answer, asked once, not per incident.
public struct Firearms: Codable, Equatable, Sendable {
    /// No, don't know, or yes.
    public enum Answer: String, Codable, CaseIterable, Sendable {
        case no, dontKnow, yes

        /// Plain words.
        public var label: String {
            switch self {
            case .no: return "no"
            case .dontKnow: return "don't know"
            case .yes: return "yes"
            }
        }
    }

    /// The answer.
    public var answer: Answer
    /// What kind (only with yes).
    public var kind: String?
    /// How many, in the owner's words (only with yes).
    public var count: String?
    /// Where they are kept (only with yes).
    public var kept: String?

    /// Makes an answer (the guided questions ask for the details only after a yes).
    public init(answer: Answer, kind: String? = nil, count: String? = nil, kept: String? = nil) {
        self.answer = answer
        self.kind = kind
        self.count = count
        self.kept = kept
    }

    /// "yes: a handgun and a rifle; 2; in the bedroom closet", for one line.
    public var text: String {
        var parts = [answer.label]
        if let kind { parts.append("kind: " + kind) }
        if let count { parts.append("how many: " + count) }
        if let kept { parts.append("kept: " + kept) }
        return parts.joined(separator: "; ")
    }
}

/// Pets, and any harm or threat to them.
public struct Pets: Codable, Equatable, Sendable {
    /// Whether there are pets.
    public var have: Bool?
    /// Who they are.
    public var who: String?
    /// Any harm or threats to them, in the owner's words.
    public var harm: String?

    /// Makes an answer; everything may be left out.
    public init(have: Bool? = nil, who: String? = nil, harm: String? = nil) {
        self.have = have
        self.who = who
        self.harm = harm
    }

    /// Whether nothing was given.
    public var isEmpty: Bool { have == nil && who == nil && harm == nil }
}

extension Profile {
    /// Every field the owner wrote, for `search`.
    var searchableText: [String] {
        var parts = [owner, respondent?.name, respondent?.relationshipText, respondent?.age, respondent?.details]
        parts += children.flatMap { [$0.name, $0.age] }
        parts += [firearms.map(\.text), pets?.who, pets?.harm]
        return parts.compactMap { $0 }
    }
}
