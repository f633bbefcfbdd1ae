import KeepsakeCrypto

/// Reads age's ASCII armor a line at a time, strictly (RFC 7468 §3, strict form, as age
/// does): the `-----BEGIN AGE ENCRYPTED FILE-----` line, padded canonical base64 in lines of
/// exactly 64 columns but the last (1 to 64 columns), the `-----END AGE ENCRYPTED FILE-----`
/// line. Lines end with LF or CRLF (the END line may end the file instead); whitespace-only
/// lines before the block and whitespace after it are allowed, up to 1 KiB each, nothing else.
///
/// It pulls raw bytes through a closure, so one decoder serves any source; memory is a line.
struct ArmorDecoder {
    static let beginLine = Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8)
    static let endLine = Array("-----END AGE ENCRYPTED FILE-----".utf8)
    /// Whitespace accepted before and after the block: 1 KiB each.
    static let maximumWhitespace = 1024
    /// Columns of a full line.
    static let columnsPerLine = 64

    private enum State {
        /// Before the BEGIN line.
        case before
        /// After BEGIN or a full line: a data line or END comes next.
        case body
        /// After the short last line: only END may come.
        case afterLastLine
        /// After END: whitespace only.
        case after
        case finished
    }

    private var state = State.before
    private var failure: (any Error)?
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var rawEnded = false
    private var whitespaceSeen = 0
    private var decoded: [UInt8] = []
    private var decodedStart = 0

    /// Fills `buffer` with decoded bytes, pulling raw input with `pull`; returns 0 at the end.
    /// Bytes decoded before an error are handed out first.
    /// - Throws: `AgeError.invalidArmor`, or whatever `pull` throws.
    mutating func read(
        into buffer: UnsafeMutableRawBufferPointer,
        pull: (UnsafeMutableRawBufferPointer) throws -> Int
    ) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            if decodedStart < decoded.count {
                let n = min(buffer.count - filled, decoded.count - decodedStart)
                decoded.withUnsafeBytes { d in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + n)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: d[decodedStart..<(decodedStart + n)]))
                }
                decodedStart += n
                filled += n
                continue
            }
            if case .finished = state { break }
            if let failure {
                if filled > 0 { break }
                throw failure
            }
            do {
                try step(pull: pull)
            } catch {
                failure = error
            }
        }
        return filled
    }

    /// Reads one line (or the trailing whitespace) and moves the state on.
    private mutating func step(pull: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        switch state {
        case .before:
            guard let line = try nextLine(pull: pull) else { throw Self.failure("there is no BEGIN line") }
            if line.content.allSatisfy(Self.isWhitespace) {
                whitespaceSeen += line.rawCount
                guard whitespaceSeen <= Self.maximumWhitespace else {
                    throw Self.failure("too much whitespace before the BEGIN line")
                }
                return
            }
            guard line.content == Self.beginLine else {
                throw Self.failure("the first line is not -----BEGIN AGE ENCRYPTED FILE-----")
            }
            state = .body
        case .body, .afterLastLine:
            guard let line = try nextLine(pull: pull) else { throw Self.failure("the END line is missing") }
            if line.content == Self.endLine {
                state = .after
                whitespaceSeen = 0
                return
            }
            guard case .body = state else {
                throw Self.failure("a line shorter than 64 columns is not followed by the END line")
            }
            guard (1...Self.columnsPerLine).contains(line.content.count) else {
                throw Self.failure("a line is empty or longer than 64 columns")
            }
            do {
                decoded = try Base64.decode(String(decoding: line.content, as: UTF8.self), variant: .original)
            } catch {
                throw Self.failure("a line is not canonical padded base64")
            }
            decodedStart = 0
            if line.content.count < Self.columnsPerLine || decoded.count < Self.columnsPerLine / 4 * 3 {
                state = .afterLastLine
            }
        case .after:
            try drainTrailingWhitespace(pull: pull)
            state = .finished
        case .finished:
            return
        }
    }

    /// A line without its LF and one CR before it, and how many raw bytes it took.
    private struct Line {
        var content: [UInt8]
        var rawCount: Int
    }

    /// The next line, or nil at the end of the input. The last line may lack its LF.
    private mutating func nextLine(pull: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Line? {
        var scanned = rawStart
        while true {
            if let end = raw[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var content = Array(raw[rawStart..<end])
                let rawCount = end + 1 - rawStart
                rawStart = end + 1
                if content.last == UInt8(ascii: "\r") { content.removeLast() }
                return Line(content: content, rawCount: rawCount)
            }
            scanned = raw.count
            guard raw.count - rawStart <= Self.maximumWhitespace + 2 else {
                throw Self.failure("a line is far too long")
            }
            if rawEnded {
                guard rawStart < raw.count else { return nil }
                var content = Array(raw[rawStart...])
                let rawCount = raw.count - rawStart
                rawStart = raw.count
                if content.last == UInt8(ascii: "\r") { content.removeLast() }
                return Line(content: content, rawCount: rawCount)
            }
            // Refilling drops the consumed bytes: keep the scan position relative to the line.
            let scannedInLine = scanned - rawStart
            try refill(pull: pull)
            scanned = rawStart + scannedInLine
        }
    }

    /// Reads more raw input, dropping what was consumed.
    private mutating func refill(pull: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        if rawStart > 0 {
            raw.removeSubrange(..<rawStart)
            rawStart = 0
        }
        var block = [UInt8](repeating: 0, count: 4096)
        let count = try block.withUnsafeMutableBytes { try pull($0) }
        if count == 0 { rawEnded = true } else { raw += block[..<count] }
    }

    /// Checks that only whitespace (1 KiB at most) follows the END line.
    private mutating func drainTrailingWhitespace(pull: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        while true {
            let rest = raw[rawStart...]
            guard rest.allSatisfy(Self.isWhitespace) else {
                throw Self.failure("there is data after the END line")
            }
            whitespaceSeen += rest.count
            rawStart = raw.count
            guard whitespaceSeen <= Self.maximumWhitespace else {
                throw Self.failure("too much whitespace after the END line")
            }
            if rawEnded { return }
            try refill(pull: pull)
        }
    }

    /// Space, tab, LF, vertical tab, form feed or CR.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0d).contains(byte)
    }

    private static func failure(_ reason: String) -> AgeError {
        .invalidArmor(reason: reason)
    }
}
