import Dispatch
import Foundation
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
        _ records: [LogRecord], _ body: (LogRecord, Result<Entry, VaultError>) -> Void
    ) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(records.endIndex, start + windowSize)
            let window = records[start..<end]
            for (record, entry) in zip(window, decode(window, cores: cores)) { body(record, entry) }
            start = end
        }
    }

    /// One record's entry.
    static func decode(_ record: LogRecord) -> Result<Entry, VaultError> {
        Result { () throws(VaultError) in try Entry.decode(record.payload) }
    }

    /// The window's entries, in order, decoded in as many slices as there are cores.
    private static func decode(_ window: ArraySlice<LogRecord>, cores: Int) -> [Result<Entry, VaultError>] {
        let count = window.count
        guard cores > 1, count >= parallelThreshold else { return window.map(decode) }
        let slices = min(cores, count)
        let results = Results(count: count)
        defer { results.release() }
        let base = window.startIndex
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            for index in (slice * count / slices)..<((slice + 1) * count / slices) {
                results.set(index, decode(window[base + index]))
            }
        }
        return results.all()
    }
}

/// Room for a window's results, each slot written by exactly one slice. `@unchecked
/// Sendable`: the slices write disjoint slots, and `all()` reads them only after
/// `concurrentPerform` has returned.
private final class Results: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<Entry, VaultError>>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
    }

    func set(_ index: Int, _ result: Result<Entry, VaultError>) {
        (slots.baseAddress! + index).initialize(to: result)
    }

    func all() -> [Result<Entry, VaultError>] { Array(slots) }

    func release() {
        slots.baseAddress!.deinitialize(count: count)
        slots.deallocate()
    }
}
