import KeepsakeCrypto

/// Writes age's ASCII armor as `age -a` does: the BEGIN line, padded base64 in lines of 64
/// columns (the last one shorter unless the data fills it), the END line, each with LF.
struct ArmorEncoder {
    /// Bytes per full line: 48.
    private static let bytesPerLine = ArmorDecoder.columnsPerLine / 4 * 3
    /// Full lines encoded per base64 call.
    private static let linesPerBatch = 256

    private var started = false
    /// Input waiting for a full line.
    private var pending: [UInt8] = []

    /// The armored text for `bytes`: the BEGIN line first time, then every full line.
    mutating func encode(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        if !started {
            started = true
            out += ArmorDecoder.beginLine + [UInt8(ascii: "\n")]
        }
        pending += bytes
        let fullLines = pending.count / Self.bytesPerLine
        var line = 0
        while line < fullLines {
            let count = min(Self.linesPerBatch, fullLines - line)
            let start = line * Self.bytesPerLine
            appendLines(of: Array(pending[start..<(start + count * Self.bytesPerLine)]), to: &out)
            line += count
        }
        pending.removeFirst(fullLines * Self.bytesPerLine)
        return out
    }

    /// The rest: the BEGIN line if nothing was written, the last short line, the END line.
    mutating func finish() -> [UInt8] {
        var out = encode(UnsafeRawBufferPointer(start: nil, count: 0))
        if !pending.isEmpty { appendLines(of: pending, to: &out) }
        pending = []
        return out + ArmorDecoder.endLine + [UInt8(ascii: "\n")]
    }

    /// Appends the base64 of `bytes` cut into 64-column lines, each ending with LF.
    private func appendLines(of bytes: [UInt8], to out: inout [UInt8]) {
        let text = Array(Base64.encode(bytes, variant: .original).utf8)
        var start = 0
        while start < text.count {
            let end = min(start + ArmorDecoder.columnsPerLine, text.count)
            out += text[start..<end]
            out.append(UInt8(ascii: "\n"))
            start = end
        }
    }
}

/// ASCII armor for age files (`age -a`): strict PEM with the label `AGE ENCRYPTED FILE`.
/// `AgeEncryptor` and `AgeDecryptor` armor and unarmor on the way; these are for whole
/// files in memory.
public enum AgeArmor {
    /// The armor of `bytes`, byte for byte as age writes it.
    public static func armor(_ bytes: [UInt8]) -> [UInt8] {
        var encoder = ArmorEncoder()
        return bytes.withUnsafeBytes { encoder.encode($0) } + encoder.finish()
    }

    /// The bytes inside armored text, checked strictly.
    /// - Throws: `AgeError.invalidArmor` saying what is wrong.
    public static func dearmor(_ text: [UInt8]) throws(AgeError) -> [UInt8] {
        var decoder = ArmorDecoder()
        var source = BytesSource(text)
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 4096)
        do {
            while true {
                let count = try block.withUnsafeMutableBytes { b in
                    try decoder.read(into: b) { source.read(into: $0) }
                }
                if count == 0 { return out }
                out += block[..<count]
            }
        } catch let error as AgeError {
            throw error
        } catch {
            // A BytesSource never fails: only the decoder's own errors reach here.
            throw .invalidArmor(reason: "\(error)")
        }
    }
}
