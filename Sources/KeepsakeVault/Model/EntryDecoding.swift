import KeepsakeStore

/// Decodes the entries of many records on every core. Opening a vault spends most of its
/// time parsing entries' JSON, and each entry parses on its own; applying them to the model
/// stays in log order, on the calling thread. Records go in windows, so only one window of
/// decoded entries is held beside the model at a time.
enum EntryDecoding {
    /// Records decoded together before they are applied.
    static let windowSize = 4096
    /// Below this many records a window is decoded on the calling thread alone.
    static let parallelThreshold = 64

    /// Calls `body` with every record and its decoded entry (or why it can't be read), in
    /// the records' order.
    static func forEach(
        _ records: [LogRecord], _ body: (LogRecord, consuming Result<Entry, VaultError>) -> Void
    ) {
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(records.endIndex, start + windowSize)
            let window = records[start..<end]
            let base = start
            ParallelMap.forEach(count: window.count, threshold: parallelThreshold, { decode(window[base + $0]) }) {
                index, entry in body(window[base + index], entry)
            }
            start = end
        }
    }

    /// One record's entry.
    static func decode(_ record: LogRecord) -> Result<Entry, VaultError> {
        Result { () throws(VaultError) in try Entry.decode(record.payload) }
    }
}
