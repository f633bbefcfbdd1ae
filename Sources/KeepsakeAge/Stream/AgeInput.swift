import KeepsakeCrypto

/// How the bytes of an age file to decrypt are written.
public enum AgeInputFormat: Sendable, Equatable {
    /// Armored when the first bytes other than whitespace are `-----BEGIN`, else binary.
    case automatic
    /// The binary format: the header starts at the first byte.
    case binary
    /// ASCII armor (`age -a`), always; anything else is an armor failure.
    case armored
}

/// The bytes of an age file as the header parser and the stream read them: the caller's
/// source, unarmored when it is armored. Errors of the caller's source come out as
/// `SourceFailure`, armor errors as `AgeError.invalidArmor`.
final class AgeInput<Source: ByteSource>: ByteSource {
    /// The caller's source.
    private(set) var source: Source
    /// Bytes read to tell the format, handed out before the source's.
    private var peeked: [UInt8] = []
    private var peekedStart = 0
    private var armor: ArmorDecoder?

    /// Reads from `source`, telling the format first when `format` is `.automatic`.
    /// - Throws: `SourceFailure` when the source fails while its first bytes are looked at.
    init(source: Source, format: AgeInputFormat) throws {
        self.source = source
        switch format {
        case .binary: armor = nil
        case .armored: armor = ArmorDecoder()
        case .automatic: armor = try looksArmored() ? ArmorDecoder() : nil
        }
    }

    /// Whether the first bytes that are not whitespace begin `-----BEGIN`.
    private func looksArmored() throws -> Bool {
        let marker = Array("-----BEGIN".utf8)
        var block = [UInt8](repeating: 0, count: 64)
        while peeked.count <= ArmorDecoder.maximumWhitespace + marker.count {
            if let start = peeked.firstIndex(where: { !ArmorDecoder.isWhitespace($0) }),
                peeked.count - start >= marker.count
            {
                return peeked[start...].starts(with: marker)
            }
            let count = try block.withUnsafeMutableBytes { try readSource(into: $0) }
            if count == 0 { break }
            peeked += block[..<count]
        }
        guard let start = peeked.firstIndex(where: { !ArmorDecoder.isWhitespace($0) }) else {
            return false
        }
        return peeked[start...].starts(with: marker)
    }

    /// Reads decoded bytes: unarmored, or straight from the source.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard armor != nil else { return try readRaw(into: buffer) }
        return try armor!.read(into: buffer) { try self.readRaw(into: $0) }
    }

    /// Reads the raw bytes: those peeked at first, then the source's.
    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard peekedStart < peeked.count else { return try readSource(into: buffer) }
        let n = min(buffer.count, peeked.count - peekedStart)
        peeked.withUnsafeBytes { p in
            UnsafeMutableRawBufferPointer(rebasing: buffer[..<n])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: p[peekedStart..<(peekedStart + n)]))
        }
        peekedStart += n
        return n
    }

    private func readSource(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try source.read(into: buffer)
        } catch let failure as SourceFailure {
            throw failure
        } catch {
            throw SourceFailure(error: error)
        }
    }
}

/// Where an age file being written goes: the caller's sink, armored when asked. Errors of
/// the caller's sink come out as `SinkFailure`.
final class AgeOutput<Sink: ByteSink>: ByteSink {
    /// The caller's sink.
    private(set) var sink: Sink
    private var armor: ArmorEncoder?

    init(sink: Sink, armored: Bool) {
        self.sink = sink
        armor = armored ? ArmorEncoder() : nil
    }

    /// Writes `bytes`, armored when asked.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if armor == nil {
            try writeSink(bytes)
        } else {
            let text = armor!.encode(bytes)
            try text.withUnsafeBytes { try writeSink($0) }
        }
    }

    /// Writes the armor's last line and END line (nothing for a binary file).
    func finish() throws {
        guard armor != nil else { return }
        let text = armor!.finish()
        try text.withUnsafeBytes { try writeSink($0) }
    }

    private func writeSink(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try sink.write(bytes)
        } catch let failure as SinkFailure {
            throw failure
        } catch {
            throw SinkFailure(error: error)
        }
    }
}
