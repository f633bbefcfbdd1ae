import KeepsakeBundle
import KeepsakeVault

/// What `export` says about the kinds it put in the bundle and the private ones it left out,
/// so the owner knows exactly what leaves.
enum ExportKinds {
    /// On a terminal, when the owner has a profile and did not name it: whether it goes in
    /// (Enter is no: it stays private unless the owner says yes).
    static func askAboutProfile(in vault: Vault) throws -> Bool {
        guard vault.profile != nil, Terminal.isInteractive else { return false }
        let prompter = Prompter()
        prompter.note("Your profile (your name, the person you need protection from, the children, firearms and pets) stays private unless you put it in. In the bundle, the report's first page names the parties.")
        return try prompter.confirm("Put your profile in this bundle?", orElse: false)
    }

    static func print(
        _ summary: ExportSummary, vault: Vault, includeCycle: Bool, includeJournal: Bool = false,
        includeBoundaries: Bool = false, filters: BundleFilters? = nil
    ) {
        var inside = ["incidents"]
        if summary.planStepCount > 0 { inside.append("plan steps") }
        if summary.contactCount > 0 { inside.append("contacts") }
        if summary.momentCount > 0 { inside.append("good days, apologies and promises (\(summary.momentCount), in their own section)") }
        if summary.profileIncluded { inside.append("your profile (the parties, children, firearms, pets)") }
        if summary.journalCount > 0 { inside.append("journal entries (\(summary.journalCount), in their own section)") }
        if summary.boundaryCount > 0 { inside.append("your boundaries (\(summary.boundaryCount), in their own section)") }
        Swift.print("Kinds inside: " + inside.joined(separator: "; ") + ".")
        var kept: [String] = []
        if !includeCycle && !vault.current(.cycle).isEmpty {
            kept.append("your good days, apologies and promises (--include-cycle puts them in)")
        }
        if !summary.profileIncluded && vault.profile != nil {
            kept.append("your profile (the parties, children, firearms, pets; --include-profile puts it in)")
        }
        if !includeJournal && !vault.current(.journal).isEmpty {
            kept.append("your journal (--include-journal puts it in)")
        }
        if !includeBoundaries && !vault.current(.boundary).isEmpty {
            kept.append("your boundaries (--include-boundaries puts them in)")
        }
        if !vault.current(.letter).isEmpty { kept.append("your letters to yourself (they never leave the vault)") }
        for kind in kept { Swift.print("Kept private, not in the bundle: \(kind).") }
        guard let filters else { return }
        if !filters.includeHistory {
            Swift.print("Earlier versions of amended entries were left out (--latest-only).")
        }
        if vault.items.values.contains(where: { $0.isRetracted && $0.current.entryKind == .incident }) {
            Swift.print(filters.includeRetractedContent == true
                ? "Retracted incidents: what they said is inside, each marked as retracted (--history)."
                : "Retracted incidents: listed with when and why only; what they said stayed private (--history puts it in).")
        }
    }
}
