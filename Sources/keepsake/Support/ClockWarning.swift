import Foundation
import KeepsakeStore
import KeepsakeVault

/// The plain warning `log` and `amend` give before saving when the computer's clock reads
/// earlier than an entry already saved: the entry is saved with the clock's time as it is, and
/// `check`, `verify` and the report show it as written no earlier than that entry.
enum ClockWarning {
    static func warnIfBehind(_ vault: Vault) {
        guard let (now, newest) = vault.store.clockBehindLog() else { return }
        let clock = DisplayDate.format(Date(timeIntervalSince1970: Double(now) / 1000))
        let latest = DisplayDate.format(Date(timeIntervalSince1970: Double(newest) / 1000))
        let message = """
            Note: this computer's clock says \(clock), which is earlier than something already saved in your vault (\(latest)). \
            The clock may be wrong, or may have been changed. This entry is saved with the clock's time as it is, and \
            `keepsake check`, a recipient's `verify` and the report will show it as written down no earlier than \(latest). \
            If the clock is wrong, fix it in your computer's date and time settings.
            """
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
