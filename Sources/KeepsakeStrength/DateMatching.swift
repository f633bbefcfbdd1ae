/// Dates with and without separators (1991-11-09, 9.11.91, 19911109), as zxcvbn 4.5.0's
/// `date_match` finds them.
extension Matching {
    static let dateSplits: [Int: [(Int, Int)]] = [
        4: [(1, 2), (2, 3)], 5: [(1, 3), (2, 3)], 6: [(1, 2), (2, 4), (4, 5)],
        7: [(1, 3), (2, 3), (4, 5), (4, 6)], 8: [(2, 4), (4, 6)],
    ]
    static let dateSeparators = Set(" \t\n\r\u{0B}\u{0C}/\\_.-".unicodeScalars)

    static func dates(_ password: [Unicode.Scalar]) -> [Match] {
        var matches: [Match] = []
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        let n = password.count
        // Without separators: 4 to 8 digits.
        for i in 0..<max(0, n - 3) {
            for j in (i + 3)..<(i + 8) where j < n {
                let token = Array(password[i...j])
                guard token.allSatisfy(isDigit), let splits = dateSplits[token.count] else { continue }
                var best: (year: Int, distance: Int)? = nil
                for (k, l) in splits {
                    let ints: [Int] = [token[0..<k].number, token[k..<l].number, token[l...].number]
                    guard let year = dayMonthYear(ints) else { continue }
                    let distance = abs(year - Scoring.referenceYear)
                    if best == nil || distance < best!.distance { best = (year, distance) }
                }
                if let best { matches.append(Match(pattern: .date(year: best.year, separated: false), i: i, j: j, token: token)) }
            }
        }
        // With separators: d{1,4} sep d{1,2} sep d{1,4}, the same separator twice.
        for i in 0..<max(0, n - 5) {
            for j in (i + 5)..<(i + 10) where j < n {
                let token = Array(password[i...j])
                guard let parts = separatedParts(token, isDigit: isDigit), let year = dayMonthYear(parts) else { continue }
                matches.append(Match(pattern: .date(year: year, separated: true), i: i, j: j, token: token))
            }
        }
        return matches.filter { match in
            !matches.contains { other in
                (other.i, other.j) != (match.i, match.j) && other.i <= match.i && other.j >= match.j
            }
        }
    }

    private static func separatedParts(_ token: [Unicode.Scalar], isDigit: (Unicode.Scalar) -> Bool) -> [Int]? {
        guard let first = token.firstIndex(where: { !isDigit($0) }), (1...4).contains(first),
            dateSeparators.contains(token[first])
        else { return nil }
        let rest = token[(first + 1)...]
        guard let second = rest.firstIndex(where: { !isDigit($0) }), token[second] == token[first],
            (1...2).contains(second - first - 1), (1...4).contains(token.count - second - 1),
            token[(second + 1)...].allSatisfy(isDigit)
        else { return nil }
        return [token[0..<first].number, token[(first + 1)..<second].number, token[(second + 1)...].number]
    }

    /// The year of a day, month and year in some order, or nil (zxcvbn's `map_ints_to_dmy`).
    static func dayMonthYear(_ ints: [Int]) -> Int? {
        guard ints[1] <= 31, ints[1] > 0 else { return nil }
        var over12 = 0, over31 = 0, under1 = 0
        for value in ints {
            if (value > 99 && value < 1000) || value > 2050 { return nil }
            if value > 31 { over31 += 1 }
            if value > 12 { over12 += 1 }
            if value <= 0 { under1 += 1 }
        }
        guard over31 < 2, over12 != 3, under1 < 2 else { return nil }
        let splits = [(ints[2], [ints[0], ints[1]]), (ints[0], [ints[1], ints[2]])]
        for (year, rest) in splits where (1000...2050).contains(year) {
            return dayMonth(rest) ? year : nil
        }
        for (year, rest) in splits where dayMonth(rest) {
            return year > 99 ? year : year > 50 ? year + 1900 : year + 2000
        }
        return nil
    }

    private static func dayMonth(_ ints: [Int]) -> Bool {
        (1...31).contains(ints[0]) && (1...12).contains(ints[1]) || (1...31).contains(ints[1]) && (1...12).contains(ints[0])
    }
}
