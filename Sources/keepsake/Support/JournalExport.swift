import Foundation
import KeepsakeVault

/// What `export` checks before a journal entry may leave the vault: only with
/// `--include-journal`, and, on a terminal, once the owner confirmed it.
enum JournalExport {
    /// - Throws: `CLIError.usage` when `--id` names a journal entry without the flag;
    ///   `CLIError.failed` when the owner did not confirm (nothing is exported).
    static func decide(_ include: Bool, ids: [EntryID], in vault: Vault) throws {
        let named = ids.filter { vault.items[$0]?.current.journal != nil }
        guard include else {
            if let first = named.first {
                throw CLIError.usage(
                    "\(first.short) is a journal entry, which goes into a bundle only with --include-journal (nothing was exported)")
            }
            return
        }
        let count = ids.isEmpty ? vault.current(.journal).count : named.filter { vault.items[$0]?.isRetracted == false }.count
        guard count > 0, Terminal.isInteractive else { return }
        let prompter = Prompter()
        TextWrap.print(
            "Your journal is private. With --include-journal, \(count) journal entr\(count == 1 ? "y goes" : "ies go") into this bundle, "
                + "where whoever opens it can read \(count == 1 ? "it" : "them") in full.")
        guard (try? prompter.confirm("Put your journal in this bundle?", orElse: false)) == true else {
            throw CLIError.failed("nothing was exported; export again without --include-journal to keep your journal out")
        }
    }
}
