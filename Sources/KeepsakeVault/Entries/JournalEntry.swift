import Foundation

/// A journal entry: free text the owner writes for themselves (self-talk, self-care, therapy
/// notes), with optional tags (entry kind `journal`, schema 4). It is private: never an
/// incident, never counted, listed or searched with them, and never in a bundle unless the
/// owner names it (`export --include-journal`).
///
/// The text is kept exactly as written, blank lines included. Tags are kept as typed
/// (trimmed); they are compared by `JournalEntry.tagKey`, so "Therapy", "#therapy" and
/// "THÉRAPY" are one tag.
public struct JournalEntry: Codable, Equatable, Sendable {
    /// What the owner wrote, exactly.
    public var text: String
    /// Tags as typed (trimmed, none repeated), in the order given.
    public var tags: [String]

    /// Makes an entry; tags are tidied by `JournalEntry.tidy`.
    public init(text: String, tags: [String] = []) {
        self.text = text
        self.tags = Self.tidy(tags)
    }

    /// Tags trimmed, empty ones dropped, and each kept once (by `tagKey`), first spelling
    /// first.
    public static func tidy(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for tag in tags {
            let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
            let key = tagKey(trimmed)
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            kept.append(trimmed)
        }
        return kept
    }

    /// How a tag is compared: without a leading `#`, inner spaces as one, capitals and accents
    /// ignored.
    public static func tagKey(_ tag: String) -> String {
        var text = tag.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasPrefix("#") { text.removeFirst() }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return fold(words)
    }

    /// Whether this entry carries `tag` (compared by `tagKey`).
    public func hasTag(_ tag: String) -> Bool {
        let key = Self.tagKey(tag)
        return tags.contains { Self.tagKey($0) == key }
    }

    /// Whether every word of `words` is in the text or the tags (capitals and accents
    /// ignored, in any order). No words match everything.
    public func contains(words: String) -> Bool {
        let haystack = Self.fold(([text] + tags).joined(separator: "\n"))
        return words.split(whereSeparator: \.isWhitespace).allSatisfy { haystack.contains(Self.fold(String($0))) }
    }

    /// Text with capitals and accents folded away, as search compares.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
