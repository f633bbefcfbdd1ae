#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A whole file's bytes, read-only, for one pass over them: mapped (`mmap`, private) when the
/// system allows it, else read into memory.
///
/// Mapping lends the page cache's pages as they are. Reading a 100 MiB log with `read` into a
/// fresh buffer took 100–160 ms here, most of it the kernel zeroing the buffer's pages before
/// copying into them; mapping it took about 15 ms.
///
/// The bytes must not be used after the file is cut shorter than them: a mapped page past the
/// new end faults (SIGBUS). The store holds the vault's lock while it reads the log, so no other
/// Keepsake process can cut it meanwhile, and the store itself cuts it only after reading.
final class MappedFile {
    /// The bytes (valid while this object lives).
    let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` is a mapping (to unmap), rather than memory of our own (to free).
    private let isMapped: Bool

    /// Maps `file` (or reads it when mapping fails, or it is empty).
    /// - Throws: `StoreError.io` from the fallback read.
    init(_ file: PosixFile) throws(StoreError) {
        let size = try file.size()
        if size > 0, let base = Self.map(file.descriptor, size: size) {
            bytes = UnsafeRawBufferPointer(start: base, count: size)
            isMapped = true
        } else {
            let read = try file.readAll()
            let owned = UnsafeMutableRawBufferPointer.allocate(byteCount: read.count, alignment: 16)
            owned.copyBytes(from: read)
            bytes = UnsafeRawBufferPointer(owned)
            isMapped = false
        }
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            bytes.deallocate()
        }
    }

    /// `size` bytes of the descriptor's file from offset 0, mapped read-only and (on Linux)
    /// faulted in at once; nil when the system refuses.
    private static func map(_ descriptor: Int32, size: Int) -> UnsafeRawPointer? {
        #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
        #else
            let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, size, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else { return nil }
        return UnsafeRawPointer(base)
    }
}
