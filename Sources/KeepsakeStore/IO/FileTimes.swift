#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File times that say no more than the folders' own: after a session that wrote, the log,
/// the head and the key file take the vault folder's modification time, and every attachment
/// blob takes the blob folder's (vault format 3). Without this, the log's time said when the
/// last entry was written and each blob's when it was attached. What remains: the folders'
/// times (the blob folder's changes when a file is attached) and each file's change time
/// (ctime), which no program can set.
enum FileTimes {
    /// Gives the vault's files their folders' times (errors ignored: times are a courtesy,
    /// never worth failing a write for).
    static func blend(_ layout: VaultLayout) {
        match([layout.keySlots, layout.log, layout.head], to: layout.folder)
        let blobs = (Directory.entries(layout.blobs) ?? []).filter(AttachmentBlob.isValidName).map(layout.blob)
        match(blobs, to: layout.blobs)
    }

    /// Sets the access and modification times of `files` to the modification time of `folder`.
    static func match(_ files: [String], to folder: String) {
        var info = stat()
        guard stat(folder, &info) == 0 else { return }
        #if canImport(Darwin)
            var times = [info.st_mtimespec, info.st_mtimespec]
        #else
            var times = [info.st_mtim, info.st_mtim]
        #endif
        for file in files { _ = utimensat(AT_FDCWD, file, &times, 0) }
    }
}
