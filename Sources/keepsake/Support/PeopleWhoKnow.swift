import KeepsakeVault

/// Under the plan: the people who know what is happening (contacts marked so), because
/// keeping it secret is part of what holds someone in place, and each person told is help.
enum PeopleWhoKnow {
    static func print(_ vault: Vault) {
        let knowing = vault.current(.contact).compactMap(\.current.contact).filter { $0.knows == true }
        guard !knowing.isEmpty else { return }
        let names = knowing.map { "\($0.name) (\($0.role.rawValue))" }.joined(separator: ", ")
        Swift.print("")
        for line in TextWrap.lines("People who know what is happening: " + names + ".") {
            Swift.print(TerminalText.line(line))
        }
    }
}
