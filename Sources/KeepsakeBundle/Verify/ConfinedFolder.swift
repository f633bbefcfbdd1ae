#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads inside one folder and nowhere else. A path is checked against `BundlePath` before any
/// system call, then opened one component at a time, each relative to the folder opened before
/// it and with `O_NOFOLLOW`, so neither `..`, an absolute path nor a symbolic link anywhere on
/// the way (a linked folder included) can lead outside; the last component must be a regular
/// file. The folder itself is the one the user named.
struct ConfinedFolder {
    /// The most entries `listing` walks before it stops and reports the rest as refused.
    static let maximumEntries = 100_000

    let root: String

    /// A descriptor for the regular file at `relative`, or nil when the path breaks the rule,
    /// a component is missing, a link or not a folder, or the file is not a regular file.
    func openFile(_ relative: String) -> Int32? {
        guard BundlePath.isSafe(relative) else { return nil }
        let parts = relative.split(separator: "/").map(String.init)
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        for part in parts.dropLast() {
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(folder)
            guard next >= 0 else { return nil }
            folder = next
        }
        let file = openat(folder, parts.last!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        close(folder)
        guard file >= 0 else { return nil }
        var info = stat()
        guard fstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(file)
            return nil
        }
        return file
    }

    /// Every regular file with a safe path, sorted; and everything else found (links, special
    /// files, names that break the rule, folders deeper than the rule allows), never followed.
    func listing() -> (files: [String], other: [String]) {
        var files: [String] = []
        var other: [String] = []
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return ([], []) }
        var seen = 0
        walk(top, prefix: "", depth: 1, files: &files, other: &other, seen: &seen)
        return (files.sorted(), other.sorted())
    }

    /// Lists the folder open at `descriptor` (and closes it).
    private func walk(_ descriptor: Int32, prefix: String, depth: Int, files: inout [String], other: inout [String], seen: inout Int) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingUTF8: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name else {
                other.append(prefix + "(a name that is not UTF-8)")
                continue
            }
            if name == "." || name == ".." { continue }
            seen += 1
            guard seen <= Self.maximumEntries else {
                other.append("(more than \(Self.maximumEntries) files and folders; the rest was not read)")
                return
            }
            let path = prefix + name
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                other.append(path)
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                if BundlePath.isSafe(path) { files.append(path) } else { other.append(path) }
            case S_IFDIR:
                guard depth < BundlePath.maximumDepth, BundlePath.isSafe(path) else {
                    other.append(path + "/")
                    continue
                }
                let inner = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard inner >= 0 else {
                    other.append(path + "/")
                    continue
                }
                walk(inner, prefix: path + "/", depth: depth + 1, files: &files, other: &other, seen: &seen)
                if seen > Self.maximumEntries { return }
            default:
                other.append(path)
            }
        }
    }
}
