import Foundation

/// What `BundleVerifier` found, check by check, with a verdict a lawyer can cite.
public struct BundleVerification: Sendable, Encodable {
    /// One check and its outcome.
    public struct Check: Sendable, Encodable, Equatable {
        /// A short name ("signature", "files", "entries", "anchor" …).
        public var name: String
        /// Whether it passed.
        public var passed: Bool
        /// What was checked and found, in plain words.
        public var detail: String
    }

    /// Every check, in the order made.
    public var checks: [Check] = []
    /// The signed tree size, when the manifest could be read.
    public var treeSize: UInt64?
    /// When the bundle was exported, as its manifest says.
    public var exportedAt: String?
    /// Entries proved.
    public var entriesProved: Int = 0
    /// Whether an anchor was checked and matched.
    public var anchorChecked = false

    /// Whether every check passed.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    /// The verdict in plain words.
    public var verdict: String {
        guard passed else {
            let failed = checks.filter { !$0.passed }.map(\.name).joined(separator: ", ")
            return "NOT VERIFIED: this bundle failed these checks: \(failed). Do not rely on it; ask the sender for a new one."
        }
        var text = "VERIFIED: the signature is valid, every file is exactly as it was signed, and each of the \(entriesProved) entries is proved to be part of the vault's signed record of \(treeSize ?? 0) records."
        text += anchorChecked
            ? " The record only grew since the anchor given: nothing written before it was changed, back-dated or removed."
            : " No anchor was given: this shows the bundle is intact and consistent, not that the record was never rewritten before export. An anchor the owner shared earlier (`--anchor KS1-…`) shows that."
        return text
    }

    mutating func add(_ name: String, _ passed: Bool, _ detail: String) {
        checks.append(Check(name: name, passed: passed, detail: detail))
    }

    enum CodingKeys: String, CodingKey { case checks, treeSize, exportedAt, entriesProved, anchorChecked, passed, verdict }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(checks, forKey: .checks)
        try c.encodeIfPresent(treeSize, forKey: .treeSize)
        try c.encodeIfPresent(exportedAt, forKey: .exportedAt)
        try c.encode(entriesProved, forKey: .entriesProved)
        try c.encode(anchorChecked, forKey: .anchorChecked)
        try c.encode(passed, forKey: .passed)
        try c.encode(verdict, forKey: .verdict)
    }
}
