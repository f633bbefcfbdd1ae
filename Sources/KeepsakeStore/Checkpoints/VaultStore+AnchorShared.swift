extension LogRecord.Kind {
    /// The owner was shown an anchor (`keepsake anchor`). No content: the record's own time is
    /// the point, so that Keepsake can say how long ago an anchor was last shared.
    public static let anchorShared = LogRecord.Kind(rawValue: 4)
}

/// When the owner last printed an anchor, so that a reminder can come when the record has
/// grown for a while with nothing sent out to protect it.
extension VaultStore {
    /// How long after the last anchor a reminder is due: 30 days, in milliseconds.
    public static let anchorReminderInterval: UInt64 = 30 * 86_400_000

    /// Notes in the log that an anchor of the current head was printed.
    /// - Throws: what `append` throws.
    public func recordAnchorShared() throws(StoreError) {
        try append([], kind: .anchorShared)
    }

    /// When an anchor was last printed (ms since 1970, the device clock), or nil if never.
    public var lastAnchorSharedAt: UInt64? {
        records.last(where: { $0.kind == .anchorShared })?.writtenAt
    }

    /// Days since the last anchor was printed (or, if none ever was, since the first entry),
    /// when that is at least 30 and an entry was written after it; nil when no reminder is due.
    public func anchorReminderDays() -> Int? {
        let lastShared = records.last { $0.kind == .anchorShared }
        guard let newestEntry = records.last(where: { $0.kind == .entry }),
            newestEntry.seq > lastShared?.seq ?? 0 || lastShared == nil,
            let since = lastShared?.writtenAt ?? records.first(where: { $0.kind == .entry })?.writtenAt
        else { return nil }
        let now = clock()
        guard now >= since, now - since >= Self.anchorReminderInterval else { return nil }
        return Int((now - since) / 86_400_000)
    }
}
