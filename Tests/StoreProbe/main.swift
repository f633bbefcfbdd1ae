// keepsake-store-probe: a child process for the store's tests. It opens a vault and appends
// records under conditions a test can't create in its own process: a file-size limit
// (RLIMIT_FSIZE with SIGXFSZ ignored, i.e. a full disk), or being killed mid-append.
//
// usage: keepsake-store-probe VAULT COUNT [FSIZE_LIMIT_BYTES]
// The passphrase is read from standard input (one line). Each acknowledged append prints
// "appended SEQ" and flushes; an error prints "error: …" and exits 1.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KeepsakeCrypto
import KeepsakeStore

let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    print("usage: keepsake-store-probe VAULT COUNT [FSIZE_LIMIT_BYTES]")
    exit(2)
}
guard let line = readLine(strippingNewline: true) else {
    print("error: no passphrase on stdin")
    exit(2)
}
let passphrase = Passphrase(copying: line)

do {
    let store = try VaultStore.open(at: arguments[1], passphrase: passphrase)
    if arguments.count >= 4, let limit = UInt64(arguments[3]) {
        signal(SIGXFSZ, SIG_IGN)
        var rl = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &rl) == 0 else {
            print("error: setrlimit failed")
            exit(2)
        }
    }
    for i in 0..<count {
        let record = try store.append(Array("probe entry \(i)".utf8))
        print("appended \(record.seq)")
        fflush(nil)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
