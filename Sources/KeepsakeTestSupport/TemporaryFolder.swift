import Foundation
import KeepsakeCrypto

/// A fresh folder under the system's temporary folder, removed when released.
public final class TemporaryFolder: @unchecked Sendable {
    /// Its absolute path.
    public let path: String

    /// Makes a new, empty folder (mode 0700).
    public init() {
        var template = Array((NSTemporaryDirectory() + "keepsake-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A path inside the folder.
    public func appending(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Cheap key-derivation settings for tests (libsodium's minimum: 1 pass, 8 KiB). Never use
/// them outside tests.
public enum TestKDF {
    /// Argon2id at its floor.
    public static let cheap = Argon2idParameters(opsLimit: 1, memLimit: 8192)
}

/// File helpers for tests.
public enum TestFiles {
    /// The bytes of a file (empty if missing).
    public static func read(_ path: String) -> [UInt8] {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { Array($0) } ?? []
    }

    /// Replaces a file's bytes.
    public static func write(_ bytes: [UInt8], to path: String) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Opens `input` for reading and `output` for writing (created or emptied, 0600), hands
    /// both descriptors to `body` and closes them after it.
    /// - Throws: `POSIXError` when either can't be opened, or what `body` throws.
    public static func withDescriptors<T>(
        _ input: String, _ output: String, _ body: (Int32, Int32) throws -> T
    ) throws -> T {
        let inputDescriptor = open(input, O_RDONLY | O_CLOEXEC)
        guard inputDescriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(inputDescriptor) }
        let outputDescriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputDescriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(outputDescriptor) }
        return try body(inputDescriptor, outputDescriptor)
    }

    /// Removes a file or folder (ignoring a missing one).
    public static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Copies a folder tree to a new path.
    public static func copyFolder(_ source: String, to destination: String) {
        try! FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    /// SHA-256 of every regular file under `folder`, by relative path.
    public static func fingerprint(_ folder: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + name
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[name] = SHA256.hash(read(full))
            }
        }
        return out
    }

    /// The bytes of every regular file under `folder`, by relative path.
    /// Files larger than `maximumFileSize`, and files that can't be read, are left out.
    /// With `modifiedSince`, only files changed at or after that moment.
    public static func fingerprintContents(
        _ folder: String, maximumFileSize: Int = .max, modifiedSince: Date? = nil
    ) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            let full = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                attributes[.type] as? FileAttributeType == .typeRegular,
                (attributes[.size] as? Int ?? 0) <= maximumFileSize,
                modifiedSince.map({ (attributes[.modificationDate] as? Date ?? .distantPast) >= $0 }) ?? true,
                let data = FileManager.default.contents(atPath: full)
            else { continue }
            out[name] = Array(data)
        }
        return out
    }

    /// The permission bits of a path.
    public static func mode(_ path: String) -> Int {
        var info = stat()
        precondition(stat(path, &info) == 0)
        return Int(info.st_mode) & 0o777
    }
}
