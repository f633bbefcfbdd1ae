import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The device clock set back: the store saves the clock's time as it is, says beforehand that
/// the clock is behind the log, and every backwards step is found with its bound.
@Suite struct ClockStepsTests {
    final class Clock: @unchecked Sendable { var now: UInt64 = 1_773_532_800_000 }

    @Test func aClockSetBackIsSeenBeforeSavingAndEveryBackwardsStepIsFound() throws {
        let folder = TemporaryFolder()
        let clock = Clock()
        let store = try VaultStore.create(
            at: folder.appending("v"), passphrase: Passphrase(copying: "clock test words"), parameters: TestKDF.cheap,
            clock: { clock.now })
        #expect(store.clockBehindLog() == nil, "an empty log bounds nothing")
        _ = try store.append(Array("first".utf8))
        #expect(store.clockBehindLog() == nil)
        let newest = clock.now
        clock.now -= 30 * 86_400_000
        let behind = try #require(store.clockBehindLog())
        #expect(behind.now == clock.now && behind.newest == newest)
        _ = try store.append(Array("second".utf8))
        #expect(store.records.last?.writtenAt == clock.now, "saved with the clock's own time")
        clock.now = newest + 1000
        _ = try store.append(Array("third".utf8))
        let steps = ClockSteps.backwards(in: store.records)
        #expect(steps == [ClockSteps.Step(seq: 1, writtenAt: newest - 30 * 86_400_000, boundMilliseconds: newest)])
        #expect(ClockSteps.backwards(in: Array(store.records.reversed())) == steps, "taken in log order")
    }
}
