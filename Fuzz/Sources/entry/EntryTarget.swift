import KeepsakeVault

/// `Entry.decode` over arbitrary bytes: an entry that decodes encodes again and decodes back
/// to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let entry = try? Entry.decode(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    precondition((try? Entry.decode(entry.encoded())) == entry, "an entry that does not encode back to itself")
    return 0
}
