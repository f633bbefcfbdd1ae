import Foundation

/// How hard a passphrase is to guess, estimated the way zxcvbn does (Wheeler, USENIX Security
/// 2016): the cheapest way to build it from common passwords, words, names, years, dates,
/// keyboard walks, repeats and sequences (also reversed or in l33t), counted in guesses. Its
/// frequency lists are zxcvbn's, trimmed (MIT licence: Data/LICENSE-zxcvbn.txt).
public struct PassphraseStrength: Sendable {
    /// log2 of the guesses an attacker who knows these patterns needs.
    public let bits: Double
    /// Why it is weak, in plain words, when it is (the weakest part found).
    public let reason: String?

    /// The floor for a vault's passphrase, a recovery-adjacent secret or a bundle's passphrase.
    public static let minimumBits = 50.0

    /// Whether it reaches `minimumBits`.
    public var isStrongEnough: Bool { bits >= Self.minimumBits }

    /// Estimates `passphrase` (as typed; compared without regard to case where zxcvbn does).
    /// Only the first 100 characters are examined (longer is strong anyway: each character
    /// beyond counts as ten guesses at least).
    public init(_ passphrase: String) {
        let scalars = Array(passphrase.unicodeScalars)
        let examined = Array(scalars.prefix(100))
        let result = Scoring.mostGuessable(examined)
        bits = log2(result.guesses) + Double(scalars.count - examined.count) * log2(10)
        reason = bits >= Self.minimumBits ? nil : Self.explain(result.sequence, length: examined.count)
    }

    private static func explain(_ sequence: [Match], length: Int) -> String {
        // The part that covers the most of the passphrase most cheaply says why.
        let named = sequence.filter { $0.pattern != .bruteforce }
        guard let main = named.max(by: { $0.length < $1.length }) else {
            return length < 12 ? "it is short" : "it is too easy to guess"
        }
        switch main.pattern {
        case let .dictionary(list, rank, reversed, l33t):
            var what: String
            switch list {
            case "passwords": what = rank <= 100 ? "it is built on one of the passwords people use most often" : "it is built on a password people often use"
            case "female_names", "male_names", "surnames": what = "it is built on a name, and names are easy to guess"
            default: what = "it is built on a common word"
            }
            if reversed { what += ", even spelled backwards" }
            if !l33t.isEmpty { what += " (swapping letters for look-alike numbers or symbols does not help much)" }
            if named.contains(where: { if case .recentYear = $0.pattern { return true }; if case .date = $0.pattern { return true }; return false }) {
                what += ", with a year or date, which are easy to guess too"
            } else if sequence.count > 1, sequence.contains(where: { $0.pattern == .bruteforce && $0.length <= 4 }) {
                what += ", and a few added numbers or symbols are easy to guess"
            }
            return what
        case .spatial: return "it follows keys next to each other on the keyboard"
        case .repeat: return "it repeats the same characters"
        case .sequence: return "it is a sequence like abc or 1234"
        case .recentYear, .date: return "it is built on a year or a date, which are easy to guess"
        case .bruteforce: return "it is too easy to guess"
        }
    }
}
