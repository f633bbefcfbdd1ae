/// Thrown by `JSONScanner` and the fast entry reader when the input is anything they are not
/// sure to read exactly as `JSONDecoder` would. It never reaches a person: `Entry.decode`
/// then hands the same bytes to `JSONDecoder`, which decides (and words any error).
struct JSONUnsupported: Error {}

/// The keys of one JSON object the fast reader knows, in a fixed order; a key's index is its
/// position here (and its bit in the reader's "seen" mask, so at most 32 keys). Also the
/// spellings of a string enum's values (`JSONWords`).
struct JSONKeyTable: Sendable {
    private let keys: [[UInt8]]
    /// Each key's length and first eight bytes (zero-filled), compared before the whole key:
    /// an entry's JSON looks up a key for every member it holds.
    private let heads: [(count: Int, head: UInt64)]
    /// The keys' indices in byte order, the order the writer puts members in, and each key's
    /// place in that order: a look-up starts at the key after the previous member's, so a
    /// member usually matches the first key tried.
    private let sorted: [Int]
    private let rank: [Int]

    init(_ keys: [StaticString]) {
        self.init(spellings: keys.map { key in key.withUTF8Buffer { Array($0) } })
    }

    init(spellings keys: [[UInt8]]) {
        precondition(keys.count <= 32, "a key table holds at most 32 keys")
        self.keys = keys
        heads = keys.map { key in (key.count, key.withUnsafeBufferPointer(Self.head)) }
        sorted = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var rank = Array(repeating: 0, count: keys.count)
        for (place, index) in sorted.enumerated() { rank[index] = place }
        self.rank = rank
    }

    /// The first eight bytes, little-endian, zero-filled.
    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var head: UInt64 = 0
        for index in 0..<min(8, bytes.count) { head |= UInt64(bytes[index]) << (8 * index) }
        return head
    }

    /// The index of the key spelled by `bytes`, if it is one of them, trying first the keys
    /// that sort after the key at index `previous` (every key is tried either way).
    func index(of bytes: UnsafeBufferPointer<UInt8>, after previous: Int? = nil) -> Int? {
        let head = Self.head(bytes)
        var place = previous.map { rank[$0] + 1 } ?? 0
        for _ in 0..<sorted.count {
            if place == sorted.count { place = 0 }
            let index = sorted[place]
            place += 1
            guard heads[index].count == bytes.count && heads[index].head == head else { continue }
            // The head holds the first eight bytes (all of a short key): compare the rest.
            if keys[index].withUnsafeBufferPointer({ key in (8..<max(8, key.count)).allSatisfy { key[$0] == bytes[$0] } }) {
                return index
            }
        }
        return nil
    }
}

/// The values of a string enum the fast reader knows, by their raw spellings: read from the
/// JSON's bytes without making a string.
struct JSONWords<Value: Sendable>: Sendable {
    let table: JSONKeyTable
    let values: [Value]

    init(_ values: [Value]) where Value: RawRepresentable<String> {
        self.values = values
        table = JSONKeyTable(spellings: values.map { Array($0.rawValue.utf8) })
    }
}

/// A cursor over one JSON document that reads only the shapes entries are made of, and only
/// in their plainest spelling: objects with plain ASCII keys, strings, `true`/`false`,
/// `null`, non-negative integers without sign, fraction or exponent, arrays, and dates spelled
/// exactly `YYYY-MM-DDTHH:MM:SSZ`. Anything else (a key with an escape or a non-ASCII byte,
/// a raw control character, invalid UTF-8, a lone surrogate escape, a leading zero, a
/// trailing comma, a byte-order mark…) throws `JSONUnsupported`, even where JSON or
/// `JSONDecoder` would accept it.
///
/// It reads borrowed bytes: make it inside `withUnsafeBufferPointer` and drop it there.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Structure

    /// Reads `{` and then every member: its key (which must be in `table` and not seen
    /// before in this object) and `body` to read its value; then `}`.
    mutating func object(
        _ table: JSONKeyTable, _ body: (inout JSONScanner, Int) throws(JSONUnsupported) -> Void
    ) throws(JSONUnsupported) {
        try expect(UInt8(ascii: "{"))
        var seen: UInt32 = 0
        var previous: Int? = nil
        repeat {
            let key = try key(table, after: previous)
            guard seen & (1 << key) == 0 else { throw JSONUnsupported() }  // JSONDecoder keeps the first
            seen |= 1 << key
            previous = key
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while try more(UInt8(ascii: "}"))
    }

    /// Reads `[`, each element with `element`, then `]`.
    mutating func array<Element>(
        _ element: (inout JSONScanner) throws(JSONUnsupported) -> Element
    ) throws(JSONUnsupported) -> [Element] {
        try expect(UInt8(ascii: "["))
        var elements: [Element] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        repeat { elements.append(try element(&self)) } while try more(UInt8(ascii: "]"))
        return elements
    }

    /// Reads `{}` (an object with no member, as `JSONEncoder` writes a value whose optionals
    /// are all nil) if it comes next.
    mutating func emptyObject() -> Bool {
        var probe = self
        probe.skipWhitespace()
        guard probe.index < probe.bytes.count, probe.bytes[probe.index] == UInt8(ascii: "{") else { return false }
        probe.index += 1
        probe.skipWhitespace()
        guard probe.index < probe.bytes.count, probe.bytes[probe.index] == UInt8(ascii: "}") else { return false }
        probe.index += 1
        self = probe
        return true
    }

    /// Reads `null` if it comes next.
    mutating func null() -> Bool {
        skipWhitespace()
        guard literal("null") else { return false }
        return true
    }

    /// Checks that nothing but whitespace is left.
    mutating func end() throws(JSONUnsupported) {
        skipWhitespace()
        guard index == bytes.count else { throw JSONUnsupported() }
    }

    // MARK: Values

    /// `true` or `false`.
    mutating func bool() throws(JSONUnsupported) -> Bool {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        throw JSONUnsupported()
    }

    /// A non-negative integer of at most `maximum`, in plain decimal digits ("0" alone, or
    /// no leading zero). What follows it is left for the caller, so `1.5` or `1e3` fail on
    /// the `.` or the `e` there.
    mutating func unsigned(maximum: UInt64) throws(JSONUnsupported) -> UInt64 {
        skipWhitespace()
        let start = index
        var value: UInt64 = 0
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow, !carry, sum <= maximum else { throw JSONUnsupported() }
            value = sum
            index += 1
        }
        guard index > start, bytes[start] != UInt8(ascii: "0") || index == start + 1 else { throw JSONUnsupported() }
        return value
    }

    /// A string, unescaped; its bytes must be valid UTF-8 without raw control characters,
    /// and a `\u` escape of a surrogate must be half of a pair.
    mutating func string() throws(JSONUnsupported) -> String {
        let (body, escaped) = try stringBody()
        let slice = UnsafeBufferPointer(rebasing: bytes[body])
        return escaped ? String(decoding: JSONEscapes.unescape(slice), as: UTF8.self) : String(decoding: slice, as: UTF8.self)
    }

    /// A string spelling one of `words`' values exactly, once unescaped.
    mutating func word<Value>(_ words: JSONWords<Value>) throws(JSONUnsupported) -> Value {
        let (body, escaped) = try stringBody()
        let slice = UnsafeBufferPointer(rebasing: bytes[body])
        let index =
            escaped
            ? JSONEscapes.unescape(slice).withUnsafeBufferPointer { words.table.index(of: $0) }
            : words.table.index(of: slice)
        guard let index else { throw JSONUnsupported() }
        return words.values[index]
    }

    /// A string of exactly `count` ASCII bytes without escapes, handed to `parse` (`nil`
    /// from it throws); for ids and dates, which have fixed lengths.
    mutating func fixedString<Value>(
        count: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Value?
    ) throws(JSONUnsupported) -> Value {
        skipWhitespace()
        guard bytes.count - index >= count + 2, bytes[index] == UInt8(ascii: "\""),
            bytes[index + count + 1] == UInt8(ascii: "\""),
            let value = parse(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(index + 1 + count)]))
        else { throw JSONUnsupported() }
        index += count + 2
        return value
    }

    // MARK: Pieces

    /// A quoted string of plain printable ASCII that spells one of `table`'s keys: its index.
    private mutating func key(_ table: JSONKeyTable, after previous: Int?) throws(JSONUnsupported) -> Int {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw JSONUnsupported() }
        let start = index + 1
        var end = start
        // Printable ASCII without a backslash: no escape or look-alike can spell a known key.
        while end < bytes.count, case let byte = bytes[end], byte != UInt8(ascii: "\"") {
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { throw JSONUnsupported() }
            end += 1
        }
        guard end < bytes.count,
            let key = table.index(of: UnsafeBufferPointer(rebasing: bytes[start..<end]), after: previous)
        else {
            throw JSONUnsupported()
        }
        index = end + 1
        return key
    }

    /// After a member or element: `,` (another follows) or `close` (the end).
    private mutating func more(_ close: UInt8) throws(JSONUnsupported) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONUnsupported() }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == close { return false }
        throw JSONUnsupported()
    }

    /// The range of a string's body (between its quotes), checked, and whether it holds
    /// escapes; the cursor moves past the closing quote.
    private mutating func stringBody() throws(JSONUnsupported) -> (Range<Int>, escaped: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while index < bytes.count {
            // Eight plain bytes at a time; the loop below takes anything else one by one.
            while index + 8 <= bytes.count,
                Self.isPlain(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start..<(index - 1), escaped)
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                index = try JSONEscapes.checkEscape(bytes, at: index)
            } else if byte < 0x20 {
                throw JSONUnsupported()
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try UTF8Check.sequenceEnd(bytes, at: index)
            }
        }
        throw JSONUnsupported()
    }

    /// Whether none of eight bytes ends a string's plain run: no quote, backslash, control
    /// character or non-ASCII byte (the usual SWAR tests, exact once the high bits are clear).
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & high != 0 }
        guard word & high == 0 else { return false }
        let hasControl = (word &- ones &* 0x20) & ~word & high != 0
        return !hasControl && !hasZeroByte(word ^ (ones &* 0x22)) && !hasZeroByte(word ^ (ones &* 0x5C))
    }

    private mutating func expect(_ byte: UInt8) throws(JSONUnsupported) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw JSONUnsupported() }
        index += 1
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let matches = word.withUTF8Buffer { word in
            bytes.count - index >= word.count && word.indices.allSatisfy { bytes[index + $0] == word[$0] }
        }
        if matches { index += word.utf8CodeUnitCount }
        return matches
    }

    /// JSON's four whitespace bytes (not a byte-order mark, not vertical tab or form feed).
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}
