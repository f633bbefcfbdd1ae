import Foundation

/// A good day, an apology or a promise: the kind side of the cycle, kept as its own entry
/// (entry kind `cycle`, schema 3), never as an incident. It is never counted among incidents,
/// never listed, searched or reported as one.
public struct CycleMoment: Codable, Equatable, Sendable {
    /// What kind of moment it was.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case goodDay, apology, promise

        /// Plain words for a person.
        public var label: String {
            switch self {
            case .goodDay: return "good day"
            case .apology: return "apology"
            case .promise: return "promise"
            }
        }
    }

    /// What became of a promise, once the owner says so.
    public enum Outcome: String, Codable, CaseIterable, Sendable {
        case kept, broken
    }

    /// Good day, apology or promise.
    public var kind: Kind
    /// What was said or done, in the owner's words.
    public var said: String
    /// When it happened (as the guided log takes dates), if the owner said.
    public var occurred: Occurrence?
    /// The incident it followed or belongs to, if the owner linked one.
    public var incident: EntryID?
    /// For a promise: kept or broken, once known (a new revision sets it, never silently).
    public var outcome: Outcome?
    /// When the promise was seen kept or broken.
    public var outcomeOn: Date?

    /// Makes a moment.
    public init(
        kind: Kind, said: String = "", occurred: Occurrence? = nil, incident: EntryID? = nil,
        outcome: Outcome? = nil, outcomeOn: Date? = nil
    ) {
        self.kind = kind
        self.said = said
        self.occurred = occurred
        self.incident = incident
        self.outcome = outcome
        self.outcomeOn = outcomeOn
    }
}
