import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// Two processes writing to one vault at the same time, as two `keepsake log` commands
/// started together would: each append opens the vault (taking its exclusive lock, waiting up
/// to 5 s for it), appends, and closes. One writer at a time; nothing lost, nothing
/// interleaved inside a frame.
@Suite struct TwoWritersTests {
    static let perWriter = 500

    @Test func twoProcessesAppendingAtOnceLeaveEveryEntryOnceAndAValidTree() throws {
        // In memory when possible: a thousand sessions each fsync three times, and what is
        // tested is the locking, not the disk.
        let folder = ScratchFolder()
        let vault = folder.appending("vault")
        let passphrase = "two writers words"
        _ = try VaultStore.create(at: vault, passphrase: Passphrase(copying: passphrase), parameters: TestKDF.cheap)
        let started = Date()
        let writers = try ["A", "B"].map { try ProbeProcess(["writer", vault, String(Self.perWriter), $0], passphrase: passphrase) }
        let results = writers.map { $0.finish() }
        let seconds = Date().timeIntervalSince(started)
        for result in results {
            #expect(result.status == 0 && !result.killed, "\(result.lines.suffix(3))")
            #expect(ProbeProcess.acknowledged(result.lines).count == Self.perWriter)
        }
        let busy = results.compactMap { $0.lines.last(where: { $0.hasPrefix("busy ") }).flatMap { Int($0.dropFirst(5)) } }.reduce(0, +)

        let store = try VaultStore.open(at: vault, passphrase: Passphrase(copying: passphrase))
        #expect(store.issues.isEmpty, "\(store.issues)")
        #expect(store.records.map(\.seq) == (0..<UInt64(2 * Self.perWriter)).map { $0 })
        // Every entry once, each writer's in its own order, each at the seq it was told.
        let texts = store.records.map { String(decoding: $0.payload, as: UTF8.self) }
        for (tag, result) in zip(["A", "B"], results) {
            let mine = texts.filter { $0.hasPrefix(tag + " ") }
            #expect(mine == (0..<Self.perWriter).map { "\(tag) \($0)" })
            for (i, seq) in ProbeProcess.acknowledged(result.lines).enumerated() {
                #expect(texts[Int(seq)] == "\(tag) \(i)")
            }
        }
        let switches = zip(texts, texts.dropFirst()).filter { $0.0.first != $0.1.first }.count

        // The tree over all of them signs and verifies.
        let head = try store.writeCheckpoint()
        #expect(head.treeSize == UInt64(2 * Self.perWriter))
        store.close()
        let reopened = try VaultStore.open(at: vault, passphrase: Passphrase(copying: passphrase), mode: .readOnly)
        #expect(reopened.issues.isEmpty, "\(reopened.issues)")
        #expect(reopened.latestCheckpoint == head)
        for seq in [0, 1, UInt64(Self.perWriter), UInt64(2 * Self.perWriter - 1)] {
            let proof = reopened.inclusionProof(seq: seq, treeSize: head.treeSize)
            #expect(MerkleVerifier.verifyInclusion(
                leafHash: reopened.leafHash(of: reopened.records[Int(seq)]), leafIndex: Int(seq),
                treeSize: Int(head.treeSize), proof: proof, root: head.root))
        }
        print("""
            two writers: \(2 * Self.perWriter) appends in \(String(format: "%.1f", seconds)) s, \
            \(reopened.records.count - 1) entries and a checkpoint, 0 lost, 0 duplicated, 0 frames interleaved; \
            the writers took turns \(switches) times; \(busy) opens gave up after the 5 s lock wait and retried
            """)
    }
}
