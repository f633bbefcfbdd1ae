import KeepsakeBundle
import KeepsakeVault

/// What `export` says about the kinds it put in the bundle and the private ones it left out,
/// so the owner knows exactly what leaves.
enum ExportKinds {
    static func print(_ summary: ExportSummary, vault: Vault, includeCycle: Bool, includeJournal: Bool = false) {
        var inside = ["incidents"]
        if summary.planStepCount > 0 { inside.append("plan steps") }
        if summary.contactCount > 0 { inside.append("contacts") }
        if summary.momentCount > 0 { inside.append("good days, apologies and promises (\(summary.momentCount), in their own section)") }
        if summary.journalCount > 0 { inside.append("journal entries (\(summary.journalCount), in their own section)") }
        Swift.print("Kinds inside: " + inside.joined(separator: "; ") + ".")
        if !includeCycle && !vault.current(.cycle).isEmpty {
            Swift.print("Kept private, not in the bundle: your good days, apologies and promises (--include-cycle puts them in).")
        }
        if !includeJournal && !vault.current(.journal).isEmpty {
            Swift.print("Kept private, not in the bundle: your journal (--include-journal puts it in).")
        }
    }
}
