import KeepsakeBundle
import KeepsakeVault

/// What `export` says about the kinds it put in the bundle and the private ones it left out,
/// so the owner knows exactly what leaves.
enum ExportKinds {
    static func print(_ summary: ExportSummary, vault: Vault, includeCycle: Bool, includeBoundaries: Bool = false) {
        var inside = ["incidents"]
        if summary.planStepCount > 0 { inside.append("plan steps") }
        if summary.contactCount > 0 { inside.append("contacts") }
        if summary.momentCount > 0 { inside.append("good days, apologies and promises (\(summary.momentCount), in their own section)") }
        if summary.boundaryCount > 0 { inside.append("your boundaries (\(summary.boundaryCount), in their own section)") }
        Swift.print("Kinds inside: " + inside.joined(separator: "; ") + ".")
        var kept: [String] = []
        if !includeCycle && !vault.current(.cycle).isEmpty {
            kept.append("your good days, apologies and promises (--include-cycle puts them in)")
        }
        if !includeBoundaries && !vault.current(.boundary).isEmpty {
            kept.append("your boundaries (--include-boundaries puts them in)")
        }
        if !vault.current(.letter).isEmpty { kept.append("your letters to yourself (they never leave the vault)") }
        for kind in kept { Swift.print("Kept private, not in the bundle: \(kind).") }
    }
}
