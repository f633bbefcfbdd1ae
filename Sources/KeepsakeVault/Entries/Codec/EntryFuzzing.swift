import Foundation

/// Entry points for the `entry` libFuzzer target under `Fuzz/` and the codec's tests, and for
/// nothing else: each half of the entry codec alone, Foundation's half alone, and the check
/// that the fast one agrees with Foundation. Use `Entry.decode(_:)` and `Entry.encoded()`
/// everywhere else. A failed check stops the process, which is what a fuzzer needs to see.
public enum EntryFuzzing {
    /// `EntryJSONReader` alone, without the `JSONDecoder` fallback: the entry, or `nil` when
    /// the reader leaves the bytes to `JSONDecoder`.
    public static func fastDecode(_ bytes: [UInt8]) -> Entry? {
        bytes.withUnsafeBufferPointer(EntryJSONReader.read)
    }

    /// `JSONDecoder` (configured as `Entry.decode` configures it) alone, whatever the schema.
    public static func foundationDecode(_ bytes: [UInt8]) -> Entry? {
        try? Entry.decoder.decode(Entry.self, from: Data(bytes))
    }

    /// `EntryJSONWriter` alone: the bytes, or `nil` when it leaves the entry to `JSONEncoder`.
    public static func fastEncode(_ entry: Entry) -> [UInt8]? {
        EntryJSONWriter.write(entry)
    }

    /// `JSONEncoder` (configured as `Entry.encoded()` configures it) alone.
    public static func foundationEncode(_ entry: Entry) -> [UInt8] {
        entry.foundationEncoded()
    }

    /// Whether two entries are the same to the last scalar: `==` (which compares strings up to
    /// canonical equivalence, "é" and "e" + U+0301 alike) and the same `JSONEncoder` bytes
    /// (which keep every scalar; dates, which it rounds to the second, `==` compares exactly).
    public static func same(_ a: Entry, _ b: Entry) -> Bool {
        a == b && foundationEncode(a) == foundationEncode(b)
    }

    /// Checks the codec's promises on `bytes`: when the fast reader returns an entry,
    /// `JSONDecoder` reads the same one (and its schema is one this version reads); when
    /// `Entry.decode` returns an entry, `encoded()` is `JSONEncoder`'s bytes for it.
    /// - Returns: the entry `Entry.decode` returns, if any.
    @discardableResult
    public static func checkCodec(_ bytes: [UInt8]) -> Entry? {
        let fast = fastDecode(bytes)
        if let fast {
            guard let slow = foundationDecode(bytes) else {
                preconditionFailure("the fast reader read an entry JSONDecoder refuses")
            }
            precondition(same(fast, slow), "the fast reader and JSONDecoder read different entries")
            precondition(fast.schema <= Entry.currentSchema, "the fast reader read a newer schema")
        }
        guard let entry = try? Entry.decode(bytes) else {
            precondition(fast == nil, "Entry.decode refused what the fast reader read")
            return nil
        }
        precondition(entry.encoded() == foundationEncode(entry), "encoded() differs from JSONEncoder")
        return entry
    }
}
