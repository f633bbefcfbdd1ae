import KeepsakeAge
import KeepsakeCrypto

/// The fixed identity and passphrase the seed files were made for (`AgeFuzzSeedTests`).
private let identity = AgeIdentity(privateKey: try! X25519.PrivateKey(secret: SecureBytes(copying: [UInt8](repeating: 0x41, count: 32))))
private let passphrase = Passphrase(copying: "keepsake fuzzing")

/// The age reader over arbitrary bytes, as `keepsake open` and `decrypt` meet a sealed file:
/// `AgeHeader.parse` alone, then the whole file (armor, header, the X25519 or scrypt stanza,
/// MAC, payload) through a decryptor holding the seeds' identity and passphrase. scrypt is
/// capped at work factor 4 so that a hostile stanza can't make one input take seconds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAgeHeader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let (header, byteCount) = try? AgeHeader.parse(bytes) {
        // The header is self-delimiting: its own bytes parse to the same header.
        precondition((try? AgeHeader.parse(Array(bytes[..<byteCount])))?.header == header, "a header that reads past itself")
    }
    let decryptor = try! AgeDecryptor(identities: [identity], passphrases: [passphrase], maximumWorkFactor: 4)
    _ = try? decryptor.decrypt(bytes)
    return 0
}
