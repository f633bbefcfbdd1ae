/// An answer to a yes/no question, where "not sure" is an honest answer of its own (a record
/// that says "no" when the owner was unsure would say something they did not say).
///
/// In JSON, yes and no are `true` and `false` (as entries of schema 1 wrote them), and not
/// sure is the string `"notSure"` (schema 2).
public enum YesNoAnswer: String, Codable, CaseIterable, Sendable, ExpressibleByBooleanLiteral {
    case yes, no, notSure

    /// Plain words for a person: "yes", "no", "not sure".
    public var label: String {
        switch self {
        case .yes: return "yes"
        case .no: return "no"
        case .notSure: return "not sure"
        }
    }

    /// `.yes` for true, `.no` for false.
    public init(_ value: Bool) { self = value ? .yes : .no }

    /// `true` is `.yes`, `false` is `.no`.
    public init(booleanLiteral value: Bool) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = YesNoAnswer(value)
            return
        }
        let word = try container.decode(String.self)
        guard word == "notSure" else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a yes/no answer is true, false or \"notSure\"")
        }
        self = .notSure
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .yes: try container.encode(true)
        case .no: try container.encode(false)
        case .notSure: try container.encode("notSure")
        }
    }
}
