import Foundation
import KeepsakeCrypto

/// Identity files as age reads them (`age -d -i FILE`) and `age-keygen` writes them: one
/// secret key per line, lines starting with `#` and empty lines ignored, LF or CRLF.
public enum AgeIdentityFile {
    /// The largest identity file read: 1 MiB, thousands of keys. Anything larger is refused
    /// before it is read.
    public static let maximumByteCount = 1 << 20

    /// The identities in an identity file's bytes, in order.
    /// - Throws: `AgeError.invalidIdentityFile` for a line that is neither a comment, empty,
    ///   nor an `AGE-SECRET-KEY-1…` key (the message names the line, never its text), for a
    ///   file without any key, or one over `maximumByteCount`.
    public static func parse(_ bytes: [UInt8]) throws(AgeError) -> [AgeIdentity] {
        guard bytes.count <= maximumByteCount else { throw tooLarge(bytes.count) }
        var identities: [AgeIdentity] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            var line = Array(bytes[start..<end])
            defer { SecureBytes.wipe(&line) }
            start = end + 1
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            do {
                identities.append(try AgeIdentity(parsingBytes: line))
            } catch {
                throw .invalidIdentityFile(reason: "line \(lineNumber) is not a usable secret key: \(kind(of: line))")
            }
        }
        guard !identities.isEmpty else {
            throw .invalidIdentityFile(reason: "it holds no secret key")
        }
        return identities
    }

    /// The identities in the file at `path`.
    /// - Throws: `AgeError.io` when the file can't be opened or read; otherwise as `parse`.
    public static func read(path: String) throws(AgeError) -> [AgeIdentity] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(StreamIOError(operation: "read", code: errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        defer { SecureBytes.wipe(&bytes) }
        var source = FileDescriptorSource(descriptor: descriptor)
        var block = [UInt8](repeating: 0, count: 4096)
        defer { SecureBytes.wipe(&block) }
        while true {
            let count: Int
            do {
                count = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            } catch {
                throw .io(error)
            }
            if count == 0 { break }
            bytes.append(contentsOf: block[..<count])
            guard bytes.count <= maximumByteCount else { throw tooLarge(bytes.count) }
        }
        return try parse(bytes)
    }

    /// The identity file `age-keygen` would write for `identity`, byte for byte: a
    /// `# created: <RFC 3339 time>` line (UTC), a `# public key: age1…` line and the key line.
    /// It is in secure memory, since it holds the secret key.
    public static func text(for identity: AgeIdentity, created: Date = Date()) -> SecureBytes {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let comments = "# created: \(formatter.string(from: created))\n# public key: \(identity.recipient)\n"
        let key = identity.encodedSecretKey()
        return SecureBytes(count: comments.utf8.count + key.count + 1) { out in
            out.copyBytes(from: Array(comments.utf8))
            key.withUnsafeBytes { k in
                UnsafeMutableRawBufferPointer(rebasing: out[comments.utf8.count...]).copyMemory(from: k)
            }
            out[out.count - 1] = UInt8(ascii: "\n")
        }
    }

    /// Writes `text(for:created:)` to a new file at `path`, readable by its owner only (0600),
    /// and syncs it. An existing file is never replaced.
    /// - Throws: `AgeError.io` when the file exists or can't be written.
    public static func write(_ identity: AgeIdentity, toPath path: String, created: Date = Date())
        throws(AgeError)
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(StreamIOError(operation: "write", code: errno)) }
        var sink = FileDescriptorSink(descriptor: descriptor)
        do {
            try text(for: identity, created: created).withUnsafeBytes { try sink.write($0) }
        } catch {
            close(descriptor)
            unlink(path)
            throw .io(error)
        }
        let synced = fsync(descriptor) == 0 ? 0 : errno
        close(descriptor)
        guard synced == 0 else { throw .io(StreamIOError(operation: "write", code: synced)) }
    }

    private static func tooLarge(_ size: Int) -> AgeError {
        .invalidIdentityFile(reason: "it is larger than \(maximumByteCount >> 20) MiB (\(size) bytes or more)")
    }

    /// What kind of line a refused one seems to be, without quoting it.
    private static func kind(of line: [UInt8]) -> String {
        if line.starts(with: Array("AGE-SECRET-KEY-PQ-1".utf8)) {
            return "post-quantum keys are not supported"
        }
        if line.starts(with: Array("AGE-PLUGIN-".utf8)) {
            return "plugin identities are not supported"
        }
        if line.starts(with: Array("AGE-SECRET-KEY-1".utf8)) {
            return "the key is damaged (bad checksum, length or spaces)"
        }
        return "unknown key type"
    }
}
