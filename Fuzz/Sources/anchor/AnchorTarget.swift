import KeepsakeStore

/// `SharedAnchor(parsing:)` over arbitrary text (both formats): an anchor that parses prints
/// as 87 characters (KS1) or 66 (KS2) and parses back to itself; `Anchor(parsing:)` (KS1 only)
/// agrees with it on KS1 anchors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnchor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let legacy = try? Anchor(parsing: text)
    guard let anchor = try? SharedAnchor(parsing: text) else {
        precondition(legacy == nil, "a KS1 anchor that SharedAnchor does not read")
        return 0
    }
    switch anchor {
    case let .legacy(one):
        precondition(one.text.count == 87, "a KS1 anchor that does not print as 87 characters")
        precondition(legacy == one, "Anchor and SharedAnchor read a KS1 anchor differently")
    case let .pinned(two):
        precondition(two.text.count == 66, "a KS2 anchor that does not print as 66 characters")
        precondition(two.binding.count == PinnedAnchor.bindingByteCount && two.keyId.count == 8, "a KS2 anchor of the wrong shape")
    }
    precondition((try? SharedAnchor(parsing: anchor.text)) == anchor, "an anchor that does not parse back")
    return 0
}
