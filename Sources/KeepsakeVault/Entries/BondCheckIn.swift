import Foundation

/// A private check-in on the bond: the owner's answer to each sign advocates describe, saved
/// whole each time (entry kind `checkIn`, schema 3). No score and no verdict: later check-ins
/// are compared with the first, answer by answer, in words. Never an item, never exported.
public struct BondCheckIn: Codable, Equatable, Sendable {
    /// One of the signs, said as the owner might say it.
    public enum Sign: String, Codable, CaseIterable, Sendable {
        case movedFast, onlyThey, cannotLeave, distressLeaving, promisesWithoutChange, goodDaysAsProof,
            defendingThem, keepingItSecret, givingUpPeople, afraidToLeave

        /// The statement the owner answers.
        public var statement: String {
            switch self {
            case .movedFast: return "The relationship moved very fast at the start."
            case .onlyThey: return "I feel only they can meet my needs."
            case .cannotLeave: return "I can't leave, even though I am unhappy."
            case .distressLeaving: return "Trying to leave, or thinking of it, makes me feel awful."
            case .promisesWithoutChange: return "They promise to change, and nothing changes."
            case .goodDaysAsProof: return "I hold on to the good days as proof they really care."
            case .defendingThem: return "I defend them when others worry about me."
            case .keepingItSecret: return "I keep what happens a secret."
            case .givingUpPeople: return "I have given up friends or family for the relationship."
            case .afraidToLeave: return "I am afraid of what happens if I leave."
            }
        }
    }

    /// How true a sign feels today.
    public enum Answer: String, Codable, CaseIterable, Sendable {
        case no, sometimes, yes

        /// The order used to say which way an answer moved.
        var weight: Int { self == .no ? 0 : self == .sometimes ? 1 : 2 }
    }

    /// One sign and its answer.
    public struct Reply: Codable, Equatable, Sendable {
        public var sign: Sign
        public var answer: Answer

        /// A reply from its parts.
        public init(sign: Sign, answer: Answer) {
            self.sign = sign
            self.answer = answer
        }
    }

    /// The answers given (a skipped sign is left out).
    public var replies: [Reply]
    /// Anything the owner added, in their words.
    public var note: String?

    /// A check-in from its answers.
    public init(replies: [Reply] = [], note: String? = nil) {
        self.replies = replies
        self.note = note
    }

    /// The answer to one sign, if given.
    public func answer(_ sign: Sign) -> Answer? { replies.first { $0.sign == sign }?.answer }

    /// What changed since `first`, one sentence per sign answered both times differently, in
    /// the order of the signs; empty when nothing changed.
    public func changes(since first: BondCheckIn) -> [String] {
        Sign.allCases.compactMap { sign in
            guard let before = first.answer(sign), let now = answer(sign), before != now else { return nil }
            let way = now.weight < before.weight ? "less true now" : "more true now"
            return "“\(sign.statement)” was \(before.rawValue), now \(now.rawValue): \(way)."
        }
    }
}
