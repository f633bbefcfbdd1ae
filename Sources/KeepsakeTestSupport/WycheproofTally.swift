/// Counts how every case of a vector file came out and says so in one summary line, so that a
/// test can prove it accounted for the file's `numberOfTests`.
public struct WycheproofTally: Sendable {
    /// How one case came out.
    public enum Outcome: Sendable, Equatable {
        /// The result matched: a `valid` case computed the expected output, or an `invalid`
        /// case was refused.
        case passed
        /// An `invalid` case the API can't even express, refused up front for `reason`
        /// (e.g. a nonce size): checked, and counted apart.
        case refused(reason: String)
        /// An `acceptable` case, with the outcome Keepsake chose.
        case acceptable(choice: String)
        /// A documented, named deviation from the expected result.
        case exception(reason: String)
        /// The implementation disagreed with the vector.
        case failed(String)
    }

    /// The vector file's name, for the summary.
    public let fileName: String
    /// `numberOfTests` as declared by the file.
    public let declaredTotal: Int

    /// Cases whose valid/invalid result matched.
    public private(set) var passed = 0
    /// Refused cases as (reason, count), in first-seen order.
    public private(set) var refused: [(String, Int)] = []
    /// Acceptable cases as (choice, count), in first-seen order.
    public private(set) var acceptable: [(String, Int)] = []
    /// Exceptions as "label: reason".
    public private(set) var exceptions: [String] = []
    /// Failures as "label: what went wrong".
    public private(set) var failures: [String] = []

    /// Starts counting for `file`.
    public init<Group>(_ fileName: String, file: WycheproofFile<Group>) {
        self.fileName = fileName
        self.declaredTotal = file.numberOfTests
    }

    /// Records one case's outcome under `label` (a test's `label`).
    public mutating func record(_ label: String, _ outcome: Outcome) {
        switch outcome {
        case .passed: passed += 1
        case let .refused(reason): Self.bump(&refused, reason)
        case let .acceptable(choice): Self.bump(&acceptable, choice)
        case let .exception(reason): exceptions.append("\(label): \(reason)")
        case let .failed(message): failures.append("\(label): \(message)")
        }
    }

    /// Every case recorded.
    public var total: Int {
        passed + refused.reduce(0) { $0 + $1.1 } + acceptable.reduce(0) { $0 + $1.1 }
            + exceptions.count + failures.count
    }

    /// One line: `wycheproof x.json: 325 cases, 316 passed as valid/invalid, 9 refused
    /// (nonce size), 0 acceptable`, with the choices for acceptable cases, exceptions and
    /// failures when there are any.
    public var summary: String {
        var line = "wycheproof \(fileName): \(total) cases"
        if total != declaredTotal { line += " (file declares \(declaredTotal))" }
        line += ", \(passed) passed as valid/invalid"
        line += ", " + Self.describe(refused, noun: "refused")
        line += ", " + Self.describe(acceptable, noun: "acceptable")
        if !exceptions.isEmpty { line += ", \(exceptions.count) documented exceptions" }
        if !failures.isEmpty { line += ", \(failures.count) FAILED" }
        return line
    }

    private static func bump(_ counts: inout [(String, Int)], _ key: String) {
        if let i = counts.firstIndex(where: { $0.0 == key }) {
            counts[i].1 += 1
        } else {
            counts.append((key, 1))
        }
    }

    private static func describe(_ counts: [(String, Int)], noun: String) -> String {
        let sum = counts.reduce(0) { $0 + $1.1 }
        guard !counts.isEmpty else { return "0 \(noun)" }
        let parts = counts.map { counts.count == 1 ? $0.0 : "\($0.1) \($0.0)" }
        return "\(sum) \(noun) (\(parts.joined(separator: "; ")))"
    }
}
