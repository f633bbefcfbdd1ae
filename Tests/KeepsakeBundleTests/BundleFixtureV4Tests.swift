import Foundation
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeBundle

/// `Fixtures/bundle-v4`, a bundle of report layout 4 (see its README): it must keep
/// verifying, with its report, CSV and README made again and compared byte for byte.
@Suite struct BundleFixtureV4Tests {
    let folder = TemporaryFolder()

    @Test func aBundleOfLayoutFourVerifiesAndItsReportIsChecked() throws {
        let fixture = BundleFixtureTests.fixtures + "/bundle-v4"
        let out = folder.appending("v4")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try SafeArchive(archiveURL: URL(fileURLWithPath: fixture + "/bundle.zip")).unpack(into: out)
        let anchor = try SharedAnchor(parsing: String(contentsOfFile: fixture + "/anchor.txt", encoding: .utf8))
        let bundle = BundleFolder(path: out)
        let result = BundleVerifier.verify(bundle, anchor: anchor)
        #expect(result.passed && result.verified, "\(result.checks)")
        #expect(result.humanFilesChecked)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try #require(bundle.read("manifest.json"))))
        #expect(manifest.reportLayout == 4 && manifest.filters.caseNumber == "FL-2026-00123")
        let report = bundle.text("report.html")
        #expect(report.contains("Incidents, most recent first") && report.contains("The owner retracted 1 incident(s)."))
        #expect(report.contains("<td class=\"old\">Sat 15 Aug 2026, 22:00 (UTC-07:00)</td><td>Sat 15 Aug 2026, 21:40 (UTC-07:00)</td>"))

        // A changed word in the report is caught.
        var changed = try #require(bundle.read("report.html"))
        let at = try #require(changed.firstRange(of: Array("He grabbed my throat".utf8))).lowerBound
        changed[at + 3] = UInt8(ascii: "h")
        TestFiles.write(changed, to: out + "/report.html")
        let tampered = BundleVerifier.verify(bundle, anchor: anchor)
        #expect(!tampered.passed && tampered.checks.first { $0.name == "report" }?.passed == false)
    }
}
