import Foundation

/// Where the device clock went backwards in a log: a record whose written-at time is earlier
/// than that of a record saved before it. The log's order is tamper-evident (each frame is
/// chained to the one before, and the Merkle tree fixes the order), so such a step is proof
/// that the clock was behind when the later record was saved: it was written down no
/// earlier than the newest earlier record's time (`bound`).
public enum ClockSteps {
    /// A record saved while the clock was behind.
    public struct Step: Sendable, Equatable {
        /// The record's position in the log.
        public var seq: UInt64
        /// Its written-at time, by the device clock (ms since 1970, UTC).
        public var writtenAt: UInt64
        /// The newest written-at time of the records before it: it was saved no earlier.
        public var boundMilliseconds: UInt64

        /// `writtenAt` as a date.
        public var writtenAtDate: Date { Date(timeIntervalSince1970: Double(writtenAt) / 1000) }
        /// `boundMilliseconds` as a date.
        public var bound: Date { Date(timeIntervalSince1970: Double(boundMilliseconds) / 1000) }
    }

    /// Every record (taken in `seq` order) dated earlier than one before it.
    public static func backwards(in records: [LogRecord]) -> [Step] {
        var newest: UInt64?
        var steps: [Step] = []
        for record in records.sorted(by: { $0.seq < $1.seq }) {
            if let newest, record.writtenAt < newest {
                steps.append(Step(seq: record.seq, writtenAt: record.writtenAt, boundMilliseconds: newest))
            }
            newest = max(newest ?? 0, record.writtenAt)
        }
        return steps
    }

    /// The earliest time a record saved now can truthfully carry: the newest written-at time
    /// in the log (nil for an empty log).
    public static func noEarlierThan(_ records: [LogRecord]) -> UInt64? {
        records.map(\.writtenAt).max()
    }
}

extension VaultStore {
    /// When the device clock now reads earlier than the newest record already in the log:
    /// the clock's time and that record's (ms since 1970, UTC). A record saved now keeps the
    /// clock's time (nothing is invented) and is flagged by `ClockSteps` as written no
    /// earlier than `newest`.
    public func clockBehindLog() -> (now: UInt64, newest: UInt64)? {
        let now = clock()
        guard let newest = ClockSteps.noEarlierThan(records), now < newest else { return nil }
        return (now, newest)
    }
}
