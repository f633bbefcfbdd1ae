import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Renders README.txt, report.html and incidents.csv again from the proved entries and the
/// signed manifest, and compares them byte for byte with the bundle's: a changed word in what
/// people read fails, whoever signed the bundle.
///
/// Layout 1 bundles (Keepsake 0.1.0) did not record their time zone: it is read from the
/// report's "Times are in ZONE (UTC±hh:mm)" and must then reproduce the whole report, its
/// offset included. Their report described amended entries from records the bundle does not
/// hold (when first written, how many versions), so a layout 1 bundle with an amended entry
/// whose first version is not disclosed can't be checked; nor can a layout newer than this
/// version knows. Both are reported as not checked, and the verdict is not VERIFIED.
enum HumanFilesCheck {
    static let name = "report"

    static func run(
        _ folder: any BundleContents, _ manifest: Manifest, _ head: SignedTreeHead, _ key: Ed25519.PublicKey,
        _ records: [LogRecord], _ result: inout BundleVerification
    ) {
        let layout = manifest.reportLayout ?? 1
        guard ReportLayout.checkable.contains(layout) else {
            result.skip(name, "report.html, incidents.csv and README.txt were not checked: they were made by a newer Keepsake (report layout \(layout)); check the bundle with a newer Keepsake, or rely only on entries.json")
            return
        }
        let selection = BundleSelection(disclosed: records)
        if layout == 1 && !selection.partialHistory.isEmpty {
            result.skip(name, "report.html, incidents.csv and README.txt were not checked: this bundle was made by Keepsake 0.1.0, whose report describes amended entries from records it does not include; rely on entries.json")
            return
        }
        guard let exportedAt = ISO8601DateFormatter().date(from: manifest.exportedAt),
            let timeZone = zone(layout, manifest, folder)
        else {
            result.add(name, false, "the time zone or export time of the report can't be read, so the report can't be checked against the entries")
            return
        }
        let input = HumanFiles.Input(
            selection: selection, filters: manifest.filters, exportedAtText: manifest.exportedAt, exportedAt: exportedAt,
            timeZone: timeZone, treeSize: head.treeSize, root: head.root, legacyAnchor: manifest.treeHead.anchor,
            publicKey: key, layout: layout)
        let rendered = HumanFiles.render(input) { file, path in
            // Only a file whose SHA-256 its proved entry recorded (checked above) is used.
            guard let bytes = folder.read(path), HexText.string(SHA256.hash(bytes)) == file.reference.sha256 else { return nil }
            return bytes
        }
        var differing: [String] = []
        for file in rendered.files where folder.read(file.path) != file.bytes {
            differing.append(file.path)
        }
        result.humanFilesChecked = differing.isEmpty
        result.add(name, differing.isEmpty, differing.isEmpty
            ? "report.html, incidents.csv and README.txt say exactly what the proved entries say (made again from them and compared byte for byte)"
            : "\(differing.joined(separator: ", ")) do(es) NOT say what the proved entries say: changed after export")
    }

    /// The report's time zone: from the manifest (layout 2 on), else read from the report.
    private static func zone(_ layout: Int, _ manifest: Manifest, _ folder: any BundleContents) -> TimeZone? {
        if layout >= 2 { return manifest.timeZone.flatMap(TimeZone.init(identifier:)) }
        guard let report = folder.read("report.html").map({ String(decoding: $0, as: UTF8.self) }),
            let start = report.range(of: "Times are in ")?.upperBound,
            let end = report[start...].firstIndex(of: " ")
        else { return nil }
        return TimeZone(identifier: String(report[start..<end]))
    }
}
