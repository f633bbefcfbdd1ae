import Foundation
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The hand-written entry codec against Foundation's, on thousands of random entries: the
/// writer's bytes are `JSONEncoder`'s, the fast reader reads them back as the entry, and
/// whatever it reads `JSONDecoder` reads the same. (EntryCodecHostileTests feeds it odd and
/// broken JSON.)
@Suite struct EntryCodecTests {
    /// Checks one entry both ways; returns whether both fast paths were taken.
    @discardableResult
    func checkRoundTrip(_ entry: Entry, fastExpected: Bool, _ comment: Comment? = nil) throws -> Bool {
        let foundation = EntryFuzzing.foundationEncode(entry)
        let fastBytes = EntryFuzzing.fastEncode(entry)
        if let fastBytes { #expect(fastBytes == foundation, comment) }
        #expect(entry.encoded() == foundation, comment)

        let read = EntryFuzzing.fastDecode(foundation)
        let reference = try #require(EntryFuzzing.foundationDecode(foundation), comment)
        if let read { #expect(EntryFuzzing.same(read, reference), comment) }
        #expect(EntryFuzzing.same(try Entry.decode(foundation), reference), comment)
        if fastExpected {
            #expect(fastBytes != nil && read != nil, comment)
            #expect(read.map { EntryFuzzing.same($0, entry) } == true, comment)
        }
        return fastBytes != nil && read != nil
    }

    @Test func randomEntriesEncodeAsJSONEncoderAndReadBackAsJSONDecoder() throws {
        var random = RandomEntries(seed: 0x4B45_4550)
        var fast = 0
        for _ in 0..<3000 where try checkRoundTrip(random.entry(), fastExpected: true) { fast += 1 }
        #expect(fast == 3000)
    }

    @Test func awkwardDatesFallBackToFoundationAndStillMatch() throws {
        var random = RandomEntries(seed: 0xDA7E, awkwardDates: true)
        var (fast, slow) = (0, 0)
        for _ in 0..<1500 {
            let entry = random.entry()
            let exact = dates(of: entry).allSatisfy { var out: [UInt8] = []; return ISO8601Seconds.append($0, to: &out) }
            if try checkRoundTrip(entry, fastExpected: exact) { fast += 1 } else { slow += 1 }
            #expect(exact == (EntryFuzzing.fastEncode(entry) != nil))
        }
        // Both paths taken, so the fallback is exercised too.
        #expect(fast > 100 && slow > 100)
    }

    /// Every date field of an entry.
    func dates(of entry: Entry) -> [Date] {
        [
            entry.incident?.occurred?.start, entry.incident?.occurred?.end, entry.planItem?.due, entry.planItem?.doneAt,
            entry.cycle?.occurred?.start, entry.cycle?.occurred?.end, entry.cycle?.outcomeOn,
        ].compactMap { $0 }
    }

    @Test func otherSpellingsOfTheSameJSONReadTheSame() throws {
        // Indented, with " : ", declaration order instead of sorted keys, and "\/" escapes.
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        pretty.dateEncodingStrategy = .iso8601
        var random = RandomEntries(seed: 0x5EED)
        for _ in 0..<1000 {
            let entry = random.entry()
            let bytes = Array(try pretty.encode(entry))
            let read = try #require(EntryFuzzing.fastDecode(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(EntryFuzzing.same(read, entry))
            #expect(EntryFuzzing.same(read, try #require(EntryFuzzing.foundationDecode(bytes))))
        }
    }

    @Test func everyASCIICharacterAndAwkwardScalarIsEscapedAsJSONEncoderDoes() throws {
        var scalars = (0...0x7F).map { Unicode.Scalar(UInt8($0)) } + RandomEntries.awkward
        scalars += [Unicode.Scalar(0x2027)!, Unicode.Scalar(0x202A)!, Unicode.Scalar(0xD7FF)!, Unicode.Scalar(0xE000)!]
        for scalar in scalars {
            let text = "a\(scalar)b\(scalar)\(scalar)"
            let entry = Entry(kind: .retraction, id: try EntryID("0123456789abcdef"), reason: text)
            #expect(try checkRoundTrip(entry, fastExpected: true, "U+\(String(scalar.value, radix: 16))"))
        }
    }

    @Test func datesAreSpelledAndReadAsJSONEncoderAndDecoderDoThem() throws {
        struct Stamp: Codable { var date: Date }
        let range = ISO8601Seconds.range
        var generator = SeededGenerator(seed: 0xC10C)
        var seconds = [range.lowerBound, range.upperBound, 0, -1, 1]
        // The last and first second of every month of some years that test the leap rules.
        for year in [1583, 1600, 1700, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 2400, 9999] {
            for month in 1...12 {
                let first = ISO8601Seconds.secondsSince1970(year: year, month: month, day: 1)
                seconds += [first, first - 1, first + 86_399]
            }
        }
        seconds += (0..<3000).map { _ in Int.random(in: range, using: &generator) }
        for value in seconds where range.contains(value) {
            let date = Date(timeIntervalSince1970: Double(value))
            let json = Array(try Entry.encoder.encode(Stamp(date: date)))
            var ours = Array(#"{"date":""#.utf8)
            #expect(ISO8601Seconds.append(date, to: &ours))
            ours += Array(#""}"#.utf8)
            #expect(ours == json, "\(value)")
            let text = json[9..<29]
            let parsed = text.withUnsafeBufferPointer(ISO8601Seconds.parse)
            #expect(parsed == date, "\(value)")
            #expect(try Entry.decoder.decode(Stamp.self, from: Data(json)).date == parsed)
        }
        // Fractions, Julian dates and years past 9999 are left to Foundation.
        for value in [0.5, -0.5, Double(range.lowerBound) - 1, Double(range.upperBound) + 1, .nan, .infinity] {
            var out: [UInt8] = []
            #expect(!ISO8601Seconds.append(Date(timeIntervalSince1970: value), to: &out) && out.isEmpty)
        }
    }

    /// Found by the `entry` fuzz target (its round-trip check, older than the fast codec):
    /// `JSONDecoder` reads dates that `JSONEncoder` does not write back. Both codecs leave them
    /// to Foundation, so entries keep being read and written exactly as before.
    @Test func datesJSONEncoderCannotWriteBackAreLeftToFoundationBothWays() throws {
        let seed = String(decoding: try Data(contentsOf: try FuzzSeeds.folder("entry").appendingPathComponent("incident.json")), as: UTF8.self)
        let start = #""start":"2026-01-01T00:00:00Z""#
        #expect(seed.contains(start))
        for (spelled, writtenBack) in [
            // The fraction is read, and dropped when written.
            ("2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00Z"),
            // Year 0 at +01:00 is 23:00 on the last day of year -1, written as "-0001-…", which JSONDecoder refuses.
            ("0000-01-01T00:00:00+01:00", "-0001-12-31T23:00:00Z"),
        ] {
            let bytes = Array(seed.replacingOccurrences(of: start, with: #""start":"\#(spelled)""#).utf8)
            #expect(EntryFuzzing.fastDecode(bytes) == nil)
            let entry = try Entry.decode(bytes)
            #expect(EntryFuzzing.same(entry, try #require(EntryFuzzing.foundationDecode(bytes))))
            #expect(EntryFuzzing.fastEncode(entry) == nil)
            let written = entry.encoded()
            #expect(written == EntryFuzzing.foundationEncode(entry))
            #expect(String(decoding: written, as: UTF8.self).contains(#""start":"\#(writtenBack)""#))
            #expect((try? Entry.decode(written)) != entry)
        }
    }

    @Test func theFuzzSeedsTakeTheFastPathBothWays() throws {
        let folder = try FuzzSeeds.folder("entry")
        for name in [
            "attachment", "check-in", "contact", "cycle", "draft", "incident", "incident-followups", "journal", "plan",
            "retraction", "revision", "profile", "boundary", "letter", "letter-draft", "journal-change-draft",
        ] {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name + ".json")))
            let read = try #require(EntryFuzzing.fastDecode(bytes), "\(name)")
            #expect(EntryFuzzing.same(read, try #require(EntryFuzzing.foundationDecode(bytes))), "\(name)")
            #expect(EntryFuzzing.fastEncode(read) == bytes, "\(name)")
        }
        // A newer schema is left to JSONDecoder, which says so by name.
        let newer = Array(try Data(contentsOf: folder.appendingPathComponent("newer-schema.json")))
        #expect(EntryFuzzing.fastDecode(newer) == nil)
        #expect(throws: VaultError.newerSchema(5)) { try Entry.decode(newer) }
    }
}
