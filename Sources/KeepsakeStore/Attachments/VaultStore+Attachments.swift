import KeepsakeCrypto

/// Attachments: each file is streamed through the chunked AEAD (the age payload shape) with a
/// fresh random key, on every core and with constant memory, into a blob under a random name.
/// The caller records the returned `AttachmentBlob` in an entry; until it does, the blob is
/// an unreferenced file that `check` reports as harmless.
extension VaultStore {
    /// Encrypts everything `source` holds into a new blob, fsyncs it and its folder.
    /// - Returns: the blob's name, key, plaintext SHA-256 and size.
    /// - Throws: `StoreError.io` (a full disk: the partial blob is removed), or whatever
    ///   `source` throws (the partial blob is removed).
    public func addAttachment(from source: inout some ByteSource) throws -> AttachmentBlob {
        guard mode == .readWrite, !isClosed else {
            throw StoreError.unsupported("writing to a vault opened read-only or closed")
        }
        if let damage = issues.first(where: { $0.isDamage }) { throw StoreError.damaged(damage.description) }
        try Directory.create(layout.blobs)
        let name = randomHex(byteCount: 16)
        let path = layout.blob(name)
        let key = SymmetricKey.random()
        let file = try PosixFile.openForWriting(path, create: true, exclusive: true)
        do {
            var sink = PosixFileSink(file: file)
            let summary = try ChunkedStream.encrypt(from: &source, to: &sink, key: key, hashPlaintext: true)
            // Format 3: random filler after the stream, so the blob's size gives only a bucket.
            let stream = ChunkedStream.ciphertextByteCount(forPlaintext: summary.plaintextByteCount)
            let padded = AttachmentPadding.blobByteCount(stream: stream)
            try Filler.write(file, Int(stream)..<Int(padded))
            try file.sync()
            try Directory.sync(layout.blobs)
            wroteSomething = true
            return try AttachmentBlob(
                name: name, key: key, sha256: summary.sha256 ?? [], byteCount: summary.plaintextByteCount)
        } catch {
            _ = sysUnlink(path)
            throw error
        }
    }

    /// Decrypts a blob into `sink`, checking every chunk, the size and the SHA-256, on every
    /// core: each chunk is read and opened by a task of its own, the hash runs beside them,
    /// and this thread hands the plaintext to `sink` in order (memory: four 1 MiB batches).
    /// When it throws, `sink` may hold part of the file (authenticated chunks only, none
    /// after the first that failed): treat it as incomplete.
    /// - Throws: `StoreError.attachmentMissing`, `.attachmentAltered`, `.io`, or whatever
    ///   `sink` throws.
    public func readAttachment(_ blob: AttachmentBlob, into sink: inout some ByteSink) throws {
        let path = blobPath(blob.name)
        guard Directory.exists(path) else { throw StoreError.attachmentMissing(name: blob.name) }
        let file = try PosixFile.openForReading(path)
        // Only the stream: what follows it in a padded blob is filler. Each chunk is read
        // (pread) and opened by one task, on every core; this thread feeds `sink`.
        let summary: StreamSummary
        do {
            // A re-keyed vault's blob is sealed with a key made from its own (`streamKey`).
            let key = streamKey(for: blob, at: path)
            summary = try withExtendedLifetime(file) {
                try ChunkedStream.decrypt(
                    reading: FileDescriptorPositionalSource(descriptor: file.descriptor),
                    byteCount: ChunkedStream.ciphertextByteCount(forPlaintext: blob.byteCount),
                    to: &sink, key: key, hashPlaintext: true)
            }
        } catch is CryptoError {
            throw StoreError.attachmentAltered(name: blob.name)
        } catch let error as StreamIOError where error.operation == "read" {
            throw StoreError.io(operation: "read", path: path, errno: error.code)
        }
        guard summary.plaintextByteCount == blob.byteCount, summary.sha256 == blob.sha256 else {
            throw StoreError.attachmentAltered(name: blob.name)
        }
    }

    /// Decrypts and hashes a blob without keeping its bytes.
    /// - Throws: `StoreError.attachmentMissing`, `.attachmentAltered`, `.io`.
    public func verifyAttachment(_ blob: AttachmentBlob) throws(StoreError) {
        var sink = DiscardingSink()
        do { try readAttachment(blob, into: &sink) } catch let error as StoreError { throw error } catch {
            throw .attachmentAltered(name: blob.name)
        }
    }

    /// The names of every blob file in the vault (referenced or not).
    public func attachmentFileNames() -> [String] {
        (Directory.entries(layout.blobs) ?? []).filter(AttachmentBlob.isValidName)
    }
}

/// Writes to a new `PosixFile` that will be fsync'd, throwing `StoreError.io`; the disk
/// starts on each 8 MiB as soon as it is written (`WriteBehind`), so the fsync waits less.
struct PosixFileSink: ByteSink {
    let file: PosixFile
    private var writeBehind: WriteBehind

    init(file: PosixFile) {
        self.file = file
        writeBehind = WriteBehind(descriptor: file.descriptor)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file.write(bytes)
        writeBehind.wrote(bytes.count)
    }
}

/// Drops what it is given (to check a blob without keeping it).
struct DiscardingSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) {}
}
