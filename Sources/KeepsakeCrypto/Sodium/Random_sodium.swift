internal import CSodium

/// Random bytes from libsodium's CSPRNG (the OS source: `getrandom` on Linux).
public enum SecureRandom {
    /// `count` random bytes (`randombytes_buf`). For secrets use `SecureBytes.random(count:)`.
    public static func bytes(count: Int) -> [UInt8] {
        Sodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
        return out
    }

    /// A uniform random integer in `0..<upperBound` (`randombytes_uniform`, no modulo bias).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        Sodium.ensureInitialised()
        return randombytes_uniform(upperBound)
    }
}
