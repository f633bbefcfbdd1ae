import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// The attacks of issue 16 on the evidence chain, made as a forger would: a changed report
/// re-signed with the forger's own key, and invented entries extending an anchored tree whose
/// size is a power of two. Each fails against the owner's anchor (KS2), and a changed report
/// fails even with no anchor at all.
@Suite struct ForgeryTests {
    let folder = TemporaryFolder()

    /// A forger's own Ed25519 key, used as the vault key would be.
    struct Forger {
        init() {}
        let key = Ed25519.PrivateKey()

        /// Rewrites the bundle in `path` as a forger can: `change` edits its files, then every
        /// file hash in the manifest is recomputed, the tree head re-signed with the forger's
        /// key, the manifest signed with it in minisign format, and the forger's key put in
        /// keepsake-vault.pub.
        func reseal(_ path: String, treeHead: Manifest.TreeHead? = nil, _ change: (inout [String: [UInt8]]) throws -> Void) throws {
            let names = try FileManager.default.subpathsOfDirectory(atPath: path).filter { name in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
            }
            var files: [String: [UInt8]] = [:]
            for name in names { files[name] = TestFiles.read(path + "/" + name) }
            try change(&files)
            var manifest = try JSONCoding.decode(Manifest.self, from: try #require(files[BundleLayout.manifest]))
            if let treeHead { manifest.treeHead = treeHead }
            files[BundleLayout.publicKey] = Array(BundleSigning.publicKeyFile(key.publicKey).text.utf8)
            manifest.signingKey = HexText.string(key.publicKey.bytes)
            let id = try #require(HexText.bytes(manifest.treeHead.vaultId))
            let root = try #require(HexText.bytes(manifest.treeHead.root))
            manifest.treeHead.signature = HexText.string(key.signature(for: SignedTreeHead.signedMessage(
                vaultId: id, treeSize: manifest.treeHead.treeSize, root: root, timestamp: manifest.treeHead.timestampMilliseconds)))
            manifest.files = manifest.files.compactMap { file in
                guard let bytes = files[file.path] else { return nil }
                return Manifest.File(path: file.path, sha256: HexText.string(SHA256.hash(bytes)), size: UInt64(bytes.count))
            }
            let manifestBytes = try JSONCoding.encode(manifest)
            files[BundleLayout.manifest] = manifestBytes
            files[BundleLayout.signature] = Array(try BundleSigning.sign(
                manifestBytes, key: key, vaultId: id, treeSize: manifest.treeHead.treeSize, exportedAt: manifest.exportedAt).utf8)
            for (name, bytes) in files {
                let target = path + "/" + name
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                TestFiles.write(bytes, to: target)
            }
        }
    }

    func makeVault(_ name: String = "vault") throws -> Vault {
        try Vault.create(at: folder.appending(name), passphrase: Passphrase(copying: "forgery test words"), parameters: TestKDF.cheap)
    }

    func exportAndUnpack(_ vault: Vault, name: String = "out") throws -> String {
        var sink = BytesSink()
        try BundleExporter.export(vault, filters: BundleFilters(), to: &sink, timeZone: TimeZone(identifier: "Europe/Paris")!)
        let zip = folder.appending(name + ".zip")
        TestFiles.write(sink.bytes, to: zip)
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try SafeArchive(archiveURL: URL(fileURLWithPath: zip)).unpack(into: out)
        return out
    }

    static func replacing(_ bytes: [UInt8]?, _ old: String, _ new: String) throws -> [UInt8] {
        let text = String(decoding: try #require(bytes), as: UTF8.self)
        #expect(text.contains(old), "the forger finds the sentence to change")
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test func aForgedReportResignedWithAnotherKeyFailsWithTheOwnersAnchorAndWithNone() throws {
        let vault = try makeVault()
        try vault.add(.incident(Incident(
            occurred: Occurrence(start: Date(timeIntervalSince1970: 1_767_225_600)), kinds: [.physical],
            account: "He shoved me hard against the wall.")))
        try vault.checkpointIfNeeded()
        let pinned = try #require(vault.store.currentPinnedAnchor)
        let legacy = try #require(vault.store.currentAnchor)
        let owner = vault.store.signingKeyFingerprint.text
        let path = try exportAndUnpack(vault)
        #expect(BundleVerifier.verify(BundleFolder(path: path), anchor: .pinned(pinned)).verified)

        let forger = Forger()
        try forger.reseal(path) { files in
            files["report.html"] = try Self.replacing(files["report.html"], "He shoved me hard against the wall.", "Nothing happened.")
            files["incidents.csv"] = try Self.replacing(files["incidents.csv"], "He shoved me hard against the wall.", "Nothing happened.")
        }
        let bundle = BundleFolder(path: path)
        let forgerPrint = KeyFingerprint(forger.key.publicKey).text

        // With the owner's anchor: the key is not the anchor's, and the report is not the entries'.
        let anchored = BundleVerifier.verify(bundle, anchor: .pinned(pinned))
        #expect(!anchored.passed)
        #expect(anchored.verdict.hasPrefix("NOT VERIFIED"))
        let anchorCheck = try #require(anchored.checks.first { $0.name == "anchor" })
        #expect(!anchorCheck.passed && anchorCheck.detail.contains(owner) && anchorCheck.detail.contains(forgerPrint), "\(anchorCheck)")
        #expect(anchored.checks.first { $0.name == "report" }?.passed == false)

        // With an old KS1 anchor, which does not pin the key: the report still fails.
        let old = BundleVerifier.verify(bundle, anchor: .legacy(legacy))
        #expect(!old.passed && old.checks.first { $0.name == "report" }?.passed == false, "\(old.checks)")

        // With no anchor: the signature, files and proofs hold (the forger signed them), but
        // the report does not say what the entries say.
        let bare = BundleVerifier.verify(bundle)
        #expect(!bare.passed)
        #expect(!bare.verified && bare.verdict.hasPrefix("NOT VERIFIED"))
        #expect(bare.checks.filter { !$0.passed }.map(\.name) == ["report"], "\(bare.checks)")
    }

    /// The forger knows only the anchor and the vault id (printed in every bundle's minisig
    /// comment). The anchored tree has one record, a power of two, so its root is the left
    /// subtree of any larger tree: invented entries to its right, signed with the forger's
    /// key, carry valid inclusion and consistency proofs.
    @Test func inventedEntriesExtendingAPowerOfTwoAnchoredTreeFailAgainstAPinnedAnchor() throws {
        let vault = try makeVault()
        try vault.add(.incident(Incident(account: "He threw my keys in the river.")))
        try vault.checkpointIfNeeded()
        let head = try #require(vault.store.latestCheckpoint)
        #expect(head.treeSize == 1)
        let pinned = try #require(vault.store.currentPinnedAnchor)
        let legacy = try #require(vault.store.currentAnchor)
        let ownerPath = try exportAndUnpack(vault)
        let ownerManifest = try JSONCoding.decode(Manifest.self, from: try #require(BundleFolder(path: ownerPath).read(BundleLayout.manifest)))

        // The invented entry, at position 1 of a tree of 2 whose left half is the anchored root.
        let invented = Entry(kind: .incident, incident: Incident(
            occurred: Occurrence(start: Date(timeIntervalSince1970: 1_767_225_600)), account: "I hit him first."))
        let record = LogRecord(seq: 1, kind: .entry, writtenAt: head.timestamp + 1000, payload: invented.encoded())
        let salt = [UInt8](repeating: 7, count: 32)
        let leaf = EntryCommitment.leafHash(salt: salt, seq: 1, plaintext: record.plaintext)
        let root = MerkleHash.node(legacy.root, leaf)
        let forger = Forger()
        let path = folder.appending("forged")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var treeHead = ownerManifest.treeHead
        treeHead.treeSize = 2
        treeHead.root = HexText.string(root)
        treeHead.timestampMilliseconds = head.timestamp + 2000
        treeHead.anchor = Anchor(treeSize: 2, root: root, vaultTag: legacy.vaultTag).text
        var manifest = ownerManifest
        manifest.treeHead = treeHead
        manifest.consistency = [Manifest.Consistency(fromSize: 1, fromRoot: HexText.string(legacy.root), proof: [HexText.string(leaf)])]
        manifest.files = []
        let entries = EntriesFile(format: "keepsake-entries/1", entries: [DisclosedEntry(record: record, salt: salt, proof: [legacy.root])])
        let human = HumanFiles.render(HumanFiles.Input(
            selection: BundleSelection(disclosed: [record]), filters: manifest.filters, exportedAtText: manifest.exportedAt,
            exportedAt: ISO8601DateFormatter().date(from: manifest.exportedAt)!, timeZone: TimeZone(identifier: manifest.timeZone!)!,
            treeSize: 2, root: root, legacyAnchor: treeHead.anchor, publicKey: forger.key.publicKey, layout: ReportLayout.current)
        ) { _, _ in nil }
        var files: [String: [UInt8]] = ["entries.json": try JSONCoding.encode(entries)]
        for file in human.files { files[file.path] = file.bytes }
        for (name, bytes) in files {
            manifest.files.append(Manifest.File(path: name, sha256: HexText.string(SHA256.hash(bytes)), size: UInt64(bytes.count)))
            TestFiles.write(bytes, to: path + "/" + name)
        }
        manifest.files.append(Manifest.File(path: BundleLayout.publicKey, sha256: "", size: 0))
        TestFiles.write(try JSONCoding.encode(manifest), to: path + "/" + BundleLayout.manifest)
        try forger.reseal(path, treeHead: treeHead) { _ in }

        let bundle = BundleFolder(path: path)
        // The forgery is otherwise perfect: against the old KS1 anchor everything checks out
        // (that format does not pin the key, and the verdict says so).
        let old = BundleVerifier.verify(bundle, anchor: .legacy(legacy))
        #expect(old.passed, "\(old.checks)")
        #expect(old.verdict.contains("does not pin the vault's key"))
        #expect(old.signerFingerprint != vault.store.signingKeyFingerprint.text)
        // Against the owner's KS2 anchor it fails, naming both keys.
        let anchored = BundleVerifier.verify(bundle, anchor: .pinned(pinned))
        #expect(!anchored.passed)
        let check = try #require(anchored.checks.first { $0.name == "anchor" })
        #expect(!check.passed)
        #expect(check.detail.contains(pinned.keyFingerprint) && check.detail.contains(KeyFingerprint(forger.key.publicKey).text))
        // Without an anchor it is SIGNED by an unknown key, never VERIFIED.
        let bare = BundleVerifier.verify(bundle)
        #expect(bare.passed && !bare.verified && bare.verdict.hasPrefix("SIGNED"), "\(bare.checks)")
    }

    @Test func aBindingForAnotherRootOrKeyIsRefusedEvenWithTheSameKeyId() throws {
        let vault = try makeVault()
        try vault.add(.incident(Incident(account: "x")))
        try vault.checkpointIfNeeded()
        let pinned = try #require(vault.store.currentPinnedAnchor)
        var binding = pinned.binding
        binding[0] ^= 1
        let altered = PinnedAnchor(keyId: pinned.keyId, treeSize: pinned.treeSize, binding: binding)
        let path = try exportAndUnpack(vault)
        let result = BundleVerifier.verify(BundleFolder(path: path), anchor: .pinned(altered))
        #expect(!result.passed)
        #expect(vault.store.status(of: .pinned(altered)) == .differs)
        #expect(vault.store.status(of: .pinned(pinned)) == .matches)
    }
}
