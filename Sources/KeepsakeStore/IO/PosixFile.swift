#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor with the few operations the store needs, each retrying on EINTR
/// and throwing `StoreError.io` naming the call and the path. Closed on deinit.
public final class PosixFile {
    /// The descriptor (owned).
    public let descriptor: Int32
    /// The path it was opened with, for error messages.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { sysClose(descriptor) }

    /// Opens an existing file for reading.
    /// - Throws: `StoreError.io` (ENOENT when missing).
    public static func openForReading(_ path: String) throws(StoreError) -> PosixFile {
        try openFile(path, flags: O_RDONLY)
    }

    /// Opens a file for reading and writing, creating it with mode 0600 when `create` is set.
    /// - Throws: `StoreError.io`.
    public static func openForWriting(_ path: String, create: Bool, exclusive: Bool = false)
        throws(StoreError) -> PosixFile
    {
        var flags = O_RDWR
        if create { flags |= O_CREAT }
        if exclusive { flags |= O_EXCL }
        return try openFile(path, flags: flags)
    }

    private static func openFile(_ path: String, flags: Int32) throws(StoreError) -> PosixFile {
        while true {
            let fd = sysOpen(path, flags | O_CLOEXEC, 0o600)
            if fd >= 0 { return PosixFile(descriptor: fd, path: path) }
            if errno == EINTR { continue }
            throw .io(operation: "open", path: path, errno: errno)
        }
    }

    /// The file's size in bytes (`fstat`).
    /// - Throws: `StoreError.io`.
    public func size() throws(StoreError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw .io(operation: "stat", path: path, errno: errno)
        }
        return Int(info.st_size)
    }

    /// Reads up to `buffer.count` bytes at the current offset; 0 means end of file.
    /// - Throws: `StoreError.io`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(StoreError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = sysRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .io(operation: "read", path: path, errno: errno)
        }
    }

    /// Reads the whole file from offset 0.
    /// - Throws: `StoreError.io`.
    public func readAll() throws(StoreError) -> [UInt8] {
        let total = try size()
        var out = [UInt8](repeating: 0, count: total)
        var filled = 0
        while filled < total {
            let n = out.withUnsafeMutableBytes { b -> Int in
                while true {
                    let r = pread(descriptor, b.baseAddress! + filled, total - filled, off_t(filled))
                    if r >= 0 || errno != EINTR { return r }
                }
            }
            if n < 0 { throw .io(operation: "read", path: path, errno: errno) }
            if n == 0 { break }  // the file shrank under us: return what is there
            filled += n
        }
        return filled == total ? out : Array(out[..<filled])
    }

    /// Writes all of `bytes` at the current offset, looping on short writes.
    /// - Throws: `StoreError.io` (ENOSPC, EFBIG …); some bytes may have been written.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(StoreError) {
        try writeAll(bytes, at: nil)
    }

    /// Writes all of `bytes` at `offset` (`pwrite`, leaving the file offset where it was), or
    /// at the current offset when nil (`write`), looping on short writes and EINTR.
    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int?) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let start = bytes.baseAddress! + done
            let n = offset.map { pwrite(descriptor, start, bytes.count - done, off_t($0 + done)) }
                ?? sysWrite(descriptor, start, bytes.count - done)
            if n > 0 {
                done += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            throw .io(operation: "write", path: path, errno: n < 0 ? errno : EIO)
        }
    }

    /// Writes all of `bytes` at the current offset.
    /// - Throws: `StoreError.io`.
    public func write(_ bytes: some Collection<UInt8>) throws(StoreError) {
        var failure: StoreError? = nil
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(StoreError) { try write(UnsafeRawBufferPointer(buffer)) } catch { failure = error }
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { b in
                do throws(StoreError) { try write(b) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    /// Writes all of `bytes` at `offset` (`pwrite`), leaving the file offset where it was.
    /// - Throws: `StoreError.io`; some bytes may have been written.
    public func write(_ bytes: [UInt8], at offset: Int) throws(StoreError) {
        var failure: StoreError? = nil
        bytes.withUnsafeBytes { b in
            do throws(StoreError) { try writeAll(b, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Moves the offset (`lseek`), to `offset` from the start, or to the end when nil.
    /// - Throws: `StoreError.io`.
    @discardableResult
    public func seek(to offset: Int?) throws(StoreError) -> Int {
        let r = offset.map { lseek(descriptor, off_t($0), SEEK_SET) } ?? lseek(descriptor, 0, SEEK_END)
        guard r >= 0 else { throw .io(operation: "seek", path: path, errno: errno) }
        return Int(r)
    }

    /// Flushes data and metadata to the disk (`fsync`).
    /// - Throws: `StoreError.io`.
    public func sync() throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
    }

    /// Flushes the file's data, and only the metadata needed to read it back, to the disk
    /// (`fdatasync`; `fsync` where there is none). Enough after overwriting bytes in place.
    /// - Throws: `StoreError.io`.
    public func syncData() throws(StoreError) {
        #if os(Linux)
            let result = fdatasync(descriptor)
        #else
            let result = fsync(descriptor)
        #endif
        guard result == 0 else { throw .io(operation: "fdatasync", path: path, errno: errno) }
    }

    /// Cuts the file to `length` bytes (`ftruncate`).
    /// - Throws: `StoreError.io`.
    public func truncate(to length: Int) throws(StoreError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw .io(operation: "truncate", path: path, errno: errno)
        }
    }
}
