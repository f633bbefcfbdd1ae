/// The per-primitive fields of the Wycheproof schemas Keepsake runs. Hex fields decode to
/// bytes; names follow the JSON.

/// Nothing shared at group level (besides what the tests ignore).
public struct NoParameters: Decodable, Sendable {}

// MARK: aead_test_schema_v1 (ChaCha20-Poly1305, XChaCha20-Poly1305)

/// AEAD group parameters, in bits.
public struct AEADParameters: Decodable, Sendable {
    public let ivSize: Int
    public let keySize: Int
    public let tagSize: Int
}

/// AEAD test fields: the ciphertext without its tag in `ct`, the tag in `tag`.
public struct AEADInput: Decodable, Sendable {
    public let key: HexBytes
    public let iv: HexBytes
    public let aad: HexBytes
    public let msg: HexBytes
    public let ct: HexBytes
    public let tag: HexBytes

    /// ct ‖ tag, the form Keepsake's `seal` returns and `open` takes.
    public var sealed: [UInt8] { ct.bytes + tag.bytes }
}

/// An AEAD vector file.
public typealias AEADVectorFile = WycheproofFile<WycheproofGroup<AEADParameters, AEADInput>>

// MARK: xdh_comp_schema_v1 (X25519)

/// XDH group parameters.
public struct XDHParameters: Decodable, Sendable {
    public let curve: String
}

/// XDH test fields: our private scalar, the peer's public u-coordinate, the shared secret.
public struct XDHInput: Decodable, Sendable {
    public let publicKey: HexBytes
    public let privateKey: HexBytes
    public let shared: HexBytes

    private enum CodingKeys: String, CodingKey {
        case publicKey = "public", privateKey = "private", shared
    }
}

/// An X25519 vector file.
public typealias XDHVectorFile = WycheproofFile<WycheproofGroup<XDHParameters, XDHInput>>

// MARK: eddsa_verify_schema_v1 (Ed25519)

/// EdDSA group parameters: the verifying key.
public struct EdDSAParameters: Decodable, Sendable {
    /// The raw key and its curve.
    public struct PublicKey: Decodable, Sendable {
        public let curve: String
        public let pk: HexBytes
    }

    public let publicKey: PublicKey
}

/// EdDSA test fields.
public struct EdDSAInput: Decodable, Sendable {
    public let msg: HexBytes
    public let sig: HexBytes
}

/// An Ed25519 vector file.
public typealias EdDSAVectorFile = WycheproofFile<WycheproofGroup<EdDSAParameters, EdDSAInput>>

// MARK: mac_test_schema_v1 (HMAC-SHA-256)

/// MAC group parameters, in bits; `tagSize` below the full size means a truncated tag.
public struct MACParameters: Decodable, Sendable {
    public let keySize: Int
    public let tagSize: Int
}

/// MAC test fields.
public struct MACInput: Decodable, Sendable {
    public let key: HexBytes
    public let msg: HexBytes
    public let tag: HexBytes
}

/// An HMAC vector file.
public typealias MACVectorFile = WycheproofFile<WycheproofGroup<MACParameters, MACInput>>

// MARK: hkdf_test_schema_v1 (HKDF-SHA-256)

/// HKDF test fields; `size` is the output length in bytes.
public struct HKDFInput: Decodable, Sendable {
    public let ikm: HexBytes
    public let salt: HexBytes
    public let info: HexBytes
    public let size: Int
    public let okm: HexBytes
}

/// An HKDF vector file.
public typealias HKDFVectorFile = WycheproofFile<WycheproofGroup<NoParameters, HKDFInput>>
