/// One way a stretch of a passphrase can be guessed (zxcvbn's "match"): a dictionary word
/// (maybe reversed or in l33t), a keyboard walk, a repeat, a sequence, a year, a date, or
/// characters guessed one by one. `i...j` are code-point positions.
struct Match {
    enum Pattern: Equatable {
        /// A word of a frequency list, at `rank` (1 = most common).
        case dictionary(list: String, rank: Int, reversed: Bool, l33t: [Unicode.Scalar: Unicode.Scalar])
        /// Neighbouring keys of a keyboard.
        case spatial(graph: String, turns: Int, shifted: Int)
        /// A token repeated: the guesses of one copy, and how many copies.
        case `repeat`(baseGuesses: Double, count: Double)
        /// Characters at a constant step (abc, 9753).
        case sequence(ascending: Bool)
        /// A year from 1900 to 2049.
        case recentYear(Int)
        /// A date, with or without separators.
        case date(year: Int, separated: Bool)
        /// Anything else: each character guessed on its own.
        case bruteforce
    }

    let pattern: Pattern
    let i: Int
    let j: Int
    let token: [Unicode.Scalar]

    var length: Int { j - i + 1 }
}

extension Array where Element == Unicode.Scalar {
    var text: String { String(String.UnicodeScalarView(self)) }
    var lowercased: [Unicode.Scalar] { Array(text.lowercased().unicodeScalars) }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// The digits as a number (the slice holds only ASCII digits, at most 4).
    var number: Int { reduce(0) { $0 * 10 + Int($1.value) - 48 } }
}
