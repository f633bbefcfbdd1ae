import Foundation
import Testing
@testable import KeepsakeStrength

/// The strength estimate against the reference zxcvbn 4.5.0 (Python, `Tools/zxcvbn-reference.py`
/// wrote what it said for each sample) and against the weak passphrases an attacker tried.
@Suite struct PassphraseStrengthTests {
    struct Reference: Decodable { let password: String; let bits: Double }

    static let reference: [Reference] = {
        let url = Bundle.module.url(forResource: "zxcvbn-reference", withExtension: "json")!
        return try! JSONDecoder().decode([Reference].self, from: Data(contentsOf: url))
    }()

    @Test func estimatesFollowTheReferenceImplementation() {
        var close = 0
        for sample in Self.reference {
            let ours = PassphraseStrength(sample.password).bits
            let difference = ours - sample.bits
            // Our lists are trimmed (a word past the kept ranks is guessed letter by letter:
            // more bits) and our years reach 2049 (fewer bits for 2018–2049).
            if abs(difference) <= 0.1 { close += 1 }
            // Never on the other side of the floor.
            #expect((ours >= 50) == (sample.bits >= 50), "\(sample.password): reference \(sample.bits), ours \(ours)")
        }
        // (No sample is printed: one is a passphrase the CLI tests use, and NoTracesTests looks
        // for it in the temporary folder, where a log of this run may be.)
        print("zxcvbn reference: \(close) of \(Self.reference.count) samples within 0.1 bit")
        #expect(close * 10 >= Self.reference.count * 9, "\(close) of \(Self.reference.count) within 0.1 bit")
    }

    @Test(arguments: [
        ("iloveyou2024", "people use most often"), ("thanksgiving", "common word"), ("Password1234", "people use most often"),
        ("Jessica2019!", "name"), ("letmein2024", "people use most often"), ("0123456789", "sequence"),
    ])
    func theWeakPassphrasesTheAttackerTriedAreRefusedWithTheirReason(_ passphrase: String, _ reason: String) {
        let strength = PassphraseStrength(passphrase)
        #expect(!strength.isStrongEnough, "\(passphrase): \(strength.bits) bits")
        #expect(strength.reason?.contains(reason) == true, "\(passphrase): \(strength.reason ?? "no reason")")
    }

    @Test func randomWordsAreAccepted() {
        for words in ["stable river lantern quilt", "orbit walnut fjord ukulele", "maple harbor velvet ember",
                      "copper saddle nimbus gecko yarrow"] {
            #expect(PassphraseStrength(words).isStrongEnough, "\(words)")
        }
    }
}
