import Foundation
import KeepsakeVault

/// The short, calm note printed after saving an incident that records a sign of serious
/// danger: what advocates make of it, that talking to one can help, and a number to call (the
/// owner's own hotline contacts first, then the national line of `KEEPSAKE_REGION`). At most
/// once a session, so it never turns into a siren.
enum DangerNote {
    /// Whether it was printed in this process (a shell session is one process).
    nonisolated(unsafe) static var shown = false

    /// Prints the note when `incident` calls for it and it was not printed yet.
    static func afterSaving(
        _ incident: Incident, in vault: Vault,
        region: String? = ProcessInfo.processInfo.environment["KEEPSAKE_REGION"]
    ) {
        let signs = DangerSigns.of(incident)
        guard !signs.isEmpty, !shown else { return }
        shown = true
        let what = signs.count == 1 ? signs[0] : signs.dropLast().joined(separator: ", ") + " and " + signs.last!
        print("")
        TextWrap.print(
            "What you wrote down includes \(what). Advocates treat this as a sign of serious danger, and "
                + "talking it through with one can help, whenever you are ready.")
        let own = vault.current(.contact).compactMap(\.current.contact).filter { $0.role == .hotline && $0.phone != nil }
        for contact in own.prefix(3) { TextWrap.print("\(contact.name): \(contact.phone!)", indent: "  ") }
        let national = region.flatMap(Hotlines.forRegion)
        if let national { TextWrap.print("\(national.name): \(national.phone) (\(national.hours))", indent: "  ") }
        if own.isEmpty && national == nil {
            TextWrap.print(
                "`keepsake contacts add` keeps a helpline's or an advocate's number here (role: hotline).", indent: "  ")
        }
    }
}
