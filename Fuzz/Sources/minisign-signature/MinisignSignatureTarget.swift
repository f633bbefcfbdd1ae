import KeepsakeCrypto
import KeepsakeMinisign

/// The fixed key and content the seed signatures were made with (`MinisignFuzzSeeds`).
private let publicKey: MinisignPublicKey = {
    let seed = SecureBytes(copying: [UInt8](repeating: 0x4D, count: 32))
    return MinisignPublicKey(signingKey: try! Ed25519.PrivateKey(seed: seed))  // 32-byte seed
}()
private let content = Array("keepsake fuzzing content\n".utf8)

/// `MinisignSignature(parsing:)` over arbitrary bytes: a signature that parses prints and
/// parses back to itself, and is verified against the fixed key and content.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMinisignSignature(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let signature = try? MinisignSignature(parsing: Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    precondition((try? MinisignSignature(parsing: signature.fileText)) == signature, "a signature that does not print back")
    _ = try? signature.verify(content: content, publicKey: publicKey)
    return 0
}
