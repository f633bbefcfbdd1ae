/// Finds every way a stretch of a passphrase can be guessed: a port of zxcvbn 4.5.0's
/// `matching.py` (dictionary, reversed, l33t, keyboard walks, repeats, sequences, years and
/// dates), with the years it knows extended to 2049.
enum Matching {
    static func all(_ password: [Unicode.Scalar]) -> [Match] {
        var matches = dictionary(password) + reversedDictionary(password) + l33t(password)
        matches += spatial(password) + repeats(password) + sequences(password) + years(password) + dates(password)
        return matches.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }

    static func dictionary(
        _ password: [Unicode.Scalar], reversed: Bool = false, l33t: [Unicode.Scalar: Unicode.Scalar] = [:]
    ) -> [Match] {
        let lower = password.lowercased
        guard lower.count == password.count else { return [] }
        var matches: [Match] = []
        for (name, ranks) in Dictionaries.ranked {
            for i in 0..<lower.count {
                for j in i..<min(lower.count, i + Dictionaries.longestWord) {
                    if let rank = ranks[Array(lower[i...j]).text] {
                        matches.append(Match(
                            pattern: .dictionary(list: name, rank: rank, reversed: reversed, l33t: l33t),
                            i: i, j: j, token: Array(password[i...j])))
                    }
                }
            }
        }
        return matches
    }

    static func reversedDictionary(_ password: [Unicode.Scalar]) -> [Match] {
        let n = password.count
        return dictionary(password.reversed(), reversed: true).map { match in
            Match(pattern: match.pattern, i: n - 1 - match.j, j: n - 1 - match.i, token: match.token.reversed())
        }
    }

    static let l33tTable: [(Unicode.Scalar, [Unicode.Scalar])] = [
        ("a", ["4", "@"]), ("b", ["8"]), ("c", ["(", "{", "[", "<"]), ("e", ["3"]), ("g", ["6", "9"]),
        ("i", ["1", "!", "|"]), ("l", ["1", "|", "7"]), ("o", ["0"]), ("s", ["$", "5"]), ("t", ["+", "7"]),
        ("x", ["%"]), ("z", ["2"]),
    ]

    /// Every consistent way to read the passphrase's l33t characters as letters.
    static func l33tSubstitutions(_ password: [Unicode.Scalar]) -> [[Unicode.Scalar: Unicode.Scalar]] {
        let present = Set(password)
        var subs: [[(Unicode.Scalar, Unicode.Scalar)]] = [[]]
        for (letter, symbols) in l33tTable {
            let relevant = symbols.filter(present.contains)
            guard !relevant.isEmpty else { continue }
            var next: [[(Unicode.Scalar, Unicode.Scalar)]] = []
            for symbol in relevant {
                for sub in subs {
                    if let taken = sub.firstIndex(where: { $0.0 == symbol }) {
                        var alternative = sub
                        alternative.remove(at: taken)
                        alternative.append((symbol, letter))
                        next.append(sub)
                        next.append(alternative)
                    } else {
                        next.append(sub + [(symbol, letter)])
                    }
                }
            }
            var seen = Set<String>()
            subs = next.filter { sub in
                let label = sub.map { "\($0.1),\($0.0)" }.sorted().joined(separator: "-")
                return seen.insert(label).inserted
            }
        }
        return subs.map { Dictionary($0, uniquingKeysWith: { first, _ in first }) }
    }

    static func l33t(_ password: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        for sub in l33tSubstitutions(password) {
            guard !sub.isEmpty else { break }
            let subbed = password.map { sub[$0] ?? $0 }
            for match in dictionary(subbed) {
                let token = Array(password[match.i...match.j])
                guard token.lowercased != match.token.lowercased, token.count > 1 else { continue }
                let used = sub.filter { token.contains($0.key) }
                guard case let .dictionary(list, rank, _, _) = match.pattern else { continue }
                matches.append(Match(pattern: .dictionary(list: list, rank: rank, reversed: false, l33t: used), i: match.i, j: match.j, token: token))
            }
        }
        return matches
    }

    static let shiftedKeys = Set("~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:\"ZXCVBNM<>?".unicodeScalars)

    static func spatial(_ password: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        for (name, graph) in Dictionaries.graphs {
            var i = 0
            while i < password.count - 1 {
                var j = i + 1
                var lastDirection: Int? = nil
                var turns = 0
                var shifted = (name == "qwerty" || name == "dvorak") && shiftedKeys.contains(password[i]) ? 1 : 0
                while true {
                    var found = false
                    if j < password.count, let neighbours = graph[password[j - 1]] {
                        for (direction, neighbour) in neighbours.enumerated() {
                            guard let neighbour, let position = neighbour.firstIndex(of: password[j]) else { continue }
                            found = true
                            if position == 1 { shifted += 1 }
                            if lastDirection != direction {
                                turns += 1
                                lastDirection = direction
                            }
                            break
                        }
                    }
                    if found {
                        j += 1
                    } else {
                        if j - i > 2 {
                            matches.append(Match(
                                pattern: .spatial(graph: name, turns: turns, shifted: shifted), i: i, j: j - 1,
                                token: Array(password[i..<j])))
                        }
                        i = j
                        break
                    }
                }
            }
        }
        return matches
    }

    /// Repeated tokens ("abcabc", "aaaa"), as zxcvbn finds them with its greedy and lazy
    /// regular expressions `(.+)\1+` and `(.+?)\1+`.
    static func repeats(_ password: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        var start = 0
        while start < password.count {
            guard let greedy = firstRepeat(password, from: start, greedy: true),
                let lazy = firstRepeat(password, from: start, greedy: false)
            else { break }
            let chosen = greedy.range.count > lazy.range.count ? greedy : lazy
            let token = Array(password[chosen.range])
            let base = chosen.range.count > lazy.range.count ? smallestPeriod(token) : chosen.base
            let baseGuesses = Scoring.mostGuessable(base).guesses
            matches.append(Match(
                pattern: .repeat(baseGuesses: baseGuesses, count: Double(token.count / base.count)),
                i: chosen.range.lowerBound, j: chosen.range.upperBound - 1, token: token))
            start = chosen.range.upperBound
        }
        return matches
    }

    /// The leftmost repeat at or after `from`: for each start, the longest (greedy) or
    /// shortest (lazy) base that repeats at least twice, as a backtracking regex finds it.
    private static func firstRepeat(_ p: [Unicode.Scalar], from: Int, greedy: Bool) -> (range: Range<Int>, base: [Unicode.Scalar])? {
        for i in from..<p.count {
            let lengths = Array(1...max(1, (p.count - i) / 2))
            for length in greedy ? lengths.reversed() : lengths where i + 2 * length <= p.count {
                var end = i + length
                while end + length <= p.count && Array(p[end..<end + length]) == Array(p[i..<i + length]) { end += length }
                if end >= i + 2 * length { return (i..<end, Array(p[i..<i + length])) }
            }
        }
        return nil
    }

    private static func smallestPeriod(_ token: [Unicode.Scalar]) -> [Unicode.Scalar] {
        for length in 1...token.count where token.count % length == 0 {
            let base = Array(token[0..<length])
            if (0..<token.count).allSatisfy({ token[$0] == base[$0 % length] }) { return base }
        }
        return token
    }

    static func sequences(_ password: [Unicode.Scalar]) -> [Match] {
        guard password.count > 1 else { return [] }
        var result: [Match] = []
        func update(_ i: Int, _ j: Int, _ delta: Int) {
            guard j - i > 1 || abs(delta) == 1, abs(delta) > 0, abs(delta) <= 5 else { return }
            result.append(Match(pattern: .sequence(ascending: delta > 0), i: i, j: j, token: Array(password[i...j])))
        }
        var i = 0
        var lastDelta: Int? = nil
        for k in 1..<password.count {
            let delta = Int(password[k].value) - Int(password[k - 1].value)
            if lastDelta == nil { lastDelta = delta }
            if delta == lastDelta { continue }
            update(i, k - 1, lastDelta!)
            i = k - 1
            lastDelta = delta
        }
        update(i, password.count - 1, lastDelta!)
        return result
    }

    /// 1900–2049, anywhere (zxcvbn 4.5.0 stops at 2019; the years since are as guessable).
    static func years(_ password: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        var i = 0
        while i + 4 <= password.count {
            let token = Array(password[i..<i + 4])
            if let year = Int(token.text), token.allSatisfy({ $0.properties.numericType == .decimal }), (1900...2049).contains(year) {
                matches.append(Match(pattern: .recentYear(year), i: i, j: i + 3, token: token))
                i += 4
            } else {
                i += 1
            }
        }
        return matches
    }
}
