/// Whether a row met its goal.
enum Verdict: String {
    case pass
    case miss
    /// A figure to report, with no goal to meet.
    case info = "—"
    /// Not measured in this run (a tool or module missing, or left out with `--only`).
    case pending
}

/// One line of the results: what was measured, our figure, the baseline's, their ratio, the
/// goal and whether it was met.
struct ResultRow {
    var what: String
    var ours: String
    var baseline: String
    var ratio: String
    var goal: String
    var verdict: Verdict
}

/// The rows collected in a run, printed as an aligned table or as Markdown.
struct ResultTable {
    private(set) var rows: [ResultRow] = []
    /// Lines printed under the table: how a figure was obtained, what a miss means.
    private(set) var notes: [String] = []

    mutating func add(_ row: ResultRow) { rows.append(row) }
    mutating func note(_ text: String) { notes.append(text) }

    static let header = ["what", "ours", "baseline", "ratio", "goal", "result"]

    private var cells: [[String]] {
        rows.map { [$0.what, $0.ours, $0.baseline, $0.ratio, $0.goal, $0.verdict.rawValue] }
    }

    /// The table with space-padded columns.
    func plainText() -> String {
        let all = [Self.header] + cells
        let widths = (0..<Self.header.count).map { column in
            all.map { $0[column].count }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0 + String(repeating: " ", count: max(0, $1 - $0.count)) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        var text = line(Self.header) + "\n"
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { text += line(row) + "\n" }
        if !notes.isEmpty { text += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return text
    }

    /// The table in Markdown, for BENCHMARKS.md.
    func markdown() -> String {
        func line(_ row: [String]) -> String {
            "| " + row.map { $0.replacingPipes() }.joined(separator: " | ") + " |"
        }
        var text = line(Self.header) + "\n"
        text += "|" + Array(repeating: " --- |", count: Self.header.count).joined() + "\n"
        for row in cells { text += line(row) + "\n" }
        if !notes.isEmpty { text += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return text
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    fileprivate func replacingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}

/// Short human figures.
enum Format {
    /// "1.23 GB/s" (decimal units, as disk and network speeds are quoted).
    static func throughput(bytes: UInt64, seconds: Double) -> String {
        throughput(bytesPerSecond: Double(bytes) / seconds)
    }

    /// "1.23 GB/s", "456 MB/s".
    static func throughput(bytesPerSecond rate: Double) -> String {
        rate >= 1e9 ? fixed(rate / 1e9, 2) + " GB/s" : fixed(rate / 1e6, 0) + " MB/s"
    }

    /// "312 ms", "1.24 s", "135 µs".
    static func duration(_ seconds: Double) -> String {
        if seconds >= 10 { return fixed(seconds, 1) + " s" }
        if seconds >= 1 { return fixed(seconds, 2) + " s" }
        if seconds >= 0.01 { return fixed(seconds * 1e3, 0) + " ms" }
        if seconds >= 1e-3 { return fixed(seconds * 1e3, 2) + " ms" }
        return fixed(seconds * 1e6, 0) + " µs"
    }

    /// "1.32×".
    static func ratio(_ value: Double) -> String { fixed(value, 2) + "×" }

    /// The same, with three decimals when two would read as the goal's `bound` itself
    /// (1.2049 against 1.20 shows "1.205×"): a miss never reads as the goal.
    static func ratio(_ value: Double, near bound: Double) -> String {
        fixed(value, 2) == fixed(bound, 2) && value != bound ? fixed(value, 3) + "×" : ratio(value)
    }

    /// "12.3 MiB".
    static func mebibytes(kibibytes: Int) -> String { fixed(Double(kibibytes) / 1024, 1) + " MiB" }

    /// "12,345".
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return out
    }

    /// `value` with `places` decimals, rounded half away from zero.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if places > 0 {
            let fraction = Int(scaled) - whole * Int(scale)
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }
}
