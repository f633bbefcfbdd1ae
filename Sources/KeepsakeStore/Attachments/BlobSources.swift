import KeepsakeCrypto

/// Reads from a `PosixFile`, throwing `StoreError.io`: a blob read front to back (the re-key
/// reads each blob this way; `readAttachment` reads chunks by position instead).
struct PosixFileSource: ByteSource {
    let file: PosixFile
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try file.read(into: buffer) }
}

/// Reads at most `remaining` bytes of its base: a padded blob's stream, without the filler.
struct LimitedSource<Base: ByteSource>: ByteSource {
    var base: Base
    var remaining: UInt64

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0 else { return 0 }
        let wanted = Int(min(UInt64(buffer.count), remaining))
        let count = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
        remaining -= UInt64(count)
        return count
    }
}
