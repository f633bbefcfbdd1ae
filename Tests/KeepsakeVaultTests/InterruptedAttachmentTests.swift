import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// `attach` writes the encrypted file (the blob) first, fsyncs it, and only then appends the
/// entry that refers to it. A crash at any point of that leaves one of these states, rebuilt
/// here byte by byte: the vault opens, `check` calls a blob without an entry harmless, and
/// every acknowledged entry is intact.
@Suite struct InterruptedAttachmentTests {
    static let passphrase = Passphrase(copying: "interrupted attachment words")
    let folder = ScratchFolder()  // thousands of small writes and fsyncs
    var path: String { folder.appending("vault") }

    @Test func aCrashAnywhereInAnAttachmentLeavesAHarmlessFileAndEveryEntryIntact() throws {
        let vault = try Vault.create(at: path, passphrase: Self.passphrase, parameters: TestKDF.cheap)
        let incident = try vault.add(.incident(Incident(account: "the incident the photo belongs to")))
        try vault.add(.planItem(PlanItem(category: .documents, title: "copy the passport")))
        try vault.close()
        let log0 = TestFiles.read(path + "/1"), head0 = TestFiles.read(path + "/2")
        let end0 = try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly).store.logFramesEnd
        let ids0 = Set(try Vault.open(at: path, passphrase: Self.passphrase, mode: .readOnly).items.keys)

        // A real attachment, to learn the bytes each step writes; then back to before it.
        let photo = (0..<(65_536 + 2_000)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let writer = try Vault.open(at: path, passphrase: Self.passphrase)
        var source = BytesSource(photo)
        let attached = try writer.attach(from: &source, fileName: "photo.jpg", mediaType: "image/jpeg", to: incident.id)
        let end1 = writer.store.logFramesEnd
        writer.store.close()
        let name = attached.reference.blob, blobPath = path + "/4/" + attached.reference.blob
        // Format 3: the frame is written over the filler after the last frame.
        let blob = TestFiles.read(blobPath), frame = Array(TestFiles.read(path + "/1")[end0..<end1])

        var cases = 0, orphans = 0
        func state(blob blobBytes: [UInt8]?, frame frameBytes: ArraySlice<UInt8>, _ label: String) throws {
            TestFiles.remove(blobPath)
            if let blobBytes { TestFiles.write(blobBytes, to: blobPath) }
            var log = log0
            log.replaceSubrange(end0..<end0 + frameBytes.count, with: frameBytes)
            TestFiles.write(log, to: path + "/1")
            TestFiles.write(head0, to: path + "/2")
            for leftover in (Directory.entries(path) ?? []) where leftover.hasPrefix("5-") { TestFiles.remove(path + "/" + leftover) }
            // A writing command opens it (setting aside an unfinished frame), then `check`.
            let reopened = try Vault.open(at: path, passphrase: Self.passphrase)
            let report = reopened.checkIntegrity()
            let complete = frameBytes.count == frame.count
            #expect(report.isIntact, "\(label): \(report.storeIssues)")
            #expect(ids0.isSubset(of: Set(reopened.items.keys)), "\(label): an entry was lost")
            #expect(reopened.items[incident.id]?.attachments.count == (complete ? 1 : 0), "\(label)")
            #expect(report.unreferencedFiles == (blobBytes != nil && !complete ? [name] : []), "\(label)")
            if complete { #expect(report.attachmentsChecked == 1 && report.attachmentProblems.isEmpty, "\(label)") }
            if !report.unreferencedFiles.isEmpty { orphans += 1 }
            reopened.store.close()
            cases += 1
        }

        // 1. The blob being written: created empty, cut inside either chunk or at the boundary
        //    between them. (Nothing reads a blob no entry names, so where it is cut matters
        //    less than that it is left alone.)
        let boundary = 65_536 + 16
        for cut in [0, 1, 100, boundary - 1, boundary, boundary + 1, blob.count - 1, blob.count] {
            try state(blob: Array(blob[..<cut]), frame: [], "blob cut at \(cut)")
        }
        // 2. The blob is whole and synced; the entry's frame is being appended: cut at every
        //    byte of its header and nonce, every 7th byte of its sealed part, and its end.
        let frameCuts = Set(0...60).union(stride(from: 60, to: frame.count, by: 7)).union(frame.count - 16...frame.count)
        for cut in frameCuts.sorted() { try state(blob: blob, frame: frame[..<cut], "frame cut at \(cut)") }
        // 3. A failed attach that removed its blob (a full disk): nothing at all.
        try state(blob: nil, frame: [], "blob removed")
        print("crash during an attachment: \(cases) states opened and checked, \(orphans) left a harmless unreferenced file, 0 entries lost")
    }
}
