import Foundation
import KeepsakeTestSupport
import Testing

extension CLIVault {
    /// Starts `keepsake ARGS --vault PATH` on a pseudo-terminal (80 columns), and types the
    /// passphrase when it is asked for, as an owner would.
    func terminal(_ arguments: [String], environment: [String: String] = [:]) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            product: "keepsake", arguments: arguments + ["--vault", path], environment: environment)
        try terminal.expect("Passphrase: ")
        try terminal.send(passphrase)
        return terminal
    }

    /// The current incident (or plan step, contact) of an item, from `show ID --json`.
    func shown(_ id: String, _ field: String = "incident") throws -> [String: Any] {
        let json = try json(["show", id]) as? [String: Any]
        guard let content = json?[field] as? [String: Any] else { throw CLIFailure(result: try run(["show", id])) }
        return content
    }

    /// Starts a guided write (`journal write`, `letter write`) on a terminal, types `lines`,
    /// stops it with Ctrl-C and keeps what was written as a draft.
    func keepDraft(_ command: [String], _ lines: [String]) throws {
        let terminal = try terminal(command)
        try terminal.expect("alone on a line")
        for line in lines { try terminal.send(line) }
        _ = terminal.remainingOutput(settle: 0.3)
        try terminal.sendControlC()
        try terminal.expect("Keep what you wrote as an encrypted draft")
        try terminal.send("yes")
        try terminal.expect("Kept as an encrypted draft")
        #expect(try terminal.wait() == .exited(0))
    }

    /// Every incident's id, from `list --json`.
    func incidentIDs() throws -> [String] {
        (try json(["list", "incidents"]) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}

extension PseudoTerminal {
    /// Presses Enter at every question until `text` is printed (at most `limit` times).
    func pressEnter(until text: String, limit: Int = 40) throws {
        for _ in 0..<limit {
            if remainingOutput(settle: 0.15).contains(text) { break }
            try send("")
        }
        try expect(text)
    }

    /// Answers questions in order: waits for each question's text, then types its lines (a
    /// list's items then "" to end it; "" alone to skip).
    func answer(_ script: [(question: String, lines: [String])]) throws {
        for (question, lines) in script {
            try expect(question)
            for line in lines { try send(line) }
        }
    }
}
