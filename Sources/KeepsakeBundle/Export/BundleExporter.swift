import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    /// Incidents, plan steps and contacts disclosed.
    public var incidentCount: Int
    public var planStepCount: Int
    public var contactCount: Int
    /// Good days, apologies and promises disclosed (`--include-cycle`).
    public var momentCount: Int = 0
    /// Whether the owner's profile went in (`--include-profile`).
    public var profileIncluded = false
    /// Attachments listed, and how many of them were put in.
    public var attachmentCount: Int
    public var attachmentsIncluded: Int
    /// The tree head the bundle proves its entries against.
    public var treeHead: SignedTreeHead
    /// The anchor of that head (format 1, as in the manifest's `treeHead.anchor`).
    public var anchor: String
    /// The anchor of that head pinning the vault key (format 2).
    public var pinnedAnchor: String
    /// The fingerprint of the vault key that signed the bundle.
    public var keyFingerprint: String
    /// Plan steps left out because they hold the owner's answers and sharing them was not
    /// confirmed.
    public var planStepsWithheld: Int = 0
    /// Journal entries disclosed (`--include-journal`).
    public var journalCount: Int = 0
    /// Boundaries disclosed (`--include-boundaries`).
    public var boundaryCount: Int = 0
}

/// Writes a bundle's ZIP archive (README.txt, report.html, incidents.csv, entries.json,
/// attachments/…, keepsake-vault.pub, manifest.json, manifest.json.minisig) into a sink,
/// streaming attachments straight from the vault (decrypted, hash-checked on the way). The
/// caller wraps the sink in the age encryptor: nothing is written in clear.
public enum BundleExporter {
    /// Largest image shown inline in the report (bigger ones are only listed).
    static let inlineImageLimit: UInt64 = 8 << 20
    /// All inline images together: the report is built in memory, so this bounds the
    /// export's memory whatever the number of photos (later ones are listed, not shown).
    static let inlineImageBudget: UInt64 = 32 << 20

    /// Exports the entries `filters` select.
    /// - Parameters:
    ///   - vault: an unlocked vault opened for writing (a checkpoint is signed first if needed).
    ///   - sink: receives the ZIP bytes.
    ///   - progress: attachment bytes written so far and in all.
    /// - Throws: `BundleError.nothingSelected`, `.vaultNotExportable`; `StoreError`
    ///   (`attachmentAltered`: a file in the vault no longer matches its hash, so the export
    ///   stops rather than hand over altered evidence); what the sink throws.
    @discardableResult
    public static func export(
        _ vault: Vault, filters: BundleFilters, to sink: inout some ByteSink, now: Date = Date(),
        timeZone: TimeZone = .current, progress: (UInt64, UInt64) -> Void = { _, _ in }
    ) throws -> ExportSummary {
        let store = vault.store
        if let damage = store.issues.first(where: \.isDamage) {
            throw BundleError.vaultNotExportable("it is damaged (\(damage))")
        }
        try vault.checkpointIfNeeded()
        guard let head = store.latestCheckpoint else { throw BundleError.vaultNotExportable("it has no signed checkpoint yet") }
        let selection = BundleSelection(vault: vault, filters: filters)
        guard !selection.isEmpty else { throw BundleError.nothingSelected }
        guard selection.records.allSatisfy({ $0.seq < head.treeSize }) else {
            throw BundleError.internalInconsistency("an entry is newer than the signed tree head")
        }

        let exportedAt = ISO8601DateFormatter().string(from: now)
        let anchor = Anchor(head: head).text
        let publicKey = store.signingPublicKey
        let keyFile = BundleSigning.publicKeyFile(publicKey)
        // What people read is rendered from the disclosed records alone, as `verify` renders it,
        // in a time zone `verify` can find again by name (UTC if this one's name is not a zone's).
        let timeZone = TimeZone(identifier: timeZone.identifier) ?? TimeZone(identifier: "UTC")!
        let shown = BundleSelection(disclosed: selection.records)
        let human = try HumanFiles.render(HumanFiles.Input(
            selection: shown, filters: filters, exportedAtText: exportedAt,
            exportedAt: ISO8601DateFormatter().date(from: exportedAt) ?? now, timeZone: timeZone,
            treeSize: head.treeSize, root: head.root, legacyAnchor: anchor, publicKey: publicKey,
            layout: ReportLayout.current)
        ) { file, _ in
            var sink = BytesSink()
            try store.readAttachment(try file.reference.storeBlob(), into: &sink)
            return sink.bytes
        }
        let paths = human.paths

        var files: [Manifest.File] = []
        var zip = ZipStreamWriter(sink: sink, modified: now)
        defer { sink = zip.sink }
        func addGenerated(_ path: String, _ bytes: [UInt8]) throws {
            try zip.add(path, bytes: bytes)
            files.append(Manifest.File(path: path, sha256: HexText.string(SHA256.hash(bytes)), size: UInt64(bytes.count)))
        }
        for file in human.files { try addGenerated(file.path, file.bytes) }
        let disclosed = selection.records.map { record in
            DisclosedEntry(
                record: record, salt: store.commitmentSalt(seq: record.seq),
                proof: store.inclusionProof(seq: record.seq, treeSize: head.treeSize))
        }
        try addGenerated("entries.json", try JSONCoding.encode(EntriesFile(format: "keepsake-entries/1", entries: disclosed)))

        let total = shown.attachments.reduce(UInt64(0)) { $0 + (paths[$1.file.entryID] == nil ? 0 : $1.file.reference.size) }
        var done: UInt64 = 0
        for (_, file) in shown.attachments {
            guard let path = paths[file.entryID] else { continue }
            let blob = try file.reference.storeBlob()
            try withoutActuallyEscaping(progress) { report in
                try zip.add(path, size: file.reference.size) { write in
                    try withoutActuallyEscaping(write) { write in
                        var forward = ForwardingSink { chunk in
                            try write(chunk)
                            done += UInt64(chunk.count)
                            report(done, total)
                        }
                        try store.readAttachment(blob, into: &forward)
                    }
                }
            }
            files.append(Manifest.File(path: path, sha256: file.reference.sha256, size: file.reference.size))
        }
        try addGenerated(BundleLayout.publicKey, Array(keyFile.text.utf8))

        let manifest = Manifest(
            format: Manifest.formatName, exportedAt: exportedAt, generator: "keepsake \(BundleLayout.generatorVersion)",
            signingKey: HexText.string(publicKey.bytes),
            treeHead: Manifest.TreeHead(
                vaultId: HexText.string(head.vaultId), treeSize: head.treeSize, root: HexText.string(head.root),
                timestampMilliseconds: head.timestamp,
                signedAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(head.timestamp) / 1000)),
                signature: HexText.string(head.signature), anchor: anchor),
            consistency: store.checkpoints.filter { $0.treeSize < head.treeSize }.map { earlier in
                Manifest.Consistency(
                    fromSize: earlier.treeSize, fromRoot: HexText.string(earlier.root),
                    proof: store.consistencyProof(from: earlier.treeSize, to: head.treeSize).map(HexText.string))
            },
            filters: filters, incidentCount: shown.incidents.count, attachmentCount: shown.attachments.count,
            files: files, reportLayout: ReportLayout.current, timeZone: timeZone.identifier)
        let manifestBytes = try JSONCoding.encode(manifest)
        try zip.add(BundleLayout.manifest, bytes: manifestBytes)
        let signature = try store.withSigningKey { key in
            try BundleSigning.sign(manifestBytes, key: key, vaultId: head.vaultId, treeSize: head.treeSize, exportedAt: exportedAt)
        }
        try zip.add(BundleLayout.signature, bytes: Array(signature.utf8))
        try zip.finish()
        return ExportSummary(
            incidentCount: selection.incidents.count, planStepCount: selection.planSteps.count,
            contactCount: selection.contacts.count, momentCount: selection.moments.count,
            profileIncluded: selection.profile != nil, attachmentCount: selection.attachments.count,
            attachmentsIncluded: paths.count, treeHead: head, anchor: anchor,
            pinnedAnchor: PinnedAnchor(head: head, publicKey: publicKey).text, keyFingerprint: KeyFingerprint(publicKey).text,
            planStepsWithheld: selection.withheldAnswered, journalCount: selection.journal.count,
            boundaryCount: selection.boundaries.count)
    }

    /// `attachments/<item>-<n>-<name>`: unique, readable, safe on every file system.
    static func attachmentPaths(_ selection: BundleSelection) -> [EntryID: String] {
        var paths: [EntryID: String] = [:]
        var counts: [EntryID: Int] = [:]
        for (owner, file) in selection.attachments {
            let n = (counts[owner.id] ?? 0) + 1
            counts[owner.id] = n
            paths[file.entryID] = "attachments/\(owner.id.short)-\(n)-\(safeName(file.reference.fileName))"
        }
        return paths
    }

    /// Letters, digits, `.`, `-` and `_` only; no leading dot; at most 80 characters.
    static func safeName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        while out.hasPrefix(".") { out.removeFirst() }
        if out.count > 80 { out = String(out.suffix(80)) }
        return out.isEmpty ? "file" : out
    }
}

/// Names inside a bundle.
enum BundleLayout {
    static let manifest = "manifest.json"
    static let signature = "manifest.json.minisig"
    static let publicKey = "keepsake-vault.pub"
    static let generatorVersion = "0.1.0"
}

/// Passes writes to a closure.
struct ForwardingSink: ByteSink {
    let forward: (UnsafeRawBufferPointer) throws -> Void
    init(_ forward: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.forward = forward }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try forward(bytes) }
}

/// The JSON encoding of bundle files: pretty, sorted keys, ISO 8601 dates.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(value)) + [0x0A]
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(bytes))
    }
}
