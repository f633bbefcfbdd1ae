// keepsake-store-probe: a child process for the store's tests. It opens a vault and writes to
// it under conditions a test can't create in its own process: a file-size limit (RLIMIT_FSIZE
// with SIGXFSZ ignored, i.e. a full disk), being killed mid-append, or another process writing
// at the same time.
//
// usage:
//   keepsake-store-probe VAULT COUNT [FSIZE_LIMIT_BYTES]     append COUNT records (payload "probe entry I")
//   keepsake-store-probe append VAULT COUNT TAG             append COUNT records ("TAG I") in one session
//   keepsake-store-probe writer VAULT COUNT TAG             COUNT records ("TAG I"), each in its own session
//                                                           (open, lock, append, close, as one `keepsake log`
//                                                           does), opening again when the vault is busy
//   keepsake-store-probe attach VAULT FILE FSIZE_LIMIT      a new incident, then FILE attached to it under
//                                                           the limit (the incident is written first)
//   keepsake-store-probe export VAULT OUT FSIZE_LIMIT       a bundle's archive of the whole vault written to
//                                                           OUT under the limit
//
// The passphrase is read from standard input (one line). Every mode but the first prints
// "ready" once the vault is open; each acknowledged append prints "appended SEQ" and flushes;
// an error prints "error: …" and exits 1.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KeepsakeBundle
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

func say(_ line: String) {
    print(line)
    fflush(nil)
}

func fail(_ message: String, status: Int32 = 1) -> Never {
    say("error: \(message)")
    exit(status)
}

/// A full disk: writes past `limit` bytes fail with EFBIG instead of killing the process.
func limitFileSize(_ limit: UInt64) {
    signal(SIGXFSZ, SIG_IGN)
    var rl = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
    guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &rl) == 0 else { fail("setrlimit failed", status: 2) }
}

/// write(2) and read(2), named apart from the sink's and source's own methods.
func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(descriptor, buffer, count) }

/// Writes an export to a file, reporting a failed write as the store does.
struct FileSink: ByteSink {
    let descriptor: Int32
    let path: String
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = writeBytes(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw StoreError.io(operation: "write", path: path, errno: n < 0 ? errno : 28) }
            offset += n
        }
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
let modes: Set<String> = ["append", "writer", "attach", "export"]
let mode = arguments.first.map { modes.contains($0) } == true ? arguments.removeFirst() : "legacy"
guard arguments.count >= 2 else {
    say("usage: keepsake-store-probe [append|writer|attach|export] VAULT …")
    exit(2)
}
guard let line = readLine(strippingNewline: true) else { fail("no passphrase on stdin", status: 2) }
let passphrase = Passphrase(copying: line)
let vaultPath = arguments[0]

do {
    switch mode {
    case "legacy", "append":
        guard let count = Int(arguments[1]) else { fail("COUNT is not a number", status: 2) }
        let tag = mode == "append" && arguments.count >= 3 ? arguments[2] : "probe entry"
        let store = try VaultStore.open(at: vaultPath, passphrase: passphrase)
        if mode == "legacy", arguments.count >= 3, let limit = UInt64(arguments[2]) { limitFileSize(limit) }
        if mode == "append" { say("ready") }
        for i in 0..<count {
            let record = try store.append(Array("\(tag) \(i)".utf8))
            say("appended \(record.seq)")
        }

    case "writer":
        guard arguments.count >= 3, let count = Int(arguments[1]) else { fail("usage: writer VAULT COUNT TAG", status: 2) }
        say("ready")
        let busy = try appendEachInItsOwnSession(count: count, tag: arguments[2])
        say("busy \(busy)")

    case "attach":
        guard arguments.count >= 3, let limit = UInt64(arguments[2]) else { fail("usage: attach VAULT FILE FSIZE", status: 2) }
        let vault = try Vault.open(at: vaultPath, passphrase: passphrase)
        let incident = try vault.add(.incident(Incident(account: "an incident with a photo")))
        say("appended \(incident.versions[0].seq)")
        let descriptor = open(arguments[1], O_RDONLY)
        guard descriptor >= 0 else { fail("can't open \(arguments[1])", status: 2) }
        limitFileSize(limit)
        say("ready")
        var source = FileSource(descriptor: descriptor)
        let file = try vault.attach(from: &source, fileName: "photo.jpg", mediaType: "image/jpeg", to: incident.id)
        say("appended \(file.seq)")

    case "export":
        guard arguments.count >= 3, let limit = UInt64(arguments[2]) else { fail("usage: export VAULT OUT FSIZE", status: 2) }
        let vault = try Vault.open(at: vaultPath, passphrase: passphrase)
        try vault.checkpointIfNeeded()
        let descriptor = open(arguments[1], O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { fail("can't create \(arguments[1])", status: 2) }
        limitFileSize(limit)
        say("ready")
        var sink = FileSink(descriptor: descriptor, path: arguments[1])
        let summary = try BundleExporter.export(vault, filters: BundleFilters(), to: &sink)
        guard fsync(descriptor) == 0 else { throw StoreError.io(operation: "fsync", path: arguments[1], errno: errno) }
        say("exported \(summary.incidentCount) incidents")

    default:
        fail("unknown mode \(mode)", status: 2)
    }
} catch {
    fail("\(error)")
}

/// Appends `count` records, each in a session of its own (open, lock, append, close); when the
/// other writer keeps the vault for the whole lock wait (`busy`), opens again.
/// - Returns: how many opens gave up on the lock.
func appendEachInItsOwnSession(count: Int, tag: String) throws(StoreError) -> Int {
    var busy = 0
    for i in 0..<count {
        while true {
            do {
                let store = try VaultStore.open(at: vaultPath, passphrase: passphrase)
                let record = try store.append(Array("\(tag) \(i)".utf8))
                store.close()
                say("appended \(record.seq)")
                break
            } catch {
                guard error == .busy else { throw error }
                busy += 1
            }
        }
    }
    return busy
}

/// Reads a file descriptor (the attachment's source).
struct FileSource: ByteSource {
    let descriptor: Int32
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = readBytes(descriptor, buffer.baseAddress, buffer.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw StoreError.io(operation: "read", path: "attachment", errno: errno) }
            return n
        }
    }
}
