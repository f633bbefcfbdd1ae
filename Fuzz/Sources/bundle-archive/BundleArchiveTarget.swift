import Foundation
import KeepsakeBundle

/// The ZIP reading of `open` and `verify` over arbitrary bytes: the unpacking plan (names,
/// links, duplicates, sizes, ratios), then the archive read in place and fully verified
/// (manifest, signature, every file's hash, entries and proofs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    _ = BundleFuzzing.planUnpacking(bytes)
    guard let archive = try? BundleArchive(path: "fuzz.zip", data: bytes) else { return 0 }
    _ = archive.listing()
    _ = BundleVerifier.verify(archive)
    return 0
}
