import Foundation
import KeepsakeVault

/// `Entry.decode` over arbitrary bytes: whenever the fast reader reads an entry, `JSONDecoder`
/// reads the same one; every entry that decodes is encoded exactly as `JSONEncoder` encodes it
/// (`EntryFuzzing.checkCodec`), and encodes again and decodes back to itself, unless a date is
/// one `JSONEncoder` can't write back (see `writesBack`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let entry = EntryFuzzing.checkCodec(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    guard writesBack(entry) else { return 0 }
    precondition((try? Entry.decode(entry.encoded())) == entry, "an entry that does not encode back to itself")
    return 0
}

/// Whether every date of `entry` is a whole second in year 1 or later. `JSONDecoder` reads
/// others that `JSONEncoder` does not write back: it drops a fraction of a second
/// ("…00:00:00.5Z" comes back as "…00:00:00Z"), and writes a year before 1 as "-0001-…",
/// which `JSONDecoder` refuses (EntryCodecTests.datesJSONEncoderCannotWriteBack…).
func writesBack(_ entry: Entry) -> Bool {
    let dates = [
        entry.incident?.occurred?.start, entry.incident?.occurred?.end, entry.planItem?.due, entry.planItem?.doneAt,
        entry.cycle?.occurred?.start, entry.cycle?.occurred?.end, entry.cycle?.outcomeOn,
    ]
    return dates.allSatisfy { date in
        guard let seconds = date?.timeIntervalSince1970 else { return true }
        return seconds.rounded(.down) == seconds && seconds >= -62_135_596_800  // 0001-01-03 (Julian)
    }
}
