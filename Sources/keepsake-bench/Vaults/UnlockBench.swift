import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// Unlocking: `VaultStore.open` of a vault whose key slot uses Argon2id MODERATE, against
/// the Argon2id call alone with the same parameters. The difference is everything else
/// opening does (reading the key slots and the log, deriving the purpose keys, rebuilding
/// the Merkle tree, checking the checkpoint's signature, the lock). The same vault with
/// Argon2id at its floor shows that difference directly, with far less noise.
struct UnlockBench {
    static let entries = 100

    let rounds: Int
    let scratch: Scratch

    func run(into table: inout ResultTable) throws {
        let parameters = Argon2idParameters.moderate
        let path = try makeVault(scratch.file("unlock-vault"), parameters: parameters)
        let floorPath = try makeVault(scratch.file("unlock-vault-floor"), parameters: BenchVaults.kdf)
        let salt = SecureRandom.bytes(count: Argon2id.saltByteCount)
        let samples = try interleave(
            "unlock", rounds: rounds,
            [
                Contender(name: "open") { try Self.open(path) },
                Contender(name: "argon2id") {
                    let passphrase = BenchVaults.passphrase
                    return try timed {
                        _ = try Argon2id.deriveKey(password: passphrase.secret, salt: salt, parameters: parameters)
                    }
                },
                Contender(name: "open, floor KDF") { try Self.open(floorPath) },
            ])
        let overhead = samples.overhead(of: 0, over: 1)
        func signed(_ seconds: Double) -> String {
            (seconds < 0 ? "−" : "+") + Format.duration(abs(seconds))
        }
        table.add(
            ResultRow(
                what: "unlock: VaultStore.open (Argon2id MODERATE, \(Self.entries) entries), median of \(rounds)",
                ours: Format.duration(samples.median(0)),
                baseline: "Argon2id alone \(Format.duration(samples.median(1)))",
                ratio: signed(overhead.median) + " (quartiles " + signed(overhead.lower) + " … "
                    + signed(overhead.upper) + ")",
                goal: "< 20 ms overhead", verdict: overhead.median < 0.020 ? .pass : .miss))
        table.add(
            ResultRow(
                what: "… the same open with Argon2id at its floor (1 pass, 8 KiB)",
                ours: Format.duration(samples.median(2)), baseline: "—", ratio: "—", goal: "< 20 ms",
                verdict: samples.median(2) < 0.020 ? .pass : .miss))
    }

    /// A vault of `entries` incidents (and the session's checkpoint) under `parameters`.
    private func makeVault(_ path: String, parameters: Argon2idParameters) throws -> String {
        let vault = try Vault.create(at: path, passphrase: BenchVaults.passphrase, parameters: parameters)
        try BenchVaults.addIncidents(0..<Self.entries, to: vault, label: "unlock vault")
        try vault.close()
        return path
    }

    /// Opens (unlocks) the vault read-only; returns the seconds, the store closed afterwards.
    private static func open(_ path: String) throws -> Double {
        let passphrase = BenchVaults.passphrase
        let start = now()
        let store = try VaultStore.open(at: path, passphrase: passphrase, mode: .readOnly)
        let seconds = now() - start
        defer { store.close() }
        guard store.records.count == entries + 1, !store.isDamaged else { throw BenchError("unlock vault misread") }
        return seconds
    }
}
