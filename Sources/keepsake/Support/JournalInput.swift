#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import KeepsakeVault

/// How a journal entry's text is read: typed on the terminal (blank lines kept, ended by a
/// full stop alone on a line or Ctrl-D), or read whole from standard input or a descriptor
/// (`--text-stdin`, `--text-fd N`). Either way it is kept exactly as written, apart from blank
/// lines at the very end.
enum JournalInput {
    /// The most an entry's text may hold, in UTF-8 bytes (512 KiB, some eighty thousand
    /// words): even escaped as JSON it stays well below what one log record can hold.
    static let maximumTextByteCount = 512 << 10
    /// The line that ends a text typed on the terminal.
    static let endLine = "."

    /// The text without the blank lines at its end (and without a Windows line end's `\r`).
    static func tidy(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) {
            lines.removeLast()
            if lines.isEmpty { break }
        }
        return lines.joined(separator: "\n")
    }

    /// A one-line error when `text` is longer than an entry may hold, else nil.
    static func tooLong(_ text: String) -> String? {
        let count = text.utf8.count
        guard count > maximumTextByteCount else { return nil }
        return "that text is \(count >> 10) KiB; one journal entry can hold at most \(maximumTextByteCount >> 10) KiB. "
            + "Split it into two entries (nothing was saved)"
    }

    /// Reads the whole text from `fd` (to its end), refusing more than an entry can hold.
    /// - Throws: `CLIError.usage` when it can't be read, is too long or is not UTF-8.
    static func readAll(_ fd: Int32, name: String) throws(CLIError) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .usage("could not read the text from \(name) (error \(errno)); nothing was saved") }
            if n == 0 { break }
            bytes += chunk[..<n]
            guard bytes.count <= maximumTextByteCount * 2 else { break }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .usage("the text from \(name) is not UTF-8 text; nothing was saved")
        }
        let tidied = tidy(text)
        if let message = tooLong(tidied) { throw .usage(message) }
        return tidied
    }

    /// Lines typed on the terminal until a full stop alone on a line or Ctrl-D on an empty
    /// line; blank lines are part of the text. `typed` holds what was typed so far when
    /// Ctrl-C or the idle lock stops it, so it can be kept as a draft.
    static func typed(_ input: LineInput, into typed: inout [String]) throws(QuestionStop) {
        do {
            while let line = try input.readLine() {
                if line.trimmingCharacters(in: .whitespaces) == endLine { return }
                typed.append(line)
            }
        } catch .idle {
            if let unfinished = input.takeUnfinished() { typed.append(unfinished) }
            throw .idle
        }
    }
}
