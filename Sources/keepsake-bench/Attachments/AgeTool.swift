/// The stock `age` command-line tool, run as a child process: `age -r RECIPIENT -o OUT IN`
/// and `age -d -i KEY -o OUT IN`, with a key made by `age-keygen`.
struct AgeTool {
    let age: String
    let keyFile: String
    let recipient: String
    let version: String
    private let scratch: String

    /// Finds `age` and `age-keygen` on `PATH` and makes a key in `scratch` (or uses the one
    /// made there before); nil when either tool is missing.
    /// - Throws: `BenchError` when a tool fails.
    init?(scratch: String) throws {
        guard let age = ChildProcess.which("age"), let keygen = ChildProcess.which("age-keygen")
        else { return nil }
        self.age = age
        self.scratch = scratch
        keyFile = scratch + "/age-key.txt"
        if !Files.exists(keyFile) {
            let made = try ChildProcess.run(keygen, ["-o", keyFile], scratch: scratch)
            guard made.status == 0 else { throw BenchError("age-keygen failed: \(made.errors)") }
        }
        let shown = try ChildProcess.run(keygen, ["-y", keyFile], scratch: scratch)
        recipient = shown.output.trimmingWhitespace()
        guard shown.status == 0, recipient.hasPrefix("age1") else {
            throw BenchError("age-keygen -y failed: \(shown.errors)")
        }
        version = (try? ChildProcess.run(age, ["--version"], scratch: scratch))?.output
            .trimmingWhitespace() ?? "?"
    }

    /// `age -r RECIPIENT -o output input`.
    /// - Throws: `BenchError` when age fails.
    func encrypt(_ input: String, to output: String) throws -> ChildResult {
        try check(ChildProcess.run(age, ["-r", recipient, "-o", output, input], scratch: scratch))
    }

    /// `age -d -i KEY -o output input`.
    /// - Throws: `BenchError` when age fails (for instance on a damaged file).
    func decrypt(_ input: String, to output: String) throws -> ChildResult {
        try check(ChildProcess.run(age, ["-d", "-i", keyFile, "-o", output, input], scratch: scratch))
    }

    private func check(_ result: ChildResult) throws -> ChildResult {
        guard result.status == 0 else { throw BenchError("age exited \(result.status): \(result.errors)") }
        return result
    }
}

extension String {
    /// Without leading and trailing spaces and line ends.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
