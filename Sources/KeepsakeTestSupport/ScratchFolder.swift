import Foundation

/// A folder for tests that write and fsync thousands of small files: in memory (/dev/shm)
/// when the machine has it, where an fsync costs nothing. What those tests prove (which
/// states of the files open, and how) does not depend on the disk; the tests that kill real
/// processes use the ordinary temporary folder.
public final class ScratchFolder: @unchecked Sendable {
    /// Its absolute path.
    public let path: String

    /// Makes a new, empty folder (mode 0700).
    public init() {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm/" : NSTemporaryDirectory()
        var template = Array((base + "keepsake-test-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A path inside the folder.
    public func appending(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
