internal import CSodium

/// Base64 in the variants the formats need (`sodium_bin2base64` / `sodium_base642bin`).
/// Decoding is strict: non-canonical trailing bits and stray characters are refused.
public enum Base64 {
    /// The alphabets and padding rules.
    public enum Variant: Sendable {
        /// Standard alphabet with `=` padding (minisign, age armor).
        case original
        /// Standard alphabet without padding (age headers).
        case originalNoPadding
        /// URL-safe alphabet without padding (printable anchors).
        case urlSafeNoPadding

        var sodiumValue: Int32 {
            switch self {
            case .original: return sodium_base64_VARIANT_ORIGINAL
            case .originalNoPadding: return sodium_base64_VARIANT_ORIGINAL_NO_PADDING
            case .urlSafeNoPadding: return sodium_base64_VARIANT_URLSAFE_NO_PADDING
            }
        }
    }

    /// Encodes bytes.
    public static func encode(_ bytes: [UInt8], variant: Variant) -> String {
        Sodium.ensureInitialised()
        let length = sodium_base64_encoded_len(bytes.count, variant.sodiumValue)
        var out = [CChar](repeating: 0, count: length)
        out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBytes { b in
                _ = sodium_bin2base64(
                    o.baseAddress!, length, ptr(b), b.count, variant.sodiumValue)
            }
        }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes text, refusing anything that is not canonical in `variant`. Empty text decodes
    /// to no bytes (an age stanza's last body line may be empty).
    /// - Throws: `invalidEncoding`.
    public static func decode(_ text: String, variant: Variant) throws(CryptoError) -> [UInt8] {
        Sodium.ensureInitialised()
        let input = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3 + 3)
        var length = 0
        var consumed = -1
        let status = input.withUnsafeBytes { i in
            out.withUnsafeMutableBytes { o in
                // `end` is measured from the very pointer handed to libsodium: for empty
                // input that is the spare byte, not the array's own (empty) storage.
                let start = UnsafeRawPointer(ptr(i)).assumingMemoryBound(to: CChar.self)
                var end: UnsafePointer<CChar>? = nil
                let status = sodium_base642bin(
                    ptr(o), o.count, start, i.count, nil, &length, &end, variant.sodiumValue)
                if let end { consumed = start.distance(to: end) }
                return status
            }
        }
        // `end` must reach the end of the input: no trailing garbage.
        guard status == 0, consumed == input.count else {
            throw .invalidEncoding("not canonical base64")
        }
        return Array(out[..<length])
    }
}
