internal import CSodium

/// Secret bytes held in `sodium_malloc` memory: guarded pages, locked against swap where the
/// OS allows, and wiped (`sodium_free` zeroes) when the last reference goes.
///
/// The bytes are only lent out (`withUnsafeBytes`); `description` never shows them and `==`
/// compares in constant time (`sodium_memcmp`).
public final class SecureBytes: @unchecked Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    // Immutable after init (all writes happen in initialisers), hence @unchecked Sendable.
    private let pointer: UnsafeMutableRawPointer
    /// The number of secret bytes.
    public let count: Int

    /// Allocates `count` bytes and lets `initialize` fill them; the memory is wiped if it throws.
    /// - Throws: whatever `initialize` throws, or `CryptoError.outOfMemory`.
    public init<E: Error>(
        count: Int, initializingWith initialize: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        Sodium.ensureInitialised()
        precondition(count >= 0, "negative size")
        // sodium_malloc(0) is valid but keep one byte so the pointer is always usable.
        guard let raw = sodium_malloc(max(count, 1)) else {
            fatalError("sodium_malloc failed: out of memory for \(count) secret bytes")
        }
        sodium_memzero(raw, max(count, 1))
        self.pointer = raw
        self.count = count
        try initialize(UnsafeMutableRawBufferPointer(start: raw, count: count))
    }

    /// Copies `bytes` into secure memory. The caller should wipe its own copy (see `wipe(_:)`).
    public convenience init(copying bytes: some Collection<UInt8>) {
        self.init(count: bytes.count) { (buffer: UnsafeMutableRawBufferPointer) in
            _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
        }
    }

    /// `count` random bytes from libsodium's CSPRNG (`randombytes_buf`).
    public static func random(count: Int) -> SecureBytes {
        SecureBytes(count: count) { (buffer: UnsafeMutableRawBufferPointer) in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
    }

    deinit {
        sodium_free(pointer)  // zeroes, then unmaps the guarded region
    }

    /// Lends the secret bytes for the duration of `body`. Don't let them escape.
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Constant-time equality (`sodium_memcmp`); different lengths are unequal.
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count == 0 { return true }
        return sodium_memcmp(lhs.pointer, rhs.pointer, lhs.count) == 0
    }

    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }

    /// Wipes a plain array in place (`sodium_memzero`), for temporaries that held a secret.
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { sodium_memzero(base, buffer.count) }
        }
    }
}
