#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Thin, unqualified forwards to the C library, so that types with methods named `read`,
// `write` or `open` can call the system functions without naming the platform module.

@inline(__always) func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
@inline(__always) func sysRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
@inline(__always) func sysWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
@inline(__always) func sysClose(_ fd: Int32) { _ = close(fd) }

/// The calling thread's `errno`.
@inline(__always) func lastErrno() -> Int32 { errno }

/// Removes a file; returns unlink's result.
@inline(__always) func sysUnlink(_ path: String) -> Int32 { unlink(path) }
/// Removes an empty folder; returns rmdir's result.
@inline(__always) func sysRemoveFolder(_ path: String) -> Int32 { rmdir(path) }
