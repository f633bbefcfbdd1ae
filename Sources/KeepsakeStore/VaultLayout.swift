/// The files of a vault folder. Names are neutral on purpose: none says what the file holds.
///
/// | name | holds |
/// | --- | --- |
/// | `0` | key slots (416 bytes) |
/// | `1` | the append-only log of frames, then random filler up to a rung of `LogGrowth` |
/// | `2` | the last acknowledged head (4,200 bytes: two slots, random between) |
/// | `3` | the lock file (empty) |
/// | `4/` | attachment blobs (padded, `AttachmentPadding`), each under 32 random hex characters |
/// | `5-<time>-<random>` | bytes set aside from the end of the log (torn or damaged) |
/// | `6`, `7` | the re-sealed log and head while a re-key (`beginRekey`) runs; renamed to `1`, `2` |
public struct VaultLayout: Sendable {
    /// The vault folder.
    public let folder: String

    /// The layout of the vault in `folder`.
    public init(folder: String) {
        self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    }

    var keySlots: String { folder + "/0" }
    var log: String { folder + "/1" }
    var head: String { folder + "/2" }
    var lock: String { folder + "/3" }
    var blobs: String { folder + "/4" }
    var rekeyedLog: String { folder + "/6" }
    var rekeyedHead: String { folder + "/7" }

    func blob(_ name: String) -> String { blobs + "/" + name }

    /// A fresh name for bytes set aside from the log.
    func setAsideFile(now: UInt64) -> String {
        folder + "/5-\(now)-" + randomHex(byteCount: 4)
    }
}
