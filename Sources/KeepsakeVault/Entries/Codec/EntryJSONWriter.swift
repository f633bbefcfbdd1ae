import Foundation

/// Writes an entry's JSON byte for byte as `Entry.encoder` (`JSONEncoder` with
/// `.sortedKeys`, `.withoutEscapingSlashes` and `.iso8601` dates) does, without `Codable`.
///
/// Keys go in the order `.sortedKeys` puts them (written out by hand below, type by type);
/// a `nil` optional is left out, as synthesized `encodeIfPresent` does; empty arrays are
/// written; strings are escaped as `JSONEscapes.appendQuoted` says. A date it can't spell
/// exactly as `JSONEncoder` (a fraction of a second, or outside `ISO8601Seconds`' years)
/// makes it give up on the whole entry, and `Entry.encoded()` uses `JSONEncoder` instead.
struct EntryJSONWriter {
    /// Thrown when a value is one to leave to `JSONEncoder`.
    private struct Unwritable: Error {}

    private var out: [UInt8] = []
    /// Whether the object being written has no member yet.
    private var empty = true

    /// The entry's JSON, or `nil` when `JSONEncoder` must write it.
    static func write(_ entry: Entry) -> [UInt8]? {
        var writer = EntryJSONWriter()
        writer.out.reserveCapacity(1024)
        do { try writer.entry(entry) } catch { return nil }
        return writer.out
    }

    private mutating func entry(_ e: Entry) throws(Unwritable) {
        guard e.schema >= 0 else { throw Unwritable() }  // never written by this version
        try object { w throws(Unwritable) in
            w.member("attachment", e.attachment) { w, a in w.attachment(a) }
            w.member("boundary", e.boundary) { w, b in w.object { w in w.member("text", b.text) } }
            w.member("checkIn", e.checkIn) { w, c in w.checkIn(c) }
            w.member("contact", e.contact) { w, c in w.contact(c) }
            try w.member("cycle", e.cycle) { w, m throws(Unwritable) in try w.cycle(m) }
            w.member("id", e.id.rawValue)
            try w.member("incident", e.incident) { w, i throws(Unwritable) in try w.incident(i) }
            w.member("journal", e.journal) { w, j in
                w.object { w in
                    w.member("tags", j.tags)
                    w.member("text", j.text)
                }
            }
            w.member("kind", e.kind.rawValue)
            w.member("letter", e.letter) { w, l in w.object { w in w.member("text", l.text) } }
            try w.member("planItem", e.planItem) { w, p throws(Unwritable) in try w.planItem(p) }
            w.member("profile", e.profile) { w, p in w.profile(p) }
            w.member("reason", e.reason)
            w.member("schema") { w in w.decimal(UInt64(e.schema)) }
            w.member("target", e.target?.rawValue)
        }
    }

    private mutating func incident(_ i: Incident) throws(Unwritable) {
        try object { w throws(Unwritable) in
            w.member("account", i.account)
            w.member("arrestMade", i.arrestMade)
            w.member("childrenHarmed", i.childrenHarmed)
            w.member("childrenPresent", i.childrenPresent)
            w.member("duration", i.duration)
            w.member("feelings", i.feelings)
            w.member("highRisk", i.highRisk.map(\.rawValue))
            w.member("injuries", i.injuries)
            w.member("injuryLocations", i.injuryLocations)
            w.member("kinds", i.kinds.map(\.rawValue))
            w.member("location", i.location)
            w.member("medicalCare", i.medicalCare)
            try w.member("occurred", i.occurred) { w, o throws(Unwritable) in try w.occurrence(o) }
            w.member("people", i.people)
            w.member("police", i.police) { w, p in
                w.object { w in
                    w.member("involved", p.involved)
                    w.member("officer", p.officer)
                    w.member("reportNumber", p.reportNumber)
                }
            }
            w.member("quotes", i.quotes)
            w.member("strangulation", i.strangulation) { w, d in w.strangulation(d) }
            w.member("technology", i.technology)
            if let unsure = i.unsureSigns { w.member("unsureSigns", unsure.map(\.rawValue)) }
            w.member("weapons", i.weapons)
            w.member("witnesses", i.witnesses)
        }
    }

    /// Schema 4's strangulation follow-ups, keys sorted.
    private mutating func strangulation(_ d: StrangulationDetails) {
        object { w in
            w.member("couldBreathe", d.couldBreathe)
            w.member("couldSpeak", d.couldSpeak)
            w.member("howLong", d.howLong)
            w.member("lostBladderOrBowelControl", d.lostBladderOrBowelControl)
            w.member("lostConsciousness", d.lostConsciousness)
            w.member("marks", d.marks)
            if let means = d.means { w.member("means", means.map(\.rawValue)) }
            w.member("times", d.times)
            w.member("troubleSwallowing", d.troubleSwallowing)
            w.member("voiceChanged", d.voiceChanged)
        }
    }

    private mutating func planItem(_ p: PlanItem) throws(Unwritable) {
        try object { w throws(Unwritable) in
            w.member("answer", p.answer)
            w.member("answerContact", p.answerContact)
            w.member("category", p.category.rawValue)
            try w.member("doneAt", p.doneAt) { w, d throws(Unwritable) in try w.date(d) }
            try w.member("due", p.due) { w, d throws(Unwritable) in try w.date(d) }
            w.member("hidesPhase", p.hidesPhase?.rawValue)
            w.member("key", p.key)
            w.member("notes", p.notes)
            w.member("phase", p.phase?.rawValue)
            w.member("status", p.status.rawValue)
            w.member("title", p.title)
        }
    }

    private mutating func contact(_ c: Contact) {
        object { w in
            w.member("address", c.address)
            w.member("email", c.email)
            w.member("knows", c.knows)
            w.member("name", c.name)
            w.member("notes", c.notes)
            w.member("phone", c.phone)
            w.member("role", c.role.rawValue)
            w.member("safeContact", c.safeContact)
        }
    }

    private mutating func cycle(_ m: CycleMoment) throws(Unwritable) {
        try object { w throws(Unwritable) in
            w.member("incident", m.incident?.rawValue)
            w.member("kind", m.kind.rawValue)
            try w.member("occurred", m.occurred) { w, o throws(Unwritable) in try w.occurrence(o) }
            w.member("outcome", m.outcome?.rawValue)
            try w.member("outcomeOn", m.outcomeOn) { w, d throws(Unwritable) in try w.date(d) }
            w.member("said", m.said)
        }
    }

    private mutating func checkIn(_ c: BondCheckIn) {
        object { w in
            w.member("note", c.note)
            w.member("replies") { w in
                w.out.append(UInt8(ascii: "["))
                for (index, reply) in c.replies.enumerated() {
                    if index > 0 { w.out.append(UInt8(ascii: ",")) }
                    w.object { w in
                        w.member("answer", reply.answer.rawValue)
                        w.member("sign", reply.sign.rawValue)
                    }
                }
                w.out.append(UInt8(ascii: "]"))
            }
        }
    }

    private mutating func profile(_ p: Profile) {
        object { w in
            w.member("children") { w in
                w.out.append(UInt8(ascii: "["))
                for (index, child) in p.children.enumerated() {
                    if index > 0 { w.out.append(UInt8(ascii: ",")) }
                    w.object { w in
                        w.member("age", child.age)
                        w.member("name", child.name)
                    }
                }
                w.out.append(UInt8(ascii: "]"))
            }
            w.member("firearms", p.firearms) { w, f in
                w.object { w in
                    w.member("answer", f.answer.rawValue)
                    w.member("count", f.count)
                    w.member("kept", f.kept)
                    w.member("kind", f.kind)
                }
            }
            w.member("owner", p.owner)
            w.member("pets", p.pets) { w, pets in
                w.object { w in
                    w.member("harm", pets.harm)
                    w.member("have", pets.have)
                    w.member("who", pets.who)
                }
            }
            w.member("respondent", p.respondent) { w, r in
                w.object { w in
                    w.member("age", r.age)
                    w.member("details", r.details)
                    w.member("name", r.name)
                    w.member("relationship", r.relationship?.rawValue)
                    w.member("relationshipNote", r.relationshipNote)
                }
            }
        }
    }

    private mutating func occurrence(_ o: Occurrence) throws(Unwritable) {
        try object { w throws(Unwritable) in
            w.member("approximate", o.approximate)
            try w.member("end", o.end) { w, d throws(Unwritable) in try w.date(d) }
            w.member("note", o.note)
            try w.member("start") { w throws(Unwritable) in try w.date(o.start) }
        }
    }

    private mutating func attachment(_ a: AttachmentReference) {
        object { w in
            w.member("blob", a.blob)
            w.member("caption", a.caption)
            w.member("fileName", a.fileName)
            w.member("key", a.key)
            w.member("mediaType", a.mediaType)
            w.member("sha256", a.sha256)
            w.member("size") { w in w.decimal(a.size) }
        }
    }

    // MARK: Pieces

    /// `{`, the members `body` writes, `}`.
    private mutating func object<E: Error>(_ body: (inout EntryJSONWriter) throws(E) -> Void) throws(E) {
        out.append(UInt8(ascii: "{"))
        let outer = empty
        empty = true
        try body(&self)
        empty = outer
        out.append(UInt8(ascii: "}"))
    }

    /// A member whose value `value` writes; a comma first unless it is the object's first.
    private mutating func member<E: Error>(_ key: StaticString, _ value: (inout EntryJSONWriter) throws(E) -> Void) throws(E) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        out.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        try value(&self)
    }

    /// A member left out when `value` is nil (`encodeIfPresent`).
    private mutating func member<Value, E: Error>(
        _ key: StaticString, _ value: Value?, _ write: (inout EntryJSONWriter, Value) throws(E) -> Void
    ) throws(E) {
        guard let value else { return }
        try member(key) { w throws(E) in try write(&w, value) }
    }

    private mutating func member(_ key: StaticString, _ value: String?) {
        member(key, value) { w, text in JSONEscapes.appendQuoted(text, to: &w.out) }
    }

    private mutating func member(_ key: StaticString, _ value: Bool?) {
        member(key, value) { w, flag in w.out.append(contentsOf: (flag ? "true" : "false").utf8) }
    }

    /// `true`, `false` or `"notSure"` (`YesNoAnswer`'s own coding).
    private mutating func member(_ key: StaticString, _ value: YesNoAnswer?) {
        member(key, value) { w, answer in
            switch answer {
            case .yes: w.out.append(contentsOf: "true".utf8)
            case .no: w.out.append(contentsOf: "false".utf8)
            case .notSure: JSONEscapes.appendQuoted("notSure", to: &w.out)
            }
        }
    }

    private mutating func member(_ key: StaticString, _ values: [String]) {
        member(key) { w in
            w.out.append(UInt8(ascii: "["))
            for (index, text) in values.enumerated() {
                if index > 0 { w.out.append(UInt8(ascii: ",")) }
                JSONEscapes.appendQuoted(text, to: &w.out)
            }
            w.out.append(UInt8(ascii: "]"))
        }
    }

    private mutating func date(_ date: Date) throws(Unwritable) {
        out.append(UInt8(ascii: "\""))
        guard ISO8601Seconds.append(date, to: &out) else { throw Unwritable() }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func decimal(_ value: UInt64) {
        let start = out.count
        var rest = value
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        out[start...].reverse()
    }
}
