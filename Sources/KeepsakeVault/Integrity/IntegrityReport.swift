import Foundation
import KeepsakeCrypto
import KeepsakeStore

/// What `Vault.checkIntegrity` found: every frame, checkpoint and attachment, and an anchor
/// if one was given. Intact means nothing is damaged; notes (such as an unfinished write set
/// aside) are not damage.
public struct IntegrityReport: Sendable {
    /// An attachment that did not check out.
    public struct AttachmentProblem: Sendable, Equatable {
        /// The attachment entry's id.
        public var entryID: EntryID
        /// The item it belongs to.
        public var ownerID: EntryID
        /// The original file name.
        public var fileName: String
        /// What is wrong (missing, altered).
        public var error: StoreError
    }

    /// Records read from the log (entries and checkpoints).
    public var recordCount: Int
    /// What the store found on open: damage and repairs.
    public var storeIssues: [StoreIssue]
    /// Entries that authenticated but could not be read by this version.
    public var unreadableEntries: [UnreadableEntry]
    /// Attachments whose bytes were decrypted and hashed.
    public var attachmentsChecked: Int
    /// Attachments missing or altered.
    public var attachmentProblems: [AttachmentProblem]
    /// Blob files no entry refers to (left by an interrupted `attach`; harmless).
    public var unreferencedFiles: [String]
    /// The newest checkpoint that verified.
    public var latestCheckpoint: SignedTreeHead?
    /// How many records the tree covers.
    public var treeSize: UInt64
    /// The anchor's status, when one was given.
    public var anchorStatus: AnchorStatus?
    /// The vault's signing key (its anchors pin it).
    public var signingKey: Ed25519.PublicKey
    /// Records saved while the device clock was behind (dated before a record saved earlier),
    /// with the item each belongs to when it is an entry. Not damage: the time is the clock's,
    /// and the log's order bounds it.
    public var clockSteps: [(step: ClockSteps.Step, item: EntryID?)] = []

    /// Whether nothing is damaged.
    public var isIntact: Bool {
        !storeIssues.contains { $0.isDamage } && attachmentProblems.isEmpty
            && (anchorStatus == nil || anchorStatus == .matches)
    }
}

/// An entry the store authenticated but this version could not read.
public struct UnreadableEntry: Sendable, Equatable {
    /// Its frame.
    public var seq: UInt64
    /// Why.
    public var reason: String
}

extension Vault {
    /// Checks every frame (already authenticated on open), every checkpoint, every attachment
    /// (decrypted and hashed, retracted ones included: they are evidence too) and, when given,
    /// an anchor. `progress` is called before each attachment with its index and the total.
    public func checkIntegrity(
        anchor: SharedAnchor? = nil, progress: (Int, Int, AttachedFile) -> Void = { _, _, _ in }
    ) -> IntegrityReport {
        var owners: [(EntryID, AttachedFile)] = []
        for item in items.values.sorted(by: { $0.versions[0].seq < $1.versions[0].seq }) {
            for file in item.attachments { owners.append((item.id, file)) }
        }
        var problems: [IntegrityReport.AttachmentProblem] = []
        var referenced = Set<String>()
        for (index, (owner, file)) in owners.enumerated() {
            progress(index, owners.count, file)
            referenced.insert(file.reference.blob)
            do throws(StoreError) {
                guard let blob = try? file.reference.storeBlob() else {
                    throw .unsupported("attachment record of \(file.reference.fileName)")
                }
                try store.verifyAttachment(blob)
            } catch {
                problems.append(.init(entryID: file.entryID, ownerID: owner, fileName: file.reference.fileName, error: error))
            }
        }
        let unreferenced = store.attachmentFileNames().filter { !referenced.contains($0) }
        return IntegrityReport(
            recordCount: store.records.count, storeIssues: store.issues,
            unreadableEntries: unreadable.map { UnreadableEntry(seq: $0.seq, reason: $0.reason) },
            attachmentsChecked: owners.count, attachmentProblems: problems,
            unreferencedFiles: unreferenced.sorted(), latestCheckpoint: store.latestCheckpoint,
            treeSize: store.treeSize, anchorStatus: anchor.map { store.status(of: $0) },
            signingKey: store.signingPublicKey,
            clockSteps: ClockSteps.backwards(in: store.records).map { ($0, itemOwning(seq: $0.seq)) })
    }

    /// The item whose version or attachment is the record at `seq`.
    func itemOwning(seq: UInt64) -> EntryID? {
        items.values.first { item in item.versions.contains { $0.seq == seq } || item.attachments.contains { $0.seq == seq } }?.id
    }

    /// `checkIntegrity(anchor:progress:)` with an anchor of the earlier format (`KS1-…`).
    public func checkIntegrity(anchor: Anchor, progress: (Int, Int, AttachedFile) -> Void = { _, _, _ in }) -> IntegrityReport {
        checkIntegrity(anchor: .legacy(anchor), progress: progress)
    }
}
