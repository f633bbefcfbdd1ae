import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// RFC 7914 §12, the first three vectors (the fourth, N = 2^20, needs 1 GiB and is left out).
/// The first has an empty password and an empty salt: libsodium must still get non-NULL
/// pointers for both.
private let rfc7914: [(
    password: String, salt: String, logN: Int, r: UInt32, p: UInt32, output: String
)] = [
    ("", "", 4, 1, 1,
     "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
    ("password", "NaCl", 10, 8, 16,
     "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
        + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
    ("pleaseletmein", "SodiumChloride", 14, 8, 1,
     "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
        + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"),
]

@Test func scryptMatchesRFC7914Vectors() throws {
    for vector in rfc7914 {
        let derived = try Scrypt.deriveKey(
            password: SecureBytes(copying: Array(vector.password.utf8)),
            salt: Array(vector.salt.utf8), logN: vector.logN, r: vector.r, p: vector.p,
            outputByteCount: 64)
        #expect(bytes(derived) == Hex.decode(vector.output), "N = 2^\(vector.logN)")
    }
}

@Test func scryptRefusesParametersOutOfRange() {
    let password = SecureBytes(copying: Array("pw".utf8))
    let bad: [(logN: Int, r: UInt32, p: UInt32, out: Int)] = [
        (0, 8, 1, 32), (31, 8, 1, 32), (-1, 8, 1, 32), (10, 0, 1, 32), (10, 8, 0, 32),
        (10, 8, 1, 0),
        // r × p must stay below 2^30 (RFC 7914 §2); libsodium refuses it, and it must not be
        // reported as running out of memory.
        (1, 1 << 15, 1 << 15, 32),
    ]
    for b in bad {
        let error = thrownError(by: { () throws(CryptoError) in
            try Scrypt.deriveKey(
                password: password, salt: [1], logN: b.logN, r: b.r, p: b.p,
                outputByteCount: b.out)
        })
        guard case .invalidParameter = error else {
            let got = String(describing: error)
            Issue.record("logN \(b.logN) r \(b.r) p \(b.p) out \(b.out): got \(got)")
            continue
        }
    }
}
