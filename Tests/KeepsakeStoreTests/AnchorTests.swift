import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The anchor's text form: it round-trips, forgives what people do when copying by hand
/// (case, O/0, I/L/1, spaces, missing hyphens) and catches every typo it can be sure of.
@Suite struct AnchorTests {
    /// The tree head of the 8 reference leaves, in a vault tagged 0x0123_4567.
    static let sample = Anchor(treeSize: 8, root: ReferenceVectors.roots[7], vaultTag: 0x0123_4567)
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The characters after `KS1-` without hyphens.
    static func body(_ anchor: Anchor) -> [Character] {
        Array(anchor.text.dropFirst(Anchor.prefix.count).filter { $0 != "-" })
    }

    static func text(body: [Character]) -> String { Anchor.prefix + String(body) }

    // MARK: Format

    @Test func textIsThePrefixAnd14GroupsOfFive() {
        let text = Self.sample.text
        #expect(text.count == 87)
        #expect(text.hasPrefix("KS1-"))
        let groups = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
        #expect(groups.count == 14)
        #expect(groups.allSatisfy { $0.count == 5 && $0.allSatisfy(Self.alphabet.contains) })
        #expect(Self.sample.description == text)
    }

    @Test func textIsStableForAKnownTreeHead() throws {
        // Pinned so that an accidental change of layout or checksum shows up here; computed
        // independently from the documented layout with a Python Bech32m and Crockford encoder.
        let text = "KS1-04HMA-SR000-00GQE-9V9WT-E1JSN-6PNB7-5Q07F-DK8NB-KP13N-B9F95-GCZRV-GXZT6-0GS87-20HCA"
        #expect(Self.sample.text == text)
        #expect(try Anchor(parsing: text) == Self.sample)
    }

    @Test func contentBytesFollowTheDocumentedLayout() {
        let bytes = Self.sample.contentBytes
        #expect(bytes.count == 40)
        #expect(Array(bytes[0..<4]) == [0x01, 0x23, 0x45, 0x67])
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 8])
        #expect(Array(bytes[8..<40]) == ReferenceVectors.roots[7])
        // The data symbols are those bytes in plain Crockford base32, 5 bits a character.
        let data = Self.body(Self.sample).prefix(64)
        #expect(String(data).hasPrefix("04HMASR00000GQE"))
    }

    @Test func checksumIsBech32mAsPublishedInBIP350() {
        // Valid Bech32m strings from BIP-350's test vectors (github.com/bitcoin/bips,
        // bip-0350.mediawiki), mapped from Bech32's alphabet to symbol values.
        let bech32Alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")
        for vector in ["a1lqfn3a", "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
                       "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa"] {
            let separator = vector.lastIndex(of: "1")!
            let hrp = String(vector[..<separator])
            let symbols = vector[vector.index(after: separator)...].map { UInt8(bech32Alphabet.firstIndex(of: $0)!) }
            #expect(AnchorCode.isValid(symbols, prefix: hrp), "\(vector)")
            #expect(AnchorCode.checksum(for: Array(symbols.dropLast(6)), prefix: hrp) == Array(symbols.suffix(6)), "\(vector)")
        }
    }

    // MARK: Round trips

    @Test func anchorsRoundTripThroughTheirText() throws {
        var generator = MerkleTestGenerator(seed: 87)
        var anchors = [
            Self.sample,
            Anchor(treeSize: 0, root: MerkleHash.emptyRoot, vaultTag: 0),
            Anchor(treeSize: Int(UInt32.max), root: [UInt8](repeating: 0xff, count: 32), vaultTag: .max),
            Anchor(treeSize: 1, root: [UInt8](repeating: 0, count: 32), vaultTag: 1),
        ]
        for _ in 0..<200 {
            anchors.append(Anchor(treeSize: Int(UInt32.random(in: 0...UInt32.max, using: &generator)),
                                  root: generator.bytes(32), vaultTag: UInt32.random(in: 0...UInt32.max, using: &generator)))
        }
        for anchor in anchors {
            let parsed = try Anchor(parsing: anchor.text)
            #expect(parsed == anchor)
            #expect(parsed.treeSize == anchor.treeSize && parsed.root == anchor.root && parsed.vaultTag == anchor.vaultTag)
        }
    }

    @Test func parsingForgivesCaseLookAlikesSpacesAndMissingHyphens() throws {
        let text = Self.sample.text
        let variants: [String] = [
            text.lowercased(),
            text.replacing("0", with: "O"),
            text.replacing("0", with: "o").replacing("1", with: "l"),
            text.replacing("1", with: "I"),
            text.replacing("1", with: "i"),
            text.replacing("-", with: " "),
            text.replacing("-", with: ""),
            text.replacing("-", with: "\u{2013}"),
            "  " + text.replacing("-", with: "\n") + "\n",
            "ks 1 " + String(text.dropFirst(4)),
            String(text.prefix(43)) + "\n" + String(text.dropFirst(43)),
        ]
        for variant in variants {
            #expect(try Anchor(parsing: variant) == Self.sample, "\(variant)")
        }
    }

    @Test func aFirstGroupOfDigitsTypedWithoutTheHyphenStillReads() throws {
        // Find an anchor whose first group is all digits, then drop the hyphen after KS1.
        var generator = MerkleTestGenerator(seed: 5)
        var found = 0
        while found < 3 {
            let anchor = Anchor(treeSize: 3, root: generator.bytes(32), vaultTag: UInt32.random(in: 0...9, using: &generator))
            let text = anchor.text
            guard text.dropFirst(4).prefix(5).allSatisfy(\.isNumber) else { continue }
            #expect(try Anchor(parsing: "KS1" + text.dropFirst(4)) == anchor)
            found += 1
        }
    }

    // MARK: Typos

    @Test func everySingleCharacterSubstitutionIsCaughtAndLocated() {
        let body = Self.body(Self.sample)
        #expect(body.count == 70)
        var substitutions = 0, caught = 0, located = 0
        for position in body.indices {
            for replacement in Self.alphabet where replacement != body[position] {
                var typo = body
                typo[position] = replacement
                substitutions += 1
                do throws(AnchorError) {
                    _ = try Anchor(parsing: Self.text(body: typo))
                    Issue.record("substitution at \(position) by \(replacement) not caught")
                } catch .checksumMismatch(let suspect) {
                    caught += 1
                    if suspect == Anchor.CharacterPosition(group: position / 5 + 1, offset: position % 5 + 1) {
                        located += 1
                    }
                } catch {
                    Issue.record("substitution at \(position): \(error)")
                }
            }
        }
        #expect(substitutions == 70 * 31)
        #expect(caught == substitutions)
        #expect(located == substitutions)
    }

    @Test func charactersOutsideTheAlphabetAreNamed() {
        let body = Self.body(Self.sample)
        var count = 0
        for (position, bad) in [(0, "U"), (10, "u"), (33, "!"), (69, "é"), (50, "*")] as [(Int, Character)] {
            var typo = body
            typo[position] = bad
            #expect(throws: AnchorError.invalidCharacter(bad)) { try Anchor(parsing: Self.text(body: typo)) }
            count += 1
        }
        #expect(count == 5)
    }

    @Test func everySwapOfTwoNeighbouringCharactersIsCaught() {
        let body = Self.body(Self.sample)
        var swaps = 0
        for position in 0..<(body.count - 1) where body[position] != body[position + 1] {
            var typo = body
            typo.swapAt(position, position + 1)
            swaps += 1
            #expect(throws: AnchorError.checksumMismatch(suspect: nil), "swap at \(position)") {
                try Anchor(parsing: Self.text(body: typo))
            }
        }
        #expect(swaps > 60)
    }

    @Test func twoToFourTyposAreCaughtAndNeverBlamedOnOneCharacterUpToThree() {
        var generator = MerkleTestGenerator(seed: 4)
        let body = Self.body(Self.sample)
        for errors in 2...4 {
            for _ in 0..<300 {
                var typo = body
                var positions = Set<Int>()
                while positions.count < errors { positions.insert(Int.random(in: 0..<70, using: &generator)) }
                for position in positions {
                    typo[position] = Self.alphabet.filter { $0 != body[position] }.randomElement(using: &generator)!
                }
                do throws(AnchorError) {
                    _ = try Anchor(parsing: Self.text(body: typo))
                    Issue.record("\(errors) typos at \(positions.sorted()) not caught")
                } catch .checksumMismatch(let suspect) {
                    if errors <= 3 { #expect(suspect == nil, "\(errors) typos at \(positions.sorted())") }
                } catch {
                    Issue.record("\(error)")
                }
            }
        }
    }

    // MARK: Wrong prefix, version and length

    @Test func textThatIsNotAnAnchorIsNamed() {
        let body = String(Self.sample.text.dropFirst(4))
        for text in ["", "   ", "hello", "K", "KS", "KS-", "KSX-" + body, "XS1-" + body, "S1-" + body,
                     "KT1-" + body, body, "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgp"] {
            #expect(throws: AnchorError.notAnAnchor, "\(text)") { try Anchor(parsing: text) }
        }
    }

    @Test func anotherFormatVersionIsNamed() {
        let body = String(Self.sample.text.dropFirst(4))
        #expect(throws: AnchorError.unknownVersion("2")) { try Anchor(parsing: "KS2-" + body) }
        #expect(throws: AnchorError.unknownVersion("0")) { try Anchor(parsing: "ks0-" + body) }
        #expect(throws: AnchorError.unknownVersion("12")) { try Anchor(parsing: "KS12-" + body) }
        #expect(throws: AnchorError.unknownVersion("2")) { try Anchor(parsing: "KS2 " + body.filter { $0 != "-" }) }
        // Run together with a first group of digits, the version reads as all those digits.
        #expect(throws: AnchorError.unknownVersion("204")) { try Anchor(parsing: "KS2" + body.filter { $0 != "-" }) }
    }

    @Test func missingOrExtraCharactersAreNamed() {
        let text = Self.sample.text
        #expect(throws: AnchorError.wrongLength(found: 69, expected: 70)) { try Anchor(parsing: String(text.dropLast())) }
        #expect(throws: AnchorError.wrongLength(found: 65, expected: 70)) { try Anchor(parsing: String(text.dropLast(6))) }
        #expect(throws: AnchorError.wrongLength(found: 71, expected: 70)) { try Anchor(parsing: text + "7") }
        #expect(throws: AnchorError.wrongLength(found: 75, expected: 70)) { try Anchor(parsing: text + "-ABCDE") }
        #expect(throws: AnchorError.wrongLength(found: 0, expected: 70)) { try Anchor(parsing: "KS1-") }
        // A character typed twice.
        var doubled = Self.body(Self.sample)
        doubled.insert(doubled[20], at: 20)
        #expect(throws: AnchorError.wrongLength(found: 71, expected: 70)) { try Anchor(parsing: Self.text(body: doubled)) }
    }

    @Test func everyErrorSaysWhatToDoInOneLine() {
        let errors: [AnchorError] = [
            .notAnAnchor, .unknownVersion("2"), .invalidCharacter("U"), .wrongLength(found: 60, expected: 70),
            .wrongLength(found: 71, expected: 70), .checksumMismatch(suspect: nil),
            .checksumMismatch(suspect: Anchor.CharacterPosition(group: 3, offset: 2)),
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        #expect(AnchorError.checksumMismatch(suspect: nil).description
            == "this anchor has a typo: its checksum does not match; copy it again from where it was sent")
        #expect(AnchorError.checksumMismatch(suspect: .init(group: 3, offset: 2)).description.contains("character 2 of group 3"))
        #expect(AnchorError.wrongLength(found: 60, expected: 70).description.contains("10 character(s) are missing"))
    }

    // MARK: Use

    @Test func vaultTagIsAHashOfTheVaultIdNotTheIdItself() {
        let id = Array(0..<16 as Range<UInt8>)
        let tag = Anchor.vaultTag(forVaultId: id)
        let digest = SHA256.hash(Array("keepsake/v1/anchor-vault-tag".utf8) + id)
        #expect(tag == UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3]))
        #expect(tag == Anchor.vaultTag(forVaultId: id))
        #expect(tag != Anchor.vaultTag(forVaultId: Array(id.reversed())))
        #expect(tag != 0x0001_0203)
    }

    @Test func anAnchorSentEarlierChecksAgainstTheGrownLog() throws {
        var tree = MerkleTree()
        for i in 0..<37 { tree.appendLeaf(input: Array("entry \(i)".utf8)) }
        let sent = Anchor(treeSize: tree.count, root: tree.root, vaultTag: 7).text
        for i in 37..<100 { tree.appendLeaf(input: Array("entry \(i)".utf8)) }

        let anchor = try Anchor(parsing: sent.lowercased())
        let proof = tree.consistencyProof(from: anchor.treeSize, to: tree.count)
        #expect(MerkleVerifier.verifyConsistency(
            oldSize: anchor.treeSize, newSize: tree.count, oldRoot: anchor.root, newRoot: tree.root, proof: proof))

        // The same log with entry 5 rewritten does not match the anchor.
        var rewritten = MerkleTree()
        for i in 0..<100 { rewritten.appendLeaf(input: Array((i == 5 ? "changed" : "entry \(i)").utf8)) }
        let forged = rewritten.consistencyProof(from: anchor.treeSize, to: rewritten.count)
        #expect(!MerkleVerifier.verifyConsistency(
            oldSize: anchor.treeSize, newSize: rewritten.count, oldRoot: anchor.root, newRoot: rewritten.root, proof: forged))
    }
}
