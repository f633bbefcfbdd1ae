import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Large vaults for the listing benchmark, built once and kept in the cache folder.
///
/// Building appends every entry through `Vault.add`, the owner's path (each append fsync'd,
/// the head replaced atomically); no shortcut writes frames. To make that quick the vault is
/// built on a file system kept in memory when one is at hand (`/dev/shm`, where fsync costs
/// nothing), then copied into the cache. Beside each vault, `vault-N.frames` lists its frames'
/// sealed sizes (as "size count" lines), which the raw decrypt loop reproduces.
struct VaultCache {
    let scratch: Scratch
    /// Where vaults are built before they are copied into the cache.
    let buildFolder: String

    /// The vault of `count` incidents (built if missing) and its frame sizes.
    /// - Throws: `BenchError`, or what the store throws.
    func vault(count: Int) throws -> (path: String, frameSizes: [(size: Int, count: Int)]) {
        let path = scratch.cache + "/vault-\(count)"
        let framesFile = path + ".frames"
        if let sizes = Self.readFrameSizes(framesFile), Files.exists(path + "/1") {
            Log.progress("using the cached \(count)-entry vault in \(path)")
            return (path, sizes)
        }
        Files.remove(path)
        Files.remove(framesFile)
        let staging = buildFolder + "/keepsake-bench-build-\(getpid())"
        Files.remove(staging)
        defer { Files.remove(staging) }
        let built = staging + "/vault"
        Log.progress("building a \(count)-entry vault in \(buildFolder) (once; kept in \(scratch.cache))")
        let start = now()
        let vault = try Vault.create(at: built, passphrase: BenchVaults.passphrase, parameters: BenchVaults.kdf)
        try BenchVaults.addIncidents(0..<count, to: vault, label: "building")
        try vault.close()
        let sizes = Self.frameSizes(of: vault.store)
        Log.progress("built in \(Format.duration(now() - start))")
        try copyVault(from: built, to: path)
        try Self.writeFrameSizes(sizes, to: framesFile)
        return (path, sizes)
    }

    /// The sealed size of every frame (bucket + 16-byte tag), counted by size.
    private static func frameSizes(of store: VaultStore) -> [(size: Int, count: Int)] {
        var counts: [Int: Int] = [:]
        for record in store.records {
            var bucket = 512
            while bucket <= record.plaintext.count { bucket <<= 1 }
            counts[bucket + 16, default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.map { (size: $0.key, count: $0.value) }
    }

    /// Copies the vault's files (key slots, log, head; the blob folder is empty).
    private func copyVault(from: String, to: String) throws {
        let partial = to + ".partial"
        Files.remove(partial)
        guard mkdir(partial, 0o700) == 0, mkdir(partial + "/4", 0o700) == 0 else {
            throw BenchError("can't make \(partial)")
        }
        for name in ["0", "1", "2"] { try Files.copy(from + "/" + name, to: partial + "/" + name) }
        guard rename(partial, to) == 0 else { throw BenchError("can't rename \(partial)") }
    }

    private static func writeFrameSizes(_ sizes: [(size: Int, count: Int)], to path: String) throws {
        let text = sizes.map { "\($0.size) \($0.count)\n" }.joined()
        let fd = try Files.create(path)
        defer { close(fd) }
        var sink = FileDescriptorSink(descriptor: fd)
        try sink.write(Array(text.utf8))
    }

    private static func readFrameSizes(_ path: String) -> [(size: Int, count: Int)]? {
        guard Files.exists(path) else { return nil }
        let lines = ChildProcess.readText(path).split(separator: "\n")
        let sizes = lines.compactMap { line -> (size: Int, count: Int)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let size = Int(parts[0]), let count = Int(parts[1]) else { return nil }
            return (size, count)
        }
        return sizes.isEmpty || sizes.count != lines.count ? nil : sizes
    }
}
