import KeepsakeStore

/// Decodes the entries of many records on every core. Opening a vault spends most of its
/// time parsing entries' JSON, and each entry parses on its own; applying them to the model
/// stays in log order, on the calling thread, while the next window of records is decoded on
/// the other cores (`ParallelMap.forEach`). Only two windows of decoded entries are held
/// beside the model at a time.
enum EntryDecoding {
    /// Records decoded ahead of the model, together.
    static let windowSize = 2048
    /// Below this many records every entry is decoded on the calling thread.
    static let parallelThreshold = 64

    /// Calls `body` with each record at `indices` and its decoded entry (or why it can't be
    /// read), in the order of `indices`.
    static func forEach(
        _ records: [LogRecord], at indices: [Int], _ body: (LogRecord, consuming Result<Entry, VaultError>) -> Void
    ) {
        ParallelMap.forEach(
            count: indices.count, threshold: parallelThreshold, window: windowSize, { decode(records[indices[$0]]) }
        ) { index, entry in body(records[indices[index]], entry) }
    }

    /// One record's entry.
    static func decode(_ record: LogRecord) -> Result<Entry, VaultError> {
        Result { () throws(VaultError) in try Entry.decode(record.payload) }
    }
}
