import KeepsakeCrypto

/// Reads an age header from a source without reading far past it: blocks are read until a
/// line starting with `---` is complete, never more than `AgeHeader.maximumByteCount` bytes.
enum HeaderReader {
    /// The header, and the bytes read after it (the start of the payload).
    struct Result {
        let header: AgeHeader
        let leftover: [UInt8]
    }

    /// Reads and parses the header at the start of `source`.
    /// - Throws: `AgeError.invalidHeader` for a malformed, truncated or oversized header;
    ///   whatever `source` throws.
    static func read(from source: inout some ByteSource) throws -> Result {
        let limit = AgeHeader.maximumByteCount
        var buffer: [UInt8] = []
        var lineStart = 0
        var block = [UInt8](repeating: 0, count: 4096)
        while true {
            let room = min(block.count, limit + 1 - buffer.count)
            let count = try block.withUnsafeMutableBytes { b in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: b[..<room]))
            }
            if count == 0 {
                // Let the parser say what is missing.
                _ = try AgeHeader.parse(buffer)
                throw AgeError.invalidHeader(reason: "the header ends early")
            }
            let scanFrom = buffer.count
            buffer += block[..<count]
            try checkVersionPrefix(buffer)
            for index in scanFrom..<buffer.count where buffer[index] == UInt8(ascii: "\n") {
                if buffer[lineStart..<index].starts(with: Array("---".utf8)) {
                    let parsed = try AgeHeader.parse(buffer)
                    return Result(header: parsed.header, leftover: Array(buffer[parsed.byteCount...]))
                }
                lineStart = index + 1
            }
            guard buffer.count <= limit else {
                throw AgeError.invalidHeader(reason: "the header is longer than \(limit / 1024) KiB")
            }
        }
    }

    /// Fails early on input that does not start like an age file (a stray binary or text
    /// file), instead of reading up to the size limit first.
    private static func checkVersionPrefix(_ buffer: [UInt8]) throws(AgeError) {
        let prefix = AgeHeader.versionPrefix
        let checked = min(buffer.count, prefix.count)
        guard buffer[..<checked].elementsEqual(prefix[..<checked]) else {
            throw .invalidHeader(reason: "it does not start with age-encryption.org/v1")
        }
    }
}
