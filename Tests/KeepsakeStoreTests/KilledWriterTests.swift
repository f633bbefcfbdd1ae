import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Real processes, really killed: a child appends in a loop and is sent SIGKILL at a random
/// moment, again and again, on the ordinary disk. Every entry whose "appended SEQ" line the
/// child printed (it prints only after `append` returned, i.e. after the fsync) must be there
/// afterwards, with its exact bytes.
@Suite struct KilledWriterTests {
    static let kills = 50

    @Test func everyAppendThatReturnedSurvivesSIGKILLAtRandomMoments() throws {
        let folder = TemporaryFolder()
        let vault = folder.appending("vault")
        let passphrase = "killed writer words"
        _ = try VaultStore.create(at: vault, passphrase: Passphrase(copying: passphrase), parameters: TestKDF.cheap)
        var generator = SystemRandomNumberGenerator()
        var acknowledged: [UInt64: [UInt8]] = [:]
        var killedMidRun = 0, unfinishedSetAside = 0, durableButUnacknowledged = 0, maximumOpen = 0.0
        for run in 0..<Self.kills {
            let tag = "run \(run) entry"
            let probe = try ProbeProcess(["append", vault, "100000", tag], passphrase: passphrase)
            // Kill while it opens the vault (a few runs) or at a random moment of its appends.
            let delay = run % 10 == 0 ? Double.random(in: 0...0.02, using: &generator) : Double.random(in: 0.005...0.08, using: &generator)
            if run % 10 != 0 { probe.wait(until: { $0.contains("ready") }) }
            usleep(UInt32(delay * 1_000_000))
            probe.kill()
            let result = probe.finish()
            #expect(result.killed, "run \(run): \(result)")
            let seqs = ProbeProcess.acknowledged(result.lines)
            for (i, seq) in seqs.enumerated() { acknowledged[seq] = Array("\(tag) \(i)".utf8) }
            if !seqs.isEmpty { killedMidRun += 1 }

            let started = Date()
            let store = try VaultStore.open(at: vault, passphrase: Passphrase(copying: passphrase))
            maximumOpen = max(maximumOpen, Date().timeIntervalSince(started))
            #expect(!store.isDamaged, "run \(run): \(store.issues)")
            unfinishedSetAside += store.issues.filter { if case .unfinishedWriteSetAside = $0 { true } else { false } }.count
            let found = Dictionary(uniqueKeysWithValues: store.records.map { ($0.seq, $0.payload) })
            for (seq, payload) in acknowledged where found[seq] != payload {
                Issue.record("run \(run): acknowledged entry #\(seq) is \(found[seq] == nil ? "missing" : "altered")")
            }
            // A frame can be durable without its line having been printed (killed in between):
            // that is allowed (it was never acknowledged) and kept.
            durableButUnacknowledged += store.records.filter { acknowledged[$0.seq] == nil }.count
            for record in store.records where acknowledged[record.seq] == nil {
                acknowledged[record.seq] = record.payload  // from now on it must stay too
            }
            store.close()
        }
        let final = try VaultStore.open(at: vault, passphrase: Passphrase(copying: passphrase), mode: .readOnly)
        #expect(final.issues.isEmpty, "\(final.issues)")
        #expect(final.records.count == acknowledged.count)
        print("""
            SIGKILL during appends: \(Self.kills) kills (\(killedMidRun) after at least one append), \
            \(acknowledged.count) entries in the end, 0 acknowledged entries lost; \
            \(unfinishedSetAside) unfinished frames set aside, \(durableButUnacknowledged) durable frames whose line was never printed; \
            slowest reopen \(Int(maximumOpen * 1000)) ms
            """)
    }
}
