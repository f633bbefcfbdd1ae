import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// The three files people read (README.txt, report.html, incidents.csv), rendered from the
/// disclosed entries and the signed manifest's fields only. The exporter writes what this
/// renders; `verify` renders it again from the bundle and compares byte for byte.
struct HumanFiles {
    /// Everything the files are made of.
    struct Input {
        /// The disclosed records, rebuilt (`BundleSelection(disclosed:)`).
        var selection: BundleSelection
        var filters: BundleFilters
        /// The manifest's `exportedAt` (ISO 8601, seconds) and the same moment as a date.
        var exportedAtText: String
        var exportedAt: Date
        var timeZone: TimeZone
        var treeSize: UInt64
        /// The signed tree head's root.
        var root: [UInt8]
        /// The KS1 anchor of the tree head (as layout 1 printed it).
        var legacyAnchor: String
        /// The vault's signing key.
        var publicKey: Ed25519.PublicKey
        var layout: Int
    }

    /// The rendered files, by path.
    let files: [(path: String, bytes: [UInt8])]
    /// Where each attachment goes in the bundle.
    let paths: [EntryID: String]

    /// Renders the three files; `image` returns an attached image's bytes when it is shown
    /// inline (the exporter reads the vault, `verify` the bundle's checked file).
    static func render(_ input: Input, image: (AttachedFile, String) throws -> [UInt8]?) rethrows -> HumanFiles {
        let selection = input.selection
        let paths = input.filters.includeAttachments ? BundleExporter.attachmentPaths(selection) : [:]
        let inline = try inlineImages(selection, paths: paths, image: image)
        let fingerprint = KeyFingerprint(input.publicKey).text
        let pinned = PinnedAnchor(publicKey: input.publicKey, treeSize: Int(input.treeSize), root: input.root).text
        let readme = ReadmeText.render(
            exportedAt: input.exportedAtText, incidents: selection.incidents.count, attachments: selection.attachments.count,
            anchor: input.legacyAnchor, keyId: fingerprint, layout: input.layout,
            pinnedAnchor: pinned, fingerprint: fingerprint)
        let report = ReportHTML.render(ReportHTML.Input(
            selection: selection, filters: input.filters, exportedAt: input.exportedAt, timeZone: input.timeZone,
            treeSize: input.treeSize, anchor: input.legacyAnchor, paths: paths, inlineImages: inline,
            layout: input.layout, keyFingerprint: fingerprint, pinnedAnchor: pinned))
        let csv = IncidentsCSV.render(selection, layout: input.layout, timeZone: input.timeZone)
        return HumanFiles(
            files: [("README.txt", Array(readme.utf8)), ("report.html", Array(report.utf8)), ("incidents.csv", Array(csv.utf8))],
            paths: paths)
    }

    /// Images shown inline: JPEG, PNG, GIF or WebP files put in the bundle, each at most
    /// `BundleExporter.inlineImageLimit`, in order until `inlineImageBudget` is spent (the
    /// report is built in memory).
    private static func inlineImages(
        _ selection: BundleSelection, paths: [EntryID: String], image: (AttachedFile, String) throws -> [UInt8]?
    ) rethrows -> [EntryID: [UInt8]] {
        var images: [EntryID: [UInt8]] = [:]
        var budget = BundleExporter.inlineImageBudget
        for (_, file) in selection.attachments {
            guard let path = paths[file.entryID] else { continue }
            let ref = file.reference
            guard ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(ref.mediaType),
                ref.size <= BundleExporter.inlineImageLimit, ref.size <= budget
            else { continue }
            budget -= ref.size
            if let bytes = try image(file, path) { images[file.entryID] = bytes }
        }
        return images
    }
}
