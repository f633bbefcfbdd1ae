import Foundation

/// How many guesses each match costs, and the cheapest way to cover the whole passphrase with
/// matches: a port of zxcvbn 4.5.0's `scoring.py` (guesses in `Double`; only their logarithm
/// matters here).
enum Scoring {
    static let referenceYear = 2017
    static let minimumYearSpace = 20
    static let minGuessesBeforeGrowingSequence = 10_000.0

    /// The cheapest sequence of matches covering `password`, and its guesses.
    static func mostGuessable(_ password: [Unicode.Scalar], matches given: [Match]? = nil) -> (guesses: Double, sequence: [Match]) {
        let n = password.count
        guard n > 0 else { return (1, []) }
        let matches = given ?? Matching.all(password)
        var byEnd = [[Match]](repeating: [], count: n)
        for match in matches { byEnd[match.j].append(match) }
        for k in 0..<n { byEnd[k].sort { $0.i < $1.i } }
        // For each end k and sequence length l: the best match ending there, its product, total.
        var best = [[Int: (match: Match, pi: Double, g: Double)]](repeating: [:], count: n)

        func update(_ match: Match, _ l: Int) {
            let k = match.j
            var pi = guesses(match, passwordLength: n)
            if l > 1 { pi *= best[match.i - 1][l - 1]!.pi }
            var g = factorial(l) * pi
            g += pow(minGuessesBeforeGrowingSequence, Double(l - 1))
            for (competingL, competing) in best[k] where competingL <= l && competing.g <= g { return }
            best[k][l] = (match, pi, g)
        }
        func bruteforce(_ i: Int, _ j: Int) -> Match {
            Match(pattern: .bruteforce, i: i, j: j, token: Array(password[i...j]))
        }
        for k in 0..<n {
            for match in byEnd[k] {
                if match.i > 0 {
                    for l in best[match.i - 1].keys.sorted() { update(match, l + 1) }
                } else {
                    update(match, 1)
                }
            }
            update(bruteforce(0, k), 1)
            if k >= 1 {
                for i in 1...k {
                    for (l, last) in best[i - 1].sorted(by: { $0.key < $1.key }) where last.match.pattern != .bruteforce {
                        update(bruteforce(i, k), l + 1)
                    }
                }
            }
        }
        let (length, last) = best[n - 1].min { $0.value.g < $1.value.g }!
        var sequence: [Match] = []
        var k = n - 1, l = length
        while k >= 0 {
            let match = best[k][l]!.match
            sequence.insert(match, at: 0)
            k = match.i - 1
            l -= 1
        }
        return (last.g, sequence)
    }

    static func guesses(_ match: Match, passwordLength: Int) -> Double {
        let minimum: Double = match.length < passwordLength ? (match.length == 1 ? 10 : 50) : 1
        return max(rawGuesses(match), minimum)
    }

    static func rawGuesses(_ match: Match) -> Double {
        switch match.pattern {
        case .bruteforce:
            return max(pow(10, Double(match.length)), match.length == 1 ? 11 : 51)
        case let .dictionary(_, rank, reversed, l33t):
            return Double(rank) * uppercaseVariations(match.token) * l33tVariations(match.token, l33t) * (reversed ? 2 : 1)
        case let .spatial(graph, turns, shifted):
            let (starts, degree) = graph == "qwerty" || graph == "dvorak" ? Dictionaries.keyboard : Dictionaries.keypad
            var total = 0.0
            if match.length >= 2 {
                for i in 2...match.length {
                    let possibleTurns = min(turns, i - 1)
                    if possibleTurns >= 1 {
                        for j in 1...possibleTurns { total += choose(i - 1, j - 1) * starts * pow(degree, Double(j)) }
                    }
                }
            }
            if shifted > 0 {
                let unshifted = match.length - shifted
                total *= unshifted == 0 ? 2 : (1...min(shifted, unshifted)).reduce(0.0) { $0 + choose(shifted + unshifted, $1) }
            }
            return total
        case let .repeat(baseGuesses, count):
            return baseGuesses * count
        case let .sequence(ascending):
            let first = match.token[0]
            var base: Double = "aAzZ019".unicodeScalars.contains(first) ? 4 : ("0"..."9").contains(first) ? 10 : 26
            if !ascending { base *= 2 }
            return base * Double(match.length)
        case let .recentYear(year):
            return Double(max(abs(year - referenceYear), minimumYearSpace))
        case let .date(year, separated):
            return Double(max(abs(year - referenceYear), minimumYearSpace) * 365 * (separated ? 4 : 1))
        }
    }

    static func uppercaseVariations(_ token: [Unicode.Scalar]) -> Double {
        let upper = token.filter { $0.properties.isUppercase }.count
        let lower = token.filter { $0.properties.isLowercase }.count
        if upper == 0 { return 1 }
        let startUpper = token[0].properties.isUppercase && upper == 1 && token.count > 1
        let endUpper = token.last!.properties.isUppercase && upper == 1 && token.count > 1
        if startUpper || endUpper || lower == 0 { return 2 }
        return (1...min(upper, lower)).reduce(0.0) { $0 + choose(upper + lower, $1) }
    }

    static func l33tVariations(_ token: [Unicode.Scalar], _ sub: [Unicode.Scalar: Unicode.Scalar]) -> Double {
        guard !sub.isEmpty else { return 1 }
        let lower = token.lowercased
        var variations = 1.0
        for (subbed, unsubbed) in sub {
            let s = lower.filter { $0 == subbed }.count, u = lower.filter { $0 == unsubbed }.count
            variations *= s == 0 || u == 0 ? 2 : (1...min(u, s)).reduce(0.0) { $0 + choose(u + s, $1) }
        }
        return variations
    }

    static func choose(_ n: Int, _ k: Int) -> Double {
        if k > n { return 0 }
        var r = 1.0, m = Double(n)
        for d in stride(from: 1.0, through: Double(k), by: 1) {
            r = r * m / d
            m -= 1
        }
        return r
    }

    static func factorial(_ n: Int) -> Double { (1...max(1, n)).reduce(1.0) { $0 * Double($1) } }
}
