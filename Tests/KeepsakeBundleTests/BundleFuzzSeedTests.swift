import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle
@testable import KeepsakeMinisign

/// The seeds of the entry, minisign and bundle-archive fuzz targets in `Fixtures/fuzz/`; each
/// still means what it should. `KEEPSAKE_WRITE_FUZZ_SEEDS=1 swift test --filter
/// BundleFuzzSeedTests` writes them afresh.
@Suite struct BundleFuzzSeedTests {
    static let day = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    @Test func entrySeedsDecodeAsMade() throws {
        let incident = Incident(
            occurred: Occurrence(start: Self.day, end: Self.day.addingTimeInterval(1_200), approximate: true, note: "after dinner"),
            duration: "20 minutes", location: "kitchen", people: ["him"], witnesses: ["neighbour"], childrenPresent: true,
            childrenHarmed: "frightened", kinds: [.physical, .threats], account: "He pushed me. \"Quoted\" words; ünïcødé.",
            quotes: ["you'll regret it"], feelings: "afraid", injuries: "bruise", injuryLocations: ["left arm"],
            weapons: "a belt", highRisk: [.strangulation], medicalCare: "clinic", police: PoliceReport(involved: true, officer: "PC 12", reportNumber: "R-1"),
            technology: "tracked my phone")
        let blob = try AttachmentBlob(name: String(repeating: "ab", count: 16), key: .random(), sha256: SHA256.hash([1, 2, 3]), byteCount: 3)
        let target = EntryID.random()
        let entries: [(String, Entry)] = [
            ("incident.json", Entry(kind: .incident, incident: incident)),
            ("plan.json", Entry(kind: .planItem, planItem: PlanItem(category: .documents, title: "passport", notes: "in the drawer", due: Self.day))),
            ("contact.json", Entry(kind: .contact, contact: Contact(name: "Ana", role: .advocate, phone: "+44 1", email: "a@b.c", address: "1 Road", notes: "evenings", safeContact: "text first"))),
            ("attachment.json", Entry(kind: .attachment, target: target, attachment: AttachmentReference(blob: blob, mediaType: "image/jpeg", fileName: "arm.jpg", caption: "day 1"))),
            ("revision.json", Entry(kind: .revision, target: target, incident: Incident(account: "corrected"))),
            ("retraction.json", Entry(kind: .retraction, target: target, reason: "a duplicate")),
            ("draft.json", Entry(
                kind: .draft, id: try EntryID("00112233445566aa"),
                incident: Incident(childrenPresent: .notSure, account: "unfinished", unsureSigns: [.gunAccess]))),
            ("cycle.json", Entry(
                kind: .cycle, id: try EntryID("00112233445566bb"),
                cycle: CycleMoment(
                    kind: .promise, said: "I will change", occurred: Occurrence(start: Date(timeIntervalSince1970: 1_767_225_600)),
                    incident: try EntryID("0123456789abcdef"), outcome: .broken, outcomeOn: Date(timeIntervalSince1970: 1_769_904_000)))),
            ("check-in.json", Entry(
                kind: .checkIn, id: try EntryID("00112233445566cc"),
                checkIn: BondCheckIn(
                    replies: [.init(sign: .keepingItSecret, answer: .yes), .init(sign: .afraidToLeave, answer: .sometimes)],
                    note: "for me"))),
            ("profile.json", Entry(
                kind: .profile, id: try EntryID("00112233445566dd"),
                profile: Profile(
                    owner: "Jane", respondent: Respondent(name: "John", relationship: .formerSpouse, age: "1984"),
                    children: [Child(name: "A.", age: "7")],
                    firearms: Firearms(answer: .yes, kind: "handgun", count: "2", kept: "closet"),
                    pets: Pets(have: true, who: "Rex", harm: "kicked him")))),
            ("journal.json", Entry(
                kind: .journal, id: try EntryID("00112233445566dd"),
                journal: JournalEntry(text: "Therapy today.\n\nShe said \"maybe\", and no, I won't.", tags: ["therapy", "Self-care"]))),
            ("boundary.json", Entry(
                kind: .boundary, id: try EntryID("00112233445566dd"),
                boundary: Boundary(text: "No more shouting at me in front of the kids.\nNot \"maybe\", no."))),
            ("letter.json", Entry(
                kind: .letter, id: try EntryID("00112233445566ee"),
                letter: LetterToSelf(text: "Dear me,\n\nRemember the night of the phone.\nYou said: no, never again."))),
        ]
        for (name, entry) in entries {
            let seed = try FuzzSeeds.seed("entry", name) { entry.encoded() }
            let decoded = try Entry.decode(seed)
            #expect(decoded.kind == entry.kind && decoded.encoded() == seed, "\(name)")
        }
        let newer = try FuzzSeeds.seed("entry", "newer-schema.json") { Array(#"{"schema":5,"kind":"incident","id":"0123456789abcdef"}"#.utf8) }
        #expect(throws: VaultError.newerSchema(5)) { try Entry.decode(newer) }
    }

    @Test func minisignSeedsParseAndVerifyAgainstTheFuzzingKey() throws {
        let signingKey = try Ed25519.PrivateKey(seed: SecureBytes(copying: [UInt8](repeating: 0x4D, count: 32)))
        let signer = MinisignSigner(signingKey: signingKey)
        let content = Array("keepsake fuzzing content\n".utf8)
        let prehashed = try FuzzSeeds.seed("minisign-signature", "prehashed.minisig") {
            Array(try signer.sign(content, trustedComment: "timestamp:1767225600\tfile:content.txt\thashed").fileText.utf8)
        }
        #expect(try MinisignSignature(parsing: prehashed).verify(content: content, publicKey: signer.publicKey).hasPrefix("timestamp"))
        let legacy = try FuzzSeeds.seed("minisign-signature", "legacy.minisig") {
            let signature = signingKey.signature(for: content)
            let trusted = "timestamp:1767225600\tfile:content.txt"
            return Array(MinisignSignature(
                algorithm: .legacy, keyId: signer.publicKey.keyId, signature: signature, untrustedComment: "legacy signature",
                trustedComment: trusted, globalSignature: signingKey.signature(for: signature + Array(trusted.utf8))).fileText.utf8)
        }
        #expect(try MinisignSignature(parsing: legacy).verify(content: content, publicKey: signer.publicKey) == "timestamp:1767225600\tfile:content.txt")
        let keyFile = try FuzzSeeds.seed("minisign-public-key", "key.pub") { Array(try signer.publicKey.fileText().utf8) }
        #expect(try MinisignPublicKey(parsing: keyFile) == signer.publicKey)
        let bare = try FuzzSeeds.seed("minisign-public-key", "bare-line.txt") { Array((signer.publicKey.base64Line + "\n").utf8) }
        #expect(try MinisignPublicKey(parsing: bare) == signer.publicKey)
    }

    @Test func bundleArchiveSeedsVerifyOrAreRefusedAsMade() throws {
        let folder = TemporaryFolder()
        let bundle = try FuzzSeeds.seed("bundle-archive", "bundle.zip") {
            let vault = try Vault.create(at: folder.appending("vault"), passphrase: Passphrase(copying: "seed words"), parameters: TestKDF.cheap)
            let item = try vault.add(.incident(Incident(occurred: Occurrence(start: Self.day), kinds: [.verbal], account: "a short account")))
            var photo = BytesSource([0x89, 0x50, 0x4E, 0x47] + [UInt8](repeating: 7, count: 200))
            try vault.attach(from: &photo, fileName: "a.png", mediaType: "image/png", to: item.id)
            var sink = BytesSink()
            try BundleExporter.export(vault, filters: BundleFilters(), to: &sink, now: Self.day.addingTimeInterval(86_400), timeZone: TimeZone(identifier: "UTC")!)
            return sink.bytes
        }
        #expect(BundleVerifier.verify(try BundleArchive(path: "seed", data: Data(bundle))).passed)
        #expect(bundle.count < 131_072, "run.sh's -max_len for bundle-archive must cover the seed")
        // The inputs that once crashed ZIPFoundation through our reader stay in the corpus.
        for name in ZipBoundsTests.regressions.keys.sorted() {
            let seed = try FuzzSeeds.seed("bundle-archive", name) { ZipBoundsTests.regressions[name]! }
            #expect(seed == ZipBoundsTests.regressions[name], "\(name)")
        }
    }
}
