import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeBundle

/// A bundle folder is read inside itself only: no path in a manifest, no link on disk, leads
/// `verify` or `open` to a file outside it. Each test puts a canary file outside the folder
/// whose contents the attacker knows: reading it would hand back the bytes or the hash the
/// attacker's manifest expects.
@Suite struct ConfinementTests {
    let scratch = TemporaryFolder()
    let canary = Array("the canary outside the bundle\n".utf8)

    /// `scratch/canary` (outside) and an empty `scratch/bundle` (the folder under test).
    func setUp() throws -> BundleFolder {
        TestFiles.write(canary, to: scratch.appending("canary"))
        try FileManager.default.createDirectory(atPath: scratch.appending("bundle/attachments"), withIntermediateDirectories: true)
        TestFiles.write(Array("inside".utf8), to: scratch.appending("bundle/report.html"))
        return BundleFolder(path: scratch.appending("bundle"))
    }

    @Test(arguments: ["../canary", "attachments/../../canary", "/CANARY", "./../canary", "attachments\\..\\..\\canary", "report.html\0../canary"])
    func aPathLeadingOutsideIsRefusedBeforeAnyRead(name: String) throws {
        let folder = try setUp()
        let path = name.replacingOccurrences(of: "/CANARY", with: scratch.appending("canary"))
        #expect(folder.read(path) == nil)
        #expect(folder.hash(path) == nil)
        #expect(!BundlePath.isSafe(path))
    }

    @Test func aLinkedFolderOnTheWayIsNotFollowed() throws {
        let folder = try setUp()
        // attachments2 -> .. (the scratch folder, where the canary is)
        #expect(symlink(scratch.path, scratch.appending("bundle/outside")) == 0)
        #expect(folder.read("outside/canary") == nil, "read through a linked folder")
        #expect(folder.hash("outside/canary") == nil, "hashed through a linked folder")
        let listing = folder.listing()
        #expect(listing.files == ["report.html"])
        #expect(listing.other == ["outside"], "the link is reported, not walked")
    }

    @Test func aLinkedFileIsNotFollowed() throws {
        let folder = try setUp()
        #expect(symlink(scratch.appending("canary"), scratch.appending("bundle/attachments/photo.jpg")) == 0)
        #expect(folder.read("attachments/photo.jpg") == nil)
        #expect(folder.hash("attachments/photo.jpg") == nil)
        #expect(folder.listing().other == ["attachments/photo.jpg"])
    }

    @Test func filesInsideAreStillRead() throws {
        let folder = try setUp()
        TestFiles.write([1, 2, 3], to: scratch.appending("bundle/attachments/a-1-photo.jpg"))
        #expect(folder.read("report.html") == Array("inside".utf8))
        let hashed = try #require(folder.hash("attachments/a-1-photo.jpg"))
        #expect(hashed.size == 3)
        #expect(hashed.sha256 == SHA256.hash([1, 2, 3]))
        #expect(folder.listing().files == ["attachments/a-1-photo.jpg", "report.html"])
    }

    @Test func namesWithHiddenCharactersAndFoldersTooDeepAreReportedNotRead() throws {
        let folder = try setUp()
        let bidi = "attachments/photo\u{202E}gpj.exe"
        TestFiles.write([1], to: scratch.appending("bundle/" + bidi))
        try FileManager.default.createDirectory(atPath: scratch.appending("bundle/a/b/c/d"), withIntermediateDirectories: true)
        TestFiles.write([2], to: scratch.appending("bundle/a/b/c/d/e.txt"))
        TestFiles.write([3], to: scratch.appending("bundle/a/b/c/ok.txt"))
        #expect(folder.read(bidi) == nil)
        #expect(folder.read("a/b/c/d/e.txt") == nil)
        let listing = folder.listing()
        #expect(listing.files == ["a/b/c/ok.txt", "report.html"])
        #expect(listing.other == ["a/b/c/d/", bidi])
    }

    @Test func thePathRuleMatchesWhatTheExporterWrites() {
        for name in ["manifest.json", "report.html", "attachments/0f3a9c2e-1-photo.jpg", "attachments/x"] {
            #expect(BundlePath.isSafe(name), "\(name)")
        }
        for name in ["a/b/c/d/e", "x\u{1B}]0;title\u{07}", "a\u{2066}b", "a\u{200E}b", "a\u{061C}b", "a\u{85}b", "a\u{2028}b", "a/", ""] {
            #expect(!BundlePath.isSafe(name), "\(name.debugDescription)")
        }
    }
}
