import KeepsakeStore

/// `Anchor(parsing:)` over arbitrary text: an anchor that parses prints as 87 characters and
/// parses back to itself.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnchor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let anchor = try? Anchor(parsing: text) else { return 0 }
    precondition(anchor.text.count == 87, "an anchor that does not print as 87 characters")
    precondition((try? Anchor(parsing: anchor.text)) == anchor, "an anchor that does not parse back")
    return 0
}
