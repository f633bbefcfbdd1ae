// TEMPORARY until the vault model's HumanDate lands (branch `model`).
import Foundation
import KeepsakeVault

enum HumanDate {
    static func format(_ occurrence: Occurrence, timeZone: TimeZone) -> String {
        DisplayDate.format(occurrence.start)
    }
}
