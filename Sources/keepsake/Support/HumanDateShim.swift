// TEMPORARY until the vault model's HumanDate lands (branch `model`).
import Foundation
import KeepsakeVault

enum HumanDate {
    static func format(_ occurrence: Occurrence, timeZone: TimeZone) -> String {
        DisplayDate.format(occurrence.start)
    }
}

extension HumanDate {
    static func parse(_ text: String, now: Date, timeZone: TimeZone) throws -> Occurrence {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard let date = formatter.date(from: text) else { throw CLIError.usage("can't read \(text)") }
        return Occurrence(start: date)
    }
}
