import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The 30-day anchor reminder: due when nothing protects what was written for 30 days, quiet
/// right after an anchor is printed, and printing the same anchor twice signs nothing new.
@Suite struct AnchorReminderTests {
    final class Clock: @unchecked Sendable { var now: UInt64 = 1_773_532_800_000 }
    static let day: UInt64 = 86_400_000

    @Test func dueAfterThirtyDaysWithoutAnAnchorAndQuietAfterOne() throws {
        let folder = TemporaryFolder()
        let clock = Clock()
        let path = folder.appending("v")
        let passphrase = "anchor reminder words"
        let store = try VaultStore.create(
            at: path, passphrase: Passphrase(copying: passphrase), parameters: TestKDF.cheap, clock: { clock.now })
        #expect(store.anchorReminderDays() == nil, "an empty vault has nothing to protect")
        let start = clock.now
        _ = try store.append(Array("first".utf8))
        clock.now = start + 29 * Self.day
        #expect(store.anchorReminderDays() == nil)
        clock.now = start + 31 * Self.day
        #expect(store.anchorReminderDays() == 31, "31 days of writing, never an anchor")
        #expect(store.lastAnchorSharedAt == nil)

        // The owner prints an anchor: a checkpoint, then the note.
        try store.writeCheckpoint()
        try store.recordAnchorShared()
        #expect(store.lastAnchorSharedAt == clock.now)
        #expect(!store.needsCheckpoint, "printing the same anchor again signs nothing new")
        #expect(store.anchorReminderDays() == nil)

        // Nothing written since: no reminder, however long.
        clock.now += 40 * Self.day
        #expect(store.anchorReminderDays() == nil, "nothing was written after the anchor")
        let shared = start + 31 * Self.day
        _ = try store.append(Array("second".utf8))
        #expect(store.needsCheckpoint)
        #expect(store.anchorReminderDays() == 40, "40 days since the anchor, and a new entry since")
        clock.now = shared + 10 * Self.day
        #expect(store.anchorReminderDays() == nil, "10 days: not yet")
        store.close()

        // The note is in the log: it survives reopening.
        clock.now = shared + 45 * Self.day
        let reopened = try VaultStore.open(
            at: path, passphrase: Passphrase(copying: passphrase), mode: .readOnly, clock: { clock.now })
        #expect(reopened.lastAnchorSharedAt == shared)
        #expect(reopened.anchorReminderDays() == 45)
        #expect(reopened.records.filter { $0.kind == .anchorShared }.count == 1)
    }
}
