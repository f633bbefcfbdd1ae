import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The KS2 anchor: it pins the vault's signing key (a 144-bit binding of key, tree size and
/// root), prints short enough to copy by hand, forgives what people do when copying, and
/// catches typos; KS1 anchors keep reading.
@Suite struct PinnedAnchorTests {
    static let key = Ed25519.PrivateKey().publicKey
    static let other = Ed25519.PrivateKey().publicKey
    static let root = ReferenceVectors.roots[7]
    static let sample = PinnedAnchor(publicKey: key, treeSize: 8, root: root)
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func textIsThePrefixAndNineGroupsOfSix() {
        let text = Self.sample.text
        #expect(text.count == 66)
        #expect(text.hasPrefix("KS2-"))
        let groups = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
        #expect(groups.count == 9)
        #expect(groups.allSatisfy { $0.count == 6 && $0.allSatisfy(Self.alphabet.contains) })
    }

    @Test func theBindingCoversTheKeyTheSizeAndTheRoot() {
        #expect(Self.sample.binding.count == 18, "144 bits")
        #expect(Self.sample.pins(publicKey: Self.key, root: Self.root))
        #expect(!Self.sample.pins(publicKey: Self.other, root: Self.root))
        #expect(!Self.sample.pins(publicKey: Self.key, root: ReferenceVectors.roots[6]))
        #expect(PinnedAnchor(publicKey: Self.key, treeSize: 7, root: Self.root).binding != Self.sample.binding)
        #expect(Self.sample.keyId == KeyFingerprint(Self.key).keyId)
        #expect(Self.sample.keyFingerprint == KeyFingerprint(Self.key).text)
        // The documented layout: SHA-256("keepsake/v2/anchor" ‖ key ‖ size u64 ‖ root), first 18 bytes.
        let expected = SHA256.hash(Array("keepsake/v2/anchor".utf8) + Self.key.bytes + [0, 0, 0, 0, 0, 0, 0, 8] + Self.root).prefix(18)
        #expect(Self.sample.binding == Array(expected))
    }

    @Test func theFingerprintIsTheMinisignKeyIdAsMinisignPrintsIt() throws {
        // BLAKE2b-256 of the key, first 8 bytes, read as a little-endian number, hex without leading zeros.
        let digest = try BLAKE2b.hash(Self.key.bytes, outputByteCount: 32)
        let number = digest.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(KeyFingerprint(Self.key).text == String(number, radix: 16, uppercase: true))
    }

    @Test func bothFormatsParseAndForgiveCopyingByHand() throws {
        let text = Self.sample.text
        for form in [text, text.lowercased(), text.replacingOccurrences(of: "-", with: ""),
                     text.replacingOccurrences(of: "-", with: " ") + "\n", "  " + text.replacingOccurrences(of: "0", with: "O")] {
            #expect(try SharedAnchor(parsing: form) == .pinned(Self.sample), "\(form)")
        }
        let legacy = Anchor(treeSize: 8, root: Self.root, vaultTag: 0x0123_4567)
        #expect(try SharedAnchor(parsing: legacy.text) == .legacy(legacy))
        #expect(try SharedAnchor(parsing: legacy.text.replacingOccurrences(of: "-", with: "")) == .legacy(legacy))
        #expect(throws: AnchorError.unknownVersion("3")) { try SharedAnchor(parsing: "KS3-" + text.dropFirst(4)) }
        #expect(throws: AnchorError.notAnAnchor) { try SharedAnchor(parsing: "hello") }
        #expect(throws: AnchorError.wrongLength(found: 53, expected: 54)) { try SharedAnchor(parsing: String(text.dropLast())) }
    }

    @Test func everySingleSubstitutionAndNeighbourSwapIsCaught() {
        let body = Array(Self.sample.text.dropFirst(4).filter { $0 != "-" })
        var located = 0
        for position in body.indices {
            for replacement in Self.alphabet where replacement != body[position] {
                var typo = body
                typo[position] = replacement
                do {
                    _ = try SharedAnchor(parsing: "KS2-" + String(typo))
                    Issue.record("a typo at \(position) was not caught")
                } catch let AnchorError.checksumMismatch(suspect) {
                    if suspect == Anchor.CharacterPosition(group: position / 6 + 1, offset: position % 6 + 1) { located += 1 }
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            if position + 1 < body.count && body[position] != body[position + 1] {
                var swapped = body
                swapped.swapAt(position, position + 1)
                #expect(throws: AnchorError.self) { try SharedAnchor(parsing: "KS2-" + String(swapped)) }
            }
        }
        #expect(located == body.count * 31, "every single typo is located")
    }

    @Test func aVaultTellsItsOwnAnchorFromAnotherKeysAndAChangedRecord() throws {
        let folder = TemporaryFolder()
        let store = try VaultStore.create(at: folder.appending("v"), passphrase: Passphrase(copying: "pinned anchor words"), parameters: TestKDF.cheap)
        _ = try store.append(Array("one".utf8))
        _ = try store.writeCheckpoint()
        let own = try #require(store.currentPinnedAnchor)
        #expect(store.status(of: .pinned(own)) == .matches)
        let foreign = PinnedAnchor(publicKey: Self.other, treeSize: own.treeSize, root: store.treeRoot(size: UInt64(own.treeSize)))
        #expect(store.status(of: .pinned(foreign)) == .otherKey(anchor: foreign.keyFingerprint, vault: store.signingKeyFingerprint.text))
        let changed = PinnedAnchor(publicKey: store.signingPublicKey, treeSize: own.treeSize, root: Self.root)
        #expect(store.status(of: .pinned(changed)) == .differs)
        let beyond = PinnedAnchor(publicKey: store.signingPublicKey, treeSize: 99, root: Self.root)
        #expect(store.status(of: .pinned(beyond)) == .beyondVault(anchorSize: 99, vaultSize: store.treeSize))
    }
}
