import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
    internal import CSystemExtras
#endif

/// Opens a ZIP archive held in memory (a sealed bundle decrypted in place).
///
/// ZIPFoundation's own in-memory backing traps when a hostile archive points past its end (a
/// central directory or local header offset beyond the data: upstream pull request 394), so on
/// Linux the bytes go into an anonymous file that lives only in memory (`memfd_create`, never
/// on disk) and ZIPFoundation reads it as it reads any file, where reading past the end is
/// simply the end. Elsewhere, or if that fails, ZIPFoundation's in-memory backing is used.
enum MemoryArchive {
    /// - Throws: `BundleError.notABundle` when the bytes are not a ZIP archive.
    static func open(_ data: Data, name: String) throws -> Archive {
        #if canImport(Glibc)
            let descriptor = keepsake_memory_file()
            if descriptor >= 0 {
                defer { close(descriptor) }  // the archive's own open keeps the memory alive
                if write(all: data, to: descriptor) {
                    do {
                        return try Archive(url: URL(fileURLWithPath: "/proc/self/fd/\(descriptor)"), accessMode: .read)
                    } catch {
                        throw BundleError.notABundle("\(name) is not a ZIP archive")
                    }
                }
            }
        #endif
        do {
            return try Archive(data: data, accessMode: .read, pathEncoding: nil)
        } catch {
            throw BundleError.notABundle("\(name) is not a ZIP archive")
        }
    }

    #if canImport(Glibc)
        private static func write(all data: Data, to descriptor: Int32) -> Bool {
            data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { return false }
                    offset += n
                }
                return true
            }
        }
    #endif
}
