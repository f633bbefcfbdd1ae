import KeepsakeMinisign

/// `MinisignPublicKey(parsing:)` over arbitrary bytes: a key that parses prints and parses
/// back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMinisignPublicKey(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let key = try? MinisignPublicKey(parsing: Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    precondition((try? MinisignPublicKey(parsing: key.base64Line)) == key, "a key that does not print back")
    return 0
}
