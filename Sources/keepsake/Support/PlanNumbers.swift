import Foundation
import KeepsakeVault

/// The important numbers of a plan, found offline: the owner's own contacts by role, and for
/// the hotline, the national line of `KEEPSAKE_REGION` from the built-in list (`Hotlines`).
/// Nothing is fetched; a number the owner answered themselves always wins.
enum PlanNumbers {
    /// The template keys of the numbers phase and the contact role that fills each.
    static let roles: [String: Contact.Role] = [
        "numbers.police": .police, "numbers.hotline": .hotline, "numbers.advocate": .advocate,
        "numbers.shelter": .shelter, "numbers.lawyer": .lawyer,
    ]

    /// Key → what fills the blank ("Refuge 0808 2000 247 (from your contacts)").
    static func suggestions(
        _ vault: Vault, region: String? = ProcessInfo.processInfo.environment["KEEPSAKE_REGION"]
    ) -> [String: String] {
        let contacts = vault.current(.contact).compactMap(\.current.contact).filter { $0.phone != nil }
        var found: [String: String] = [:]
        for (key, role) in roles {
            let matching = contacts.filter { $0.role == role }.prefix(2)
            guard !matching.isEmpty else { continue }
            found[key] = matching.map { "\($0.name) \($0.phone!)" }.joined(separator: "; ") + " (from your contacts)"
        }
        if found["numbers.hotline"] == nil, let national = region.flatMap(Hotlines.forRegion) {
            found["numbers.hotline"] = "\(national.name) \(national.phone), \(national.hours) (built-in list, checked \(national.checked))"
        }
        return found
    }
}
