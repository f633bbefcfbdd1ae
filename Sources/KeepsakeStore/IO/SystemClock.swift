#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KeepsakeCrypto

/// Milliseconds since 1970 (UTC) by the device clock: the time a record is written.
public func currentTimeMilliseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec / 1_000_000)
}

/// `byteCount` random bytes as lower-case hex (for neutral file names).
func randomHex(byteCount: Int) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in SecureRandom.bytes(count: byteCount) {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
