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
    /// Creates `path` with mode 0700 (and fixes the mode if it already exists).
    /// - Throws: `StoreError.io`.
    public static func create(_ path: String) throws(StoreError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .io(operation: "mkdir", path: path, errno: errno)
        }
        guard chmod(path, 0o700) == 0 else { throw .io(operation: "chmod", path: path, errno: errno) }
    }

    /// Creates `path` and any missing parents; new folders get 0700.
    /// - Throws: `StoreError.io`.
    public static func createWithParents(_ path: String) throws(StoreError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .io(operation: "mkdir", path: current, errno: errno)
            }
        }
        try create(path)
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
