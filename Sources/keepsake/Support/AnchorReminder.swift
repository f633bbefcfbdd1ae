import KeepsakeStore
import KeepsakeVault

/// A gentle reminder after saving, when no anchor has been printed for 30 days (or ever, in
/// 30 days of writing) and something was written since: an anchor sent to someone proves that
/// what came before it existed by that day. At most once a session.
enum AnchorReminder {
    /// Whether it was printed in this process (a shell session is one process).
    nonisolated(unsafe) static var shown = false

    /// Prints the reminder when one is due and it was not printed yet.
    static func afterSaving(in vault: Vault) {
        guard !shown, let days = vault.store.anchorReminderDays() else { return }
        shown = true
        let since = vault.store.lastAnchorSharedAt == nil
            ? "You have been writing for \(days) days without printing an anchor."
            : "It has been \(days) days since you last printed an anchor."
        print("")
        TextWrap.print(
            since + " `keepsake anchor` prints a new one; sent to someone you trust, it proves that "
                + "everything you wrote before today existed by today.")
    }
}
