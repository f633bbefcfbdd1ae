import KeepsakeStore

/// The log scanner (frame headers, tags, chain, the search for moved frames, resynchronisation
/// after damage) and the head file, over arbitrary bytes under the fixed fuzzing key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = StoreFuzzing.scanLog(bytes)
    _ = StoreFuzzing.readHead(bytes)
    return 0
}
