import Foundation

/// What `BundleVerifier` found, check by check, with a verdict a lawyer can cite.
///
/// The verdict's first word says how far the bundle can be trusted:
/// - `VERIFIED`: every check passed, what people read was made again from the proved entries
///   and matched, and an anchor the owner sent pins the key that signed it.
/// - `SIGNED`: every check passed, but no anchor was given: the bundle is intact and
///   consistent, and signed by the key whose fingerprint is printed; who holds that key can't
///   be told from the bundle alone.
/// - `NOT FULLY CHECKED`: nothing failed, but the human-readable files could not be checked
///   (made by a newer Keepsake).
/// - `NOT VERIFIED`: a check failed.
public struct BundleVerification: Sendable, Encodable {
    /// One check and its outcome.
    public struct Check: Sendable, Encodable, Equatable {
        /// A short name ("signature", "files", "entries", "report", "anchor" …).
        public var name: String
        /// Whether it passed (a skipped check did not fail).
        public var passed: Bool
        /// What was checked and found, in plain words.
        public var detail: String
        /// Whether it could not be made at all (and so proves nothing).
        public var skipped = false
    }

    /// Every check, in the order made.
    public var checks: [Check] = []
    /// Things the reader should know that are not failures (a clock set back, an old anchor).
    public var notes: [String] = []
    /// The signed tree size, when the manifest could be read.
    public var treeSize: UInt64?
    /// When the bundle was exported, as its manifest says.
    public var exportedAt: String?
    /// Entries proved.
    public var entriesProved: Int = 0
    /// Whether an anchor was checked and matched.
    public var anchorChecked = false
    /// The anchor's format (1: KS1, which does not pin the key; 2: KS2), when one was given.
    public var anchorFormat: Int?
    /// Disclosed entries written before the anchor (covered by it) and after it (not).
    public var entriesBeforeAnchor = 0
    public var entriesAfterAnchor = 0
    /// The fingerprint (minisign key id) of the key that signed the manifest.
    public var signerFingerprint: String?
    /// Whether report.html, incidents.csv and README.txt were made again and matched.
    public var humanFilesChecked = false

    /// Whether no check failed.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    /// Whether every check was made (none skipped).
    public var fullyChecked: Bool { !checks.contains(where: \.skipped) }
    /// Whether the verdict is VERIFIED: nothing failed or was skipped, and an anchor matched.
    public var verified: Bool { passed && fullyChecked && anchorChecked }

    /// The verdict in plain words.
    public var verdict: String {
        guard passed else {
            let failed = checks.filter { !$0.passed }.map(\.name).joined(separator: ", ")
            return "NOT VERIFIED: this bundle failed these checks: \(failed). Do not rely on it; ask the sender for a new one."
        }
        let key = signerFingerprint ?? "unknown"
        let intact = "the signature is valid, every file is exactly as it was signed, each of the \(entriesProved) entries is proved to be part of the vault's signed record of \(treeSize ?? 0) records"
        guard fullyChecked else {
            let skipped = checks.filter(\.skipped).map(\.name).joined(separator: ", ")
            return "NOT FULLY CHECKED: \(intact), but these could not be checked: \(skipped). Signed by key \(key). Do not rely on what was not checked."
        }
        let read = ", and report.html, incidents.csv and README.txt say exactly what those entries say"
        guard anchorChecked else {
            return "SIGNED: \(intact)\(read). Signed by key \(key); without an anchor from the owner you can't tell who made this bundle. Ask the owner for their anchor (`keepsake anchor`, it starts with KS2-) or their key fingerprint, and compare."
        }
        var text = "VERIFIED: \(intact)\(read)."
        if anchorFormat == 1 {
            text += " The record only grew since the anchor given: nothing written before it was changed, back-dated or removed. But that anchor (KS1) does not pin the vault's key, so it does not show who signed this bundle (key \(key))."
        } else {
            text += " Signed by key \(key), the key the anchor pins: the bundle comes from the vault the anchor came from."
            text += " The record only grew since the anchor given: nothing written before it was changed, back-dated or removed."
        }
        text += anchorFormat == 1
            ? " Of the entries in this bundle, \(entriesBeforeAnchor) were written before the anchor (covered by it) and \(entriesAfterAnchor) after it (the anchor says nothing about them, nor about who signed them)."
            : " Of the entries in this bundle, \(entriesBeforeAnchor) were written before the anchor (covered by it) and \(entriesAfterAnchor) after it (signed by the same key, but the anchor says nothing about them)."
        return text
    }

    mutating func add(_ name: String, _ passed: Bool, _ detail: String) {
        checks.append(Check(name: name, passed: passed, detail: detail))
    }

    mutating func skip(_ name: String, _ detail: String) {
        checks.append(Check(name: name, passed: true, detail: detail, skipped: true))
    }

    enum CodingKeys: String, CodingKey {
        case checks, notes, treeSize, exportedAt, entriesProved, anchorChecked, anchorFormat, entriesBeforeAnchor,
            entriesAfterAnchor, signerFingerprint, humanFilesChecked, passed, verified, verdict
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(checks, forKey: .checks)
        try c.encode(notes, forKey: .notes)
        try c.encodeIfPresent(treeSize, forKey: .treeSize)
        try c.encodeIfPresent(exportedAt, forKey: .exportedAt)
        try c.encode(entriesProved, forKey: .entriesProved)
        try c.encode(anchorChecked, forKey: .anchorChecked)
        try c.encodeIfPresent(anchorFormat, forKey: .anchorFormat)
        if anchorFormat != nil {
            try c.encode(entriesBeforeAnchor, forKey: .entriesBeforeAnchor)
            try c.encode(entriesAfterAnchor, forKey: .entriesAfterAnchor)
        }
        try c.encodeIfPresent(signerFingerprint, forKey: .signerFingerprint)
        try c.encode(humanFilesChecked, forKey: .humanFilesChecked)
        try c.encode(passed, forKey: .passed)
        try c.encode(verified, forKey: .verified)
        try c.encode(verdict, forKey: .verdict)
    }
}
