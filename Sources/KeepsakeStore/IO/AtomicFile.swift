#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file replacement that survives a crash at any point: write a temporary file beside
/// the target, fsync it, rename it over the target, fsync the folder. A reader sees either
/// the old file or the new one, never a mix.
public enum AtomicFile {
    /// Replaces (or creates) `path` with `bytes`, mode 0600.
    /// - Throws: `StoreError.io`; on failure the old file is untouched and the temporary removed.
    public static func write(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let temporary = path + ".new"
        unlink(temporary)  // a leftover from an earlier crash
        do {
            let file = try PosixFile.openForWriting(temporary, create: true, exclusive: true)
            try file.write(bytes)
            try file.sync()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io(operation: "rename", path: path, errno: code)
        }
        try Directory.sync(Directory.parent(of: path))
    }
}

/// Folder operations: create with mode 0700, fsync (so renames and new names are durable).
public enum Directory {
    /// Creates `path` with mode 0700 (and fixes the mode if it already exists). A filesystem
    /// that keeps no modes (FAT, exFAT: chmod fails, or leaves everything 0777) is not an
    /// error: the folder is made all the same.
    /// - Returns: whether the folder's mode is 0700 now (false when chmod is not supported).
    /// - Throws: `StoreError.io`.
    @discardableResult
    public static func create(_ path: String) throws(StoreError) -> Bool {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .io(operation: "mkdir", path: path, errno: errno)
        }
        guard chmod(path, 0o700) == 0 else {
            guard modesUnsupported(errno) else { throw .io(operation: "chmod", path: path, errno: errno) }
            return false
        }
        return isPrivate(path)
    }

    /// Creates `path` and any missing parents. The parents get the ordinary mode (0777 less
    /// the umask, as `mkdir -p` gives them: a private parent would stand out), `path` itself
    /// 0700.
    /// - Returns: the folders it created, parents first (to remove them again on failure).
    /// - Throws: `StoreError.io`.
    @discardableResult
    public static func createWithParents(_ path: String) throws(StoreError) -> [String] {
        var current = path.hasPrefix("/") ? "" : "."
        var created: [String] = []
        let components = path.split(separator: "/")
        for (index, component) in components.enumerated() {
            current += "/" + component
            let isLast = index == components.count - 1
            if mkdir(current, isLast ? 0o700 : 0o777) == 0 {
                created.append(current)
            } else if errno != EEXIST {
                throw .io(operation: "mkdir", path: current, errno: errno)
            }
        }
        try create(path)
        return created
    }

    /// Whether a failed chmod's `code` means the filesystem keeps no modes (FAT over FUSE
    /// answers ENOSYS; others EPERM or ENOTSUP).
    static func modesUnsupported(_ code: Int32) -> Bool {
        code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP || code == EPERM
    }

    /// Whether `path` can be reached by its owner only (no group or other bits).
    public static func isPrivate(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o077 == 0
    }

    /// fsyncs a folder so that the names in it are durable.
    /// - Throws: `StoreError.io`.
    public static func sync(_ path: String) throws(StoreError) {
        let fd = sysOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw .io(operation: "open folder", path: path, errno: errno) }
        defer { sysClose(fd) }
        guard fsync(fd) == 0 else { throw .io(operation: "fsync folder", path: path, errno: errno) }
    }

    /// The names in a folder (without "." and ".."), or nil if it can't be read.
    public static func entries(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The folder holding `path`.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}
