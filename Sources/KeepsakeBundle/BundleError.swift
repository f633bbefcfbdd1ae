/// The errors of exporting, opening and verifying a sealed bundle, each one line that says
/// what is wrong and what to do.
public enum BundleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing matched the filters.
    case nothingSelected
    /// The vault is damaged or has no signed checkpoint, so no bundle can prove its entries.
    case vaultNotExportable(String)
    /// An archive entry is unsafe to unpack (absolute path, `..`, a link, a duplicate, too big).
    case unsafeArchive(String)
    /// The input is not a Keepsake bundle (or a part of one is missing).
    case notABundle(String)
    /// The output folder or file already exists.
    case outputExists(String)
    /// A bug: two parts of the exporter disagree.
    case internalInconsistency(String)
    /// A bundle's file could not be written where it is opened (a full disk, no permission):
    /// the file and why.
    case cantWrite(String)

    public var description: String {
        switch self {
        case .nothingSelected:
            return "nothing matches these filters; check --since, --until, --kind and --id (`keepsake list` shows what there is)"
        case let .vaultNotExportable(why):
            return "the vault can't be exported: \(why); run `keepsake check`"
        case let .unsafeArchive(why):
            return "the bundle's archive is unsafe to unpack (\(why)); nothing was written. Ask the sender for a new bundle"
        case let .notABundle(why):
            return "this is not a complete Keepsake bundle: \(why)"
        case let .outputExists(path):
            return "\(path) already exists; choose a new output path (nothing was overwritten)"
        case let .cantWrite(why):
            return "could not write \(why). Nothing was kept; free some space or choose another folder, then open it again"
        case let .internalInconsistency(what):
            return "internal error while exporting (\(what)); please report it"
        }
    }
}
