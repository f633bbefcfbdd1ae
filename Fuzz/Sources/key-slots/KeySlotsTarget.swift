import KeepsakeStore

/// The key-slot file parser over arbitrary bytes; cheap slots are also tried with the
/// fuzzing passphrase.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeySlots(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = StoreFuzzing.parseKeySlots(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
