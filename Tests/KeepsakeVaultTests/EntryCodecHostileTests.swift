import Foundation
import KeepsakeTestSupport
import Testing
@testable import KeepsakeVault

/// The fast entry reader on odd, hostile and broken JSON: whatever it reads, `JSONDecoder`
/// reads as the same entry; what it turns down goes to `JSONDecoder` unchanged. Some cases
/// must take the fast path (plain spellings of ordinary entries), some must not (what
/// `JSONDecoder` reads in ways the reader does not copy: duplicate keys, where it keeps the
/// first; `1.0` or `1e0` as an integer; dates it rolls over, like Feb 30 or 24:00:00).
@Suite struct EntryCodecHostileTests {
    /// A real entry with every incident field set.
    static let incident = Entry(
        kind: .incident, id: try! EntryID("7259add349d0c873"),
        incident: Incident(
            occurred: Occurrence(
                start: Date(timeIntervalSince1970: 1_767_225_600), end: Date(timeIntervalSince1970: 1_767_226_800),
                approximate: true, note: "after dinner"),
            duration: "20 minutes", location: "kitchen", people: ["him"], witnesses: ["neighbour"],
            childrenPresent: true, childrenHarmed: "frightened", kinds: [.physical, .threats],
            account: "He said \"stop\" \\ left / ünïcødé 😀\n\tthen\u{2028}nothing\u{1}.", quotes: ["you'll regret it"],
            feelings: "afraid", injuries: "bruise", injuryLocations: ["left arm"], weapons: "a belt",
            highRisk: [.strangulation], medicalCare: "clinic",
            police: PoliceReport(involved: true, officer: "PC 12", reportNumber: "R-1"), technology: "tracked my phone"))

    static let plan = Entry(
        kind: .planItem, id: try! EntryID("00112233445566ff"),
        planItem: PlanItem(
            category: .documents, title: "passport", notes: "drawer", status: .done,
            due: Date(timeIntervalSince1970: 951_782_400), doneAt: Date(timeIntervalSince1970: 951_868_799)))

    static let attachment = Entry(
        kind: .attachment, id: try! EntryID("3e0c386fb41e4397"), target: try! EntryID("e17dac43e7a05df2"),
        attachment: AttachmentReference(
            blob: String(repeating: "ab", count: 16), key: "GTzd0jzLGq3E1eT5pjEsvBylRPkKsJQcsZuElYlg0kg=",
            sha256: String(repeating: "0f", count: 32), size: 3, mediaType: "image/jpeg", fileName: "arm.jpg",
            caption: nil))

    static var text: String { String(decoding: incident.encoded(), as: UTF8.self) }

    /// Tally of one batch of inputs.
    struct Tally {
        var fast = 0
        var fallback = 0
    }

    /// Checks the contract on `bytes` (and, with `fallback`, that what the fast reader turns
    /// down `Entry.decode` reads as `JSONDecoder` does); returns whether the fast reader read it.
    @discardableResult
    static func check(_ bytes: [UInt8], _ comment: @autoclosure () -> String = "", fallback: Bool = true) -> Bool {
        guard let read = EntryFuzzing.fastDecode(bytes) else {
            // Left to JSONDecoder: Entry.decode answers exactly as JSONDecoder does.
            guard fallback else { return false }
            if let reference = EntryFuzzing.foundationDecode(bytes), reference.schema <= Entry.currentSchema {
                #expect((try? Entry.decode(bytes)).map { EntryFuzzing.same($0, reference) } == true, "\(comment())")
            } else {
                #expect((try? Entry.decode(bytes)) == nil, "\(comment())")
            }
            return false
        }
        let reference = EntryFuzzing.foundationDecode(bytes)
        #expect(reference != nil, "JSONDecoder refuses what the fast reader read: \(comment())")
        if let reference { #expect(EntryFuzzing.same(read, reference), "\(comment())") }
        #expect(read.schema <= Entry.currentSchema)
        return true
    }

    /// The schema member of the entries this version writes.
    static let schema = "\"schema\":\(Entry.currentSchema)"

    static func check(_ text: String, fast: Bool? = nil, _ comment: String = "") {
        let read = check(Array(text.utf8), "\(comment) \(text)")
        if let fast { #expect(read == fast, "\(comment) \(text)") }
    }

    /// `text` with its first occurrence of `target` replaced.
    static func replacing(_ target: String, with replacement: String, in text: String = text) -> String {
        guard let range = text.range(of: target) else { fatalError("no \(target) in \(text)") }
        return text.replacingCharacters(in: range, with: replacement)
    }

    @Test func ourOwnEntriesTakeTheFastPath() {
        for entry in [Self.incident, Self.plan, Self.attachment] {
            #expect(Self.check(entry.encoded()))
        }
    }

    @Test func whitespaceAndKeyOrderAreReadAsJSONDecoderReadsThem() {
        let spaced = Self.text.replacingOccurrences(of: ",\"", with: " ,\n\t\"")
            .replacingOccurrences(of: "\":", with: "\"\r : ").replacingOccurrences(of: "[", with: "[ ")
            .replacingOccurrences(of: "]", with: " ]").replacingOccurrences(of: "{", with: " { ")
            .replacingOccurrences(of: "}", with: " } ")
        Self.check(spaced, fast: true)
        Self.check(" \n" + Self.text + " \r\n\t", fast: true)
        Self.check("\u{FEFF}" + Self.text, fast: false)  // JSONDecoder skips a BOM; we don't
        Self.check("\u{B}" + Self.text, fast: false)
        Self.check(Self.text + "x", fast: false)
        Self.check(Self.text + "{}", fast: false)
        Self.check(Self.text + "\u{0}", fast: false)
        Self.check(Self.replacing("\"id\"", with: "\"\\u0069d\""), fast: false)
        Self.check(Self.replacing("\"account\"", with: "\"\\u0061ccount\""), fast: false)
        Self.check(Self.replacing("\"kind\"", with: "\"\u{212A}ind\""), fast: false)
    }

    @Test func duplicateUnknownAndMissingKeysAreLeftToJSONDecoder() {
        Self.check(Self.replacing("{\"id\"", with: "{\"id\":\"0000000000000000\",\"id\""), fast: false)
        Self.check(Self.replacing(Self.schema, with: "\(Self.schema),\"schema\":1"), fast: false)
        Self.check(Self.replacing("\"involved\":true", with: "\"involved\":true,\"involved\":false"), fast: false)
        Self.check(Self.replacing("{\"account\"", with: "{\"account\":\"first\",\"account\""), fast: false)
        for unknown in ["1", "null", "\"x\"", "{\"a\":[1,{\"b\":null}]}", "[]"] {
            Self.check(Self.replacing("{\"id\"", with: "{\"extra\":\(unknown),\"id\""), fast: false)
            Self.check(Self.replacing("{\"involved\"", with: "{\"extra\":\(unknown),\"involved\""), fast: false)
        }
        Self.check(Self.replacing(",\(Self.schema)}", with: ",\(Self.schema),}"), fast: false)
        Self.check(Self.replacing("[\"him\"]", with: "[\"him\",]"), fast: false)
        // Every key removed in turn, and every value replaced by null.
        for key in Self.keys(of: Self.text) {
            Self.check(Self.removingMember(key, from: Self.text), "without \(key)")
            Self.check(Self.replacingValue(of: key, with: "null", in: Self.text), "\(key): null")
        }
        for text in [String(decoding: Self.plan.encoded(), as: UTF8.self), String(decoding: Self.attachment.encoded(), as: UTF8.self)] {
            for key in Self.keys(of: text) {
                Self.check(Self.removingMember(key, from: text), "without \(key)")
                Self.check(Self.replacingValue(of: key, with: "null", in: text), "\(key): null")
            }
        }
    }

    @Test func numbersOtherThanPlainIntegersAreLeftToJSONDecoder() {
        for number in ["1.0", "1e0", "1E0", "10e-1", "-0", "01", "-1", "0.1", "1 ", " 1", "+1", "0x1", "\"1\"", "true", "1e400"] {
            Self.check(Self.replacing(Self.schema, with: "\"schema\":\(number)"), fast: number.hasSuffix(" ") || number.hasPrefix(" ") ? true : false)
        }
        Self.check(Self.replacing(Self.schema, with: "\"schema\":0"), fast: true)
        Self.check(Self.replacing(Self.schema, with: "\"schema\":1"), fast: true)
        Self.check(Self.replacing(Self.schema, with: "\"schema\":\(Entry.currentSchema + 1)"), fast: false)
        Self.check(Self.replacing(Self.schema, with: "\"schema\":99999999999999999999999"), fast: false)
        let attachment = String(decoding: Self.attachment.encoded(), as: UTF8.self)
        for (size, fast) in [
            ("0", true), ("18446744073709551615", true), ("9007199254740993", true), ("18446744073709551616", false),
            ("3.0", false), ("3e0", false), ("-0", false), ("03", false), ("-3", false), ("3.5", false),
        ] {
            Self.check(Self.replacing("\"size\":3", with: "\"size\":\(size)", in: attachment), fast: fast)
        }
    }

    @Test func datesOtherThanPlainUTCSecondsAreLeftToJSONDecoder() {
        let start = "2026-01-01T00:00:00Z"
        for (date, fast) in [
            ("2024-02-29T23:59:59Z", true), ("1583-01-01T00:00:00Z", true), ("9999-12-31T23:59:59Z", true),
            ("1600-02-29T12:00:00Z", true), ("2000-02-29T00:00:00Z", true),
            ("2023-02-29T00:00:00Z", false), ("1900-02-29T00:00:00Z", false), ("2024-02-30T00:00:00Z", false),
            ("2024-04-31T00:00:00Z", false), ("2024-12-32T00:00:00Z", false), ("2024-13-01T00:00:00Z", false),
            ("2024-00-01T00:00:00Z", false), ("2024-01-00T00:00:00Z", false), ("2024-06-30T23:59:60Z", false),
            ("2024-01-01T24:00:00Z", false), ("2024-01-01T00:60:00Z", false), ("2024-01-01T00:00:00.5Z", false),
            ("2024-01-01T00:00:00.000Z", false), ("2024-01-01T00:00:00+01:00", false), ("2024-01-01T00:00:00+00:00", false),
            ("2024-01-01T00:00:00z", false), ("2024-01-01t00:00:00Z", false), ("2024-01-01 00:00:00Z", false),
            ("2024-01-01T00:00:00Z ", false), ("2024-1-01T00:00:00Z", false), ("1582-10-04T00:00:00Z", false),
            ("1582-10-15T00:00:00Z", false), ("1000-01-01T00:00:00Z", false), ("0999-12-31T00:00:00Z", false),
            ("10000-01-01T00:00:00Z", false), ("\\u0032024-01-01T00:00:00Z", false), ("2024-01-01T00:00Z", false),
            ("+2024-01-01T00:00:00Z", false), ("-2024-01-01T00:00:00Z", false), ("2024-01-01T00:00:00", false),
        ] {
            Self.check(Self.replacing(start, with: date), fast: fast, "start")
            Self.check(Self.replacing("\"due\":\"2000-02-29T00:00:00Z\"", with: "\"due\":\"\(date)\"", in: String(decoding: Self.plan.encoded(), as: UTF8.self)), fast: fast, "due")
        }
    }

    @Test func oddStringsIdsAndEnumValuesAreReadAsJSONDecoderReadsThem() {
        for (value, fast) in [
            ("\\u0000", true), ("\\ud83d\\ude00", true), ("\\uD83D\\uDE00", true), ("\\/", true), ("\\b\\f\\n\\r\\t", true),
            ("\\u00e9", true), ("\\uFFFF", true), ("\u{7F}\u{2028}", true), ("\\ud800", false), ("\\udc00", false),
            ("\\ud83d\\u0041", false), ("\\ude00\\ud83d", false), ("\\ud83dx", false), ("\\x", false), ("\\u12", false),
            ("\\u12g4", false), ("\\", false), ("a\u{1}b", false), ("a\u{1F}", false), ("a\tb", false), ("\\'", false),
        ] {
            Self.check(Self.replacing("\"after dinner\"", with: "\"\(value)\""), fast: fast)
        }
        let account = Array("\"kitchen\"".utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]] {
            var bytes = Array(Self.text.utf8)
            bytes.replaceSubrange(bytes.firstRange(of: account)!, with: [0x22] + bad + [0x22])
            #expect(!Self.check(bytes, "bad UTF-8 \(bad)"))
        }
        for (id, fast) in [
            ("7259ADD349D0C873", true), ("7259add349d0c87", false), ("7259add349d0c8733", false), ("7259add349d0c87g", false),
            ("７259add349d0c873", false), ("\\u0037259add349d0c873", false), ("7259add349d0c87 ", false),
        ] {
            Self.check(Self.replacing("\"7259add349d0c873\"", with: "\"\(id)\""), fast: fast)
        }
        for (kind, fast) in [("\"incident\"", true), ("\"Incident\"", false), ("\"planItem\"", false), ("\"inc\\u0069dent\"", true), ("null", false), ("1", false)] {
            Self.check(Self.replacing("\"kind\":\"incident\"", with: "\"kind\":\(kind)"), fast: fast)
        }
        for (value, fast) in [("true", true), ("false", true), ("null", true), ("1", false), ("\"true\"", false), ("True", false), ("tru", false),
            ("\"notSure\"", true), ("\"not\\u0053ure\"", true), ("\"NotSure\"", false), ("\"yes\"", false), ("\"notSure", false)] {
            Self.check(Self.replacing("\"childrenPresent\":true", with: "\"childrenPresent\":\(value)"), fast: fast)
        }
        for (signs, fast) in [("[\"gunAccess\"]", true), ("[]", true), ("null", true), ("[\"maybe\"]", false), ("\"gunAccess\"", false)] {
            Self.check(Self.replacing("\"technology\":\"tracked my phone\"", with: "\"technology\":\"tracked my phone\",\"unsureSigns\":\(signs)"), fast: fast)
        }
        for (kinds, fast) in [("[]", true), ("[\"physical\",\"physical\"]", true), ("[\"Physical\"]", false), ("[null]", false), ("null", false), ("\"physical\"", false)] {
            Self.check(Self.replacing("\"kinds\":[\"physical\",\"threats\"]", with: "\"kinds\":\(kinds)"), fast: fast)
        }
    }

    @Test func everyTruncationAndEverySingleByteChangeOfARealEntryKeepsTheContract() {
        for entry in [Self.incident, Self.plan, Self.attachment] {
            let bytes = entry.encoded()
            var tally = Tally()
            for end in 0..<bytes.count {
                #expect(!Self.check(Array(bytes[..<end]), "cut at \(end)", fallback: false))
            }
            for index in bytes.indices {
                var changed = bytes
                for value in 0...255 where value != bytes[index] {
                    changed[index] = UInt8(value)
                    if Self.check(changed, "byte \(index) = \(value)", fallback: false) { tally.fast += 1 } else { tally.fallback += 1 }
                }
            }
            // Changes inside strings keep the fast path; most others leave it.
            #expect(tally.fast > bytes.count && tally.fallback > bytes.count * 100)
        }
    }

    // MARK: Editing JSON text

    /// Every key in `text` (a flat scan: keys are the strings followed by a colon).
    static func keys(of text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #""([A-Za-z0-9]+)":"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// The value of `key` (first occurrence) as a range: up to the matching close of a
    /// nested value, or the next `,` or `}` at the same depth.
    static func valueRange(of key: String, in text: String) -> Range<String.Index> {
        let start = text.range(of: "\"\(key)\":")!.upperBound
        var depth = 0, inString = false, escaped = false
        var index = start
        while index < text.endIndex {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "{" || c == "[" {
                depth += 1
            } else if c == "}" || c == "]" || c == "," {
                if depth == 0 { break }
                if c != "," { depth -= 1 }
            }
            index = text.index(after: index)
        }
        return start..<index
    }

    static func replacingValue(of key: String, with value: String, in text: String) -> String {
        text.replacingCharacters(in: valueRange(of: key, in: text), with: value)
    }

    static func removingMember(_ key: String, from text: String) -> String {
        let member = text.range(of: "\"\(key)\":")!.lowerBound..<valueRange(of: key, in: text).upperBound
        var result = text
        result.removeSubrange(member)
        // Drop the comma that joined it to a neighbour.
        return result.replacingOccurrences(of: ",,", with: ",").replacingOccurrences(of: "{,", with: "{")
            .replacingOccurrences(of: ",}", with: "}")
    }
}
