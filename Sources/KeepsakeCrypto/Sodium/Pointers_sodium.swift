/// libsodium's headers mark most pointers non-null, even for empty inputs. These give every
/// buffer a valid byte pointer: its own, or a spare byte when it is empty.

nonisolated(unsafe) private let spareByte: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
    p.initialize(repeating: 0, count: 16)
    return p
}()

/// A non-NULL byte pointer for a possibly empty buffer.
@inline(__always)
func ptr(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8> {
    if let base = buffer.baseAddress, buffer.count > 0 {
        return base.assumingMemoryBound(to: UInt8.self)
    }
    return UnsafePointer(spareByte)
}

/// A non-NULL mutable byte pointer for a possibly empty buffer (nothing is written to the
/// spare byte when the length passed beside it is zero).
@inline(__always)
func ptr(_ buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutablePointer<UInt8> {
    if let base = buffer.baseAddress, buffer.count > 0 {
        return base.assumingMemoryBound(to: UInt8.self)
    }
    return spareByte
}
