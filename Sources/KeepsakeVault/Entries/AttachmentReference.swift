import Foundation
import KeepsakeCrypto
import KeepsakeStore

/// An attachment as recorded in its entry: where the encrypted blob is, its key, and what a
/// forensic examiner needs (SHA-256, size, media type, original file name).
public struct AttachmentReference: Codable, Equatable, Sendable {
    /// Blob file name (32 hex characters) under the vault's blob folder.
    public var blob: String
    /// The blob's key, base64 (it lives only inside this encrypted entry).
    public var key: String
    /// SHA-256 of the original file, lower-case hex.
    public var sha256: String
    /// Size of the original file in bytes.
    public var size: UInt64
    /// Media type ("image/jpeg"), guessed from the file name when not given.
    public var mediaType: String
    /// The file's original name (no folder).
    public var fileName: String
    /// The owner's caption, if any.
    public var caption: String?

    /// Records a stored blob.
    public init(blob: AttachmentBlob, mediaType: String, fileName: String, caption: String? = nil) {
        self.blob = blob.name
        key = blob.key.withUnsafeBytes { Base64.encode(Array($0), variant: .original) }
        sha256 = blob.sha256.map { String(format: "%02x", $0) }.joined()
        size = blob.byteCount
        self.mediaType = mediaType
        self.fileName = fileName
        self.caption = caption
    }

    /// The store's view of the blob, to read or check it.
    /// - Throws: `VaultError.malformedEntry` when the recorded values are not well formed.
    public func storeBlob() throws(VaultError) -> AttachmentBlob {
        guard var keyBytes = try? Base64.decode(key, variant: .original),
            let secret = Optional(SecureBytes(copying: keyBytes)),
            let symmetric = try? SymmetricKey(secret),
            let hash = Self.hexBytes(sha256),
            let blob = try? AttachmentBlob(name: blob, key: symmetric, sha256: hash, byteCount: size)
        else { throw .malformedEntry("attachment \(fileName)") }
        SecureBytes.wipe(&keyBytes)
        return blob
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < chars.count {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
            i += 2
        }
        return out
    }

    /// A media type from a file name's extension.
    public static func mediaType(forFileName name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let known: [String: String] = [
            "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
            "heic": "image/heic", "webp": "image/webp", "mp3": "audio/mpeg", "m4a": "audio/mp4",
            "wav": "audio/wav", "ogg": "audio/ogg", "mp4": "video/mp4", "mov": "video/quicktime",
            "pdf": "application/pdf", "txt": "text/plain", "doc": "application/msword",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ]
        return known[ext] ?? "application/octet-stream"
    }
}

extension AttachmentReference {
    /// An attachment reference from its recorded values, unchecked (for the entry reader).
    init(
        blob: String, key: String, sha256: String, size: UInt64, mediaType: String, fileName: String, caption: String?
    ) {
        self.blob = blob
        self.key = key
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.fileName = fileName
        self.caption = caption
    }
}
