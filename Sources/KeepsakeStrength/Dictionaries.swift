/// The ranked word lists (zxcvbn's, trimmed: see Tools/generate-strength-lists.py) and the
/// keyboard graphs, built once.
enum Dictionaries {
    /// Each list's words by rank (1 = most common).
    static let ranked: [(name: String, ranks: [String: Int])] = FrequencyLists.lists.map { list in
        var ranks: [String: Int] = [:]
        for (index, word) in list.words.split(separator: " ").enumerated() where ranks[String(word)] == nil {
            ranks[String(word)] = index + 1
        }
        return (list.name, ranks)
    }

    /// The longest word of any list, in code points: no longer stretch is looked up.
    static let longestWord: Int = ranked.flatMap { $0.ranks.keys.map { $0.unicodeScalars.count } }.max() ?? 0

    /// The keyboard graphs: for each key, its neighbours in each direction.
    static let graphs: [(name: String, keys: [Unicode.Scalar: [[Unicode.Scalar]?]])] = AdjacencyGraphs.graphs.map { graph in
        var keys: [Unicode.Scalar: [[Unicode.Scalar]?]] = [:]
        for (key, neighbours) in graph.keys {
            keys[key.unicodeScalars.first!] = neighbours.map { $0.map { Array($0.unicodeScalars) } }
        }
        return (graph.name, keys)
    }

    /// Keys and average neighbours of the keyboard and keypad graphs (for scoring walks).
    static let keyboard = shape("qwerty")
    static let keypad = shape("keypad")

    private static func shape(_ name: String) -> (starts: Double, degree: Double) {
        let keys = graphs.first { $0.name == name }!.keys
        let degree = Double(keys.values.map { $0.compactMap { $0 }.count }.reduce(0, +)) / Double(keys.count)
        return (Double(keys.count), degree)
    }
}
