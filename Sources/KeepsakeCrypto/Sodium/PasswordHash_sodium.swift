internal import CSodium

/// Argon2id parameters: passes over memory (`opsLimit`) and memory in bytes (`memLimit`).
/// Stored per key slot so that they can be raised later.
public struct Argon2idParameters: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// Number of passes (libsodium's `opslimit`).
    public var opsLimit: UInt64
    /// Memory in bytes (libsodium's `memlimit`).
    public var memLimit: UInt64

    /// Makes parameters; they are checked against libsodium's bounds when used.
    public init(opsLimit: UInt64, memLimit: UInt64) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// libsodium's INTERACTIVE preset: 2 passes, 64 MiB.
    public static let interactive = Argon2idParameters(opsLimit: 2, memLimit: 64 << 20)
    /// libsodium's MODERATE preset: 3 passes, 256 MiB. Keepsake's default floor.
    public static let moderate = Argon2idParameters(opsLimit: 3, memLimit: 256 << 20)
    /// libsodium's SENSITIVE preset: 4 passes, 1 GiB.
    public static let sensitive = Argon2idParameters(opsLimit: 4, memLimit: 1 << 30)

    public var description: String { "Argon2id(ops: \(opsLimit), mem: \(memLimit >> 20) MiB)" }
}

/// Argon2id password hashing (`crypto_pwhash` with `crypto_pwhash_ALG_ARGON2ID13`).
public enum Argon2id {
    /// Salt length: 16 bytes.
    public static let saltByteCount = 16

    /// The smallest and largest values libsodium accepts, for validating stored parameters.
    public static var opsLimitRange: ClosedRange<UInt64> {
        Sodium.ensureInitialised()
        return UInt64(crypto_pwhash_opslimit_min())...UInt64(crypto_pwhash_opslimit_max())
    }
    /// The memory range libsodium accepts on this platform, in bytes.
    public static var memLimitRange: ClosedRange<UInt64> {
        Sodium.ensureInitialised()
        return UInt64(crypto_pwhash_memlimit_min())...UInt64(crypto_pwhash_memlimit_max())
    }

    /// Derives `outputByteCount` secret bytes from `password` and `salt`.
    /// - Throws: `invalidLength` for a salt that is not 16 bytes; `invalidParameter` for
    ///   parameters or an output size outside libsodium's bounds; `outOfMemory` when the
    ///   memory could not be had.
    public static func deriveKey(
        password: SecureBytes, salt: [UInt8], parameters: Argon2idParameters,
        outputByteCount: Int = 32
    ) throws(CryptoError) -> SecureBytes {
        Sodium.ensureInitialised()
        try CryptoError.checkLength("Argon2id salt", expected: saltByteCount, actual: salt.count)
        guard opsLimitRange.contains(parameters.opsLimit),
            memLimitRange.contains(parameters.memLimit)
        else { throw .invalidParameter("Argon2id parameters out of range: \(parameters)") }
        guard outputByteCount >= Int(crypto_pwhash_bytes_min()), outputByteCount <= 1 << 20 else {
            throw .invalidParameter("Argon2id output of \(outputByteCount) bytes")
        }
        var status: Int32 = -1
        let out = SecureBytes(count: outputByteCount) { o in
            password.withUnsafeBytes { p in
                salt.withUnsafeBytes { s in
                    status = crypto_pwhash(
                        ptr(o), UInt64(outputByteCount),
                        passwordPointer(p), UInt64(p.count),
                        ptr(s),
                        parameters.opsLimit, Int(parameters.memLimit),
                        crypto_pwhash_ALG_ARGON2ID13)
                }
            }
        }
        // Parameters were checked above, so a failure here is the memory allocation.
        guard status == 0 else { throw .outOfMemory }
        return out
    }

    /// Checks a reference `$argon2id$…` string (`crypto_pwhash_str_verify`); for tests
    /// against published known answers.
    public static func verify(encoded: String, password: SecureBytes) -> Bool {
        Sodium.ensureInitialised()
        return password.withUnsafeBytes { p in
            encoded.withCString { e in
                crypto_pwhash_str_verify(e, passwordPointer(p), UInt64(p.count)) == 0
            }
        }
    }
}

/// scrypt (`crypto_pwhash_scryptsalsa208sha256_ll`), the KDF of age's passphrase recipient.
public enum Scrypt {
    /// The largest log2(N) accepted here (2^30 × 128 × r bytes is already far beyond reason).
    public static let maximumLogN = 30

    /// Derives `outputByteCount` bytes with N = 2^logN.
    /// - Throws: `invalidParameter` for logN outside 1...30, r or p of zero, r × p of 2^30 or
    ///   more (RFC 7914 §2; libsodium refuses it too) or an output size outside
    ///   1...(2^32 − 1) × 32; `outOfMemory` when libsodium could not get the memory.
    public static func deriveKey(
        password: SecureBytes, salt: [UInt8], logN: Int, r: UInt32, p: UInt32,
        outputByteCount: Int
    ) throws(CryptoError) -> SecureBytes {
        Sodium.ensureInitialised()
        guard (1...maximumLogN).contains(logN), r > 0, p > 0,
            UInt64(r) * UInt64(p) < 1 << 30,
            outputByteCount > 0, UInt64(outputByteCount) <= (UInt64(1) << 32 - 1) * 32
        else {
            throw .invalidParameter("scrypt logN \(logN), r \(r), p \(p), out \(outputByteCount)")
        }
        var status: Int32 = -1
        let out = SecureBytes(count: outputByteCount) { o in
            password.withUnsafeBytes { pw in
                salt.withUnsafeBytes { s in
                    // libsodium wants non-NULL pointers even for empty inputs.
                    status = crypto_pwhash_scryptsalsa208sha256_ll(
                        ptr(pw), pw.count, ptr(s), s.count,
                        UInt64(1) << UInt64(logN), r, p,
                        ptr(o), o.count)
                }
            }
        }
        // Parameters were checked above, so a failure here is the memory allocation.
        guard status == 0 else { throw .outOfMemory }
        return out
    }
}

/// A non-NULL char pointer for a password, even an empty one (libsodium requires it).
private func passwordPointer(_ p: UnsafeRawBufferPointer) -> UnsafePointer<CChar> {
    UnsafeRawPointer(ptr(p)).assumingMemoryBound(to: CChar.self)
}
