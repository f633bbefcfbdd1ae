/// What a backup copied and proved.
public struct BackupReport: Sendable, Equatable {
    /// Records in the copy's log (all authenticated, in order, same last hash as the source).
    public let recordCount: Int
    /// Attachment files copied.
    public let attachmentCount: Int
    /// Bytes copied.
    public let byteCount: UInt64
    /// Whether the copy's files and folders are private to their owner (0600, 0700). False
    /// on a filesystem that keeps no modes (FAT, exFAT: a USB stick), where anyone who can
    /// read the stick can copy the files (they stay as encrypted as the vault).
    public let modesKept: Bool
}

extension VaultStore {
    /// Copies the vault to `destination` (see `copyFiles`) and then proves the copy: its key
    /// slots and log are byte for byte the vault's, every record this session read
    /// authenticates in the copy under this vault's keys (a damaged vault is copied as it is,
    /// damage included: a faithful copy is what one needs then), its head file
    /// opens, and every attachment file is there with the same size.
    ///
    /// A backup that fails removes what it made (the files and any folders it created), so a
    /// half copy is never mistaken for a vault.
    /// - Throws: `StoreError.alreadyExists`, `.io`, or `.damaged` naming what differs.
    public func backup(to destination: String) throws(StoreError) -> BackupReport {
        var made = BackupLeftovers()
        do {
            return try copyAndProve(to: destination, made: &made)
        } catch {
            made.remove()
            throw error
        }
    }

    private func copyAndProve(to destination: String, made: inout BackupLeftovers) throws(StoreError) -> BackupReport {
        try copyFiles(to: destination, made: &made)
        let copy = VaultLayout(folder: destination)
        let slotBytes = try PosixFile.openForReading(copy.keySlots).readAll()
        guard slotBytes == (try PosixFile.openForReading(layout.keySlots).readAll()) else { throw .damaged("the copy's key file differs from the vault's") }
        let headBytes = try PosixFile.openForReading(copy.head).readAll()
        let head = HeadFile(bytes: headBytes, keys: keys)
        guard let newest = head.newest else { throw .damaged("the copy's head file does not open") }
        let logBytes = try PosixFile.openForReading(copy.log).readAll()
        let framesEnd = head.logIsPadded ? Int(clamping: newest.head.logLength) : nil
        let scan = LogScanner(keys: keys).scan(logBytes, framesEnd: framesEnd)
        guard logBytes == (try PosixFile.openForReading(layout.log).readAll()), scan.records == records else {
            throw .damaged("the copy's log does not match the vault's")
        }
        var total = UInt64(slotBytes.count + logBytes.count + headBytes.count)
        var attachments = 0
        for name in Directory.entries(layout.blobs) ?? [] where AttachmentBlob.isValidName(name) {
            let original = try PosixFile.openForReading(layout.blob(name)).size()
            let copied = try PosixFile.openForReading(copy.blob(name)).size()
            guard original == copied else { throw .damaged("attachment \(name) was not copied whole") }
            total += UInt64(copied)
            attachments += 1
        }
        let modesKept = made.modesKept && made.files.allSatisfy(Directory.isPrivate)
        return BackupReport(
            recordCount: scan.records.count, attachmentCount: attachments, byteCount: total, modesKept: modesKept)
    }

    /// Copies the vault's files (key slots, log, head, attachments, set-aside bytes) into a new
    /// folder, fsyncing every file and folder. The copy is made while this store holds its
    /// lock, so no writer changes the vault halfway. Open the copy afterwards to prove it.
    /// - Throws: `StoreError.alreadyExists` when `destination` has files; `.io`.
    func copyFiles(to destination: String, made: inout BackupLeftovers) throws(StoreError) {
        let target = VaultLayout(folder: destination)
        if let existing = Directory.entries(target.folder), !existing.isEmpty {
            throw .alreadyExists(path: target.folder)
        }
        made.folders += try Directory.createWithParents(target.folder)
        if !Directory.exists(target.blobs) { made.folders.append(target.blobs) }
        let folderKept = try Directory.create(target.folder)
        let blobsKept = try Directory.create(target.blobs)
        made.modesKept = folderKept && blobsKept
        for name in Directory.entries(layout.folder) ?? [] {
            // The lock file is per place; a ".new" file is an unfinished replacement.
            if name == "3" || name == "4" || name.hasSuffix(".new") { continue }
            made.files.append(target.folder + "/" + name)
            try copyFile(layout.folder + "/" + name, to: target.folder + "/" + name)
        }
        for name in Directory.entries(layout.blobs) ?? [] where AttachmentBlob.isValidName(name) {
            made.files.append(target.blob(name))
            try copyFile(layout.blob(name), to: target.blob(name))
        }
        try Directory.sync(target.blobs)
        try Directory.sync(target.folder)
    }

    private func copyFile(_ source: String, to destination: String) throws(StoreError) {
        let input = try PosixFile.openForReading(source)
        let output = try PosixFile.openForWriting(destination, create: true, exclusive: true)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            var failure: StoreError? = nil
            let count = buffer.withUnsafeMutableBytes { b -> Int in
                do throws(StoreError) { return try input.read(into: b) } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if count == 0 { break }
            try output.write(buffer[..<count])
        }
        try output.sync()
    }
}

/// What a backup has made so far: removed again, files first, then folders innermost first,
/// when the backup fails.
struct BackupLeftovers {
    var files: [String] = []
    var folders: [String] = []
    /// Whether the copy's folders took mode 0700 (false on FAT and exFAT).
    var modesKept = true

    func remove() {
        for file in files.reversed() { _ = sysUnlink(file) }
        for folder in folders.reversed() { _ = sysRemoveFolder(folder) }
    }
}
