import Foundation
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeBundle

/// Bundles written by other versions, kept in Fixtures/: each must keep verifying, and what
/// people read in it must keep being checked, or be reported as not checked.
///
/// - `bundle-v1`: made by Keepsake 0.1.0 (report layout 1, before reports were checked),
///   with the KS1 anchor its owner printed before it.
/// - `bundle-v2`: report layout 2, with the KS2 anchor printed before it; the device clock was
///   set back 30 days before its second incident was saved, which was then amended.
/// - `bundle-v1-amended`: Keepsake 0.1.0, an amended incident exported without its history.
/// - `bundle-newer-layout`: `bundle-v2` as a later Keepsake might write it (report layout 99,
///   signed by the same vault key).
@Suite struct BundleFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
    let folder = TemporaryFolder()

    func unpack(_ name: String) throws -> String {
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try SafeArchive(archiveURL: URL(fileURLWithPath: Self.fixtures + "/\(name)/bundle.zip")).unpack(into: out)
        return out
    }

    func anchor(_ name: String) throws -> SharedAnchor {
        try SharedAnchor(parsing: String(contentsOfFile: Self.fixtures + "/\(name)/anchor.txt", encoding: .utf8))
    }

    @Test func aBundleOfKeepsakeZeroOneStillVerifiesAndItsReportIsChecked() throws {
        let path = try unpack("bundle-v1")
        let anchor = try anchor("bundle-v1")
        #expect(!anchor.pinsKey)
        let result = BundleVerifier.verify(BundleFolder(path: path), anchor: anchor)
        #expect(result.passed && result.verified, "\(result.checks)")
        #expect(result.humanFilesChecked)
        #expect(result.verdict.hasPrefix("VERIFIED"))
        #expect(result.verdict.contains("does not pin the vault's key"))
        #expect(result.notes.contains(SharedAnchor.legacyWarning))
        #expect(result.entriesBeforeAnchor == 2 && result.entriesAfterAnchor == 1)

        // A word changed in its report, everything re-signed with another key: caught.
        try ForgeryTests.Forger().reseal(path) { files in
            files["report.html"] = try ForgeryTests.replacing(files["report.html"], "He shoved me hard", "He brushed past me")
        }
        let forged = BundleVerifier.verify(BundleFolder(path: path))
        #expect(forged.checks.filter { !$0.passed }.map(\.name) == ["report"], "\(forged.checks)")
    }

    @Test func aKeepsakeZeroOneReportRestingOnUndisclosedRecordsIsNotCheckedAndNotVerified() throws {
        let path = try unpack("bundle-v1-amended")
        let result = BundleVerifier.verify(BundleFolder(path: path), anchor: try anchor("bundle-v1-amended"))
        #expect(result.passed, "nothing failed: \(result.checks)")
        #expect(!result.verified && !result.fullyChecked)
        let report = try #require(result.checks.first { $0.name == "report" })
        #expect(report.skipped && report.detail.contains("amended entries from records it does not include"))
        #expect(result.verdict.hasPrefix("NOT FULLY CHECKED"))
    }

    @Test func aBundleOfThisLayoutVerifiesAndShowsTheClockSetBack() throws {
        let path = try unpack("bundle-v2")
        let anchor = try anchor("bundle-v2")
        #expect(anchor.pinsKey)
        let result = BundleVerifier.verify(BundleFolder(path: path), anchor: anchor)
        #expect(result.verified, "\(result.checks)")
        #expect(result.verdict.contains("the key the anchor pins"))
        #expect(result.entriesBeforeAnchor == 2 && result.entriesAfterAnchor == 1)
        #expect(result.notes.contains { $0.contains("device clock was behind") && $0.contains("no earlier than") })
        let report = String(decoding: try #require(BundleFolder(path: path).read("report.html")), as: UTF8.self)
        #expect(report.contains("The device clock went backwards 1 time(s)"))
        #expect(report.contains("written down no earlier than that; how long after it happened can&#39;t be told from this clock"))
        #expect(report.contains("the first version is not in this bundle"))
        #expect(report.contains("rests on the device clock"))
        let readme = String(decoding: try #require(BundleFolder(path: path).read("README.txt")), as: UTF8.self)
        #expect(readme.contains("rests on the device clock"))
        #expect(readme.contains(try #require(result.signerFingerprint)))
        #expect(readme.contains("This bundle's anchor") && readme.contains("\n    KS2-"), "the bundle's own anchor, pinning its key")
    }

    @Test func aReportOfANewerLayoutIsReportedAsNotCheckedNeverAsVerified() throws {
        let path = try unpack("bundle-newer-layout")
        let result = BundleVerifier.verify(BundleFolder(path: path), anchor: try anchor("bundle-newer-layout"))
        #expect(result.passed, "nothing failed: \(result.checks)")
        #expect(!result.fullyChecked && !result.verified && !result.humanFilesChecked)
        let report = try #require(result.checks.first { $0.name == "report" })
        #expect(report.skipped && report.detail.contains("made by a newer Keepsake"))
        #expect(result.verdict.hasPrefix("NOT FULLY CHECKED"))
    }
}
