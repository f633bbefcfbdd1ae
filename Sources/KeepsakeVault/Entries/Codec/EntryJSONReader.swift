import Foundation

/// Reads an entry's JSON straight into `Entry`, about ten times faster than `JSONDecoder`,
/// for the entries this version writes.
///
/// It is a strict subset reader: it returns an entry only when it is sure `JSONDecoder`
/// (as `Entry.decoder`) reads the same bytes as an equal entry, and `nil` for anything
/// unusual, which `Entry.decode` then hands to `JSONDecoder` as before (so errors and their
/// wording are unchanged). What it turns down, beyond what `JSONScanner` refuses: unknown,
/// duplicate or missing keys, `null` for a value that is not optional, unknown enum values,
/// ids that are not 16 ASCII hex digits, and a schema above `Entry.currentSchema`.
///
/// Keys, required and optional fields follow the types' synthesized `Codable` exactly: an
/// optional may be absent or `null` (`decodeIfPresent`), everything else must be there,
/// arrays included. `EntryCodecTests` and the `entry` fuzz target check the promise.
enum EntryJSONReader {
    /// The entry in `bytes`, or `nil` when the bytes are for `JSONDecoder` to judge.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry? {
        var scanner = JSONScanner(bytes)
        guard let entry = try? entry(&scanner), (try? scanner.end()) != nil else { return nil }
        return entry
    }

    private static let entryKeys = JSONKeyTable(
        ["schema", "kind", "id", "target", "incident", "planItem", "contact", "attachment", "reason", "cycle", "checkIn", "profile", "journal",
         "boundary", "letter"])

    private static func entry(_ s: inout JSONScanner) throws(JSONUnsupported) -> Entry {
        var schema: Int?, kind: EntryKind?, id: EntryID?
        var entry = Entry(kind: .incident, id: EntryID(unchecked: ""))
        try s.object(entryKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: schema = Int(try s.unsigned(maximum: UInt64(Entry.currentSchema)))
            case 1: kind = try s.word(entryKinds)
            case 2: id = try entryID(&s)
            case 3: entry.target = try s.null() ? nil : entryID(&s)
            case 4: entry.incident = try s.null() ? nil : incident(&s)
            case 5: entry.planItem = try s.null() ? nil : planItem(&s)
            case 6: entry.contact = try s.null() ? nil : contact(&s)
            case 7: entry.attachment = try s.null() ? nil : attachment(&s)
            case 8: entry.reason = try s.null() ? nil : s.string()
            case 9: entry.cycle = try s.null() ? nil : cycle(&s)
            case 10: entry.checkIn = try s.null() ? nil : checkIn(&s)
            case 11: entry.profile = try s.null() ? nil : profile(&s)
            case 12: entry.journal = try s.null() ? nil : journal(&s)
            case 13: entry.boundary = try s.null() ? nil : Boundary(text: textOnly(&s))
            default: entry.letter = try s.null() ? nil : LetterToSelf(text: textOnly(&s))
            }
        }
        guard let schema, let kind, let id else { throw JSONUnsupported() }
        entry.schema = schema
        entry.kind = kind
        entry.id = id
        return entry
    }

    private static let incidentKeys = JSONKeyTable([
        "occurred", "duration", "location", "people", "witnesses", "childrenPresent", "childrenHarmed", "kinds",
        "account", "quotes", "feelings", "injuries", "injuryLocations", "weapons", "highRisk", "medicalCare",
        "police", "technology", "unsureSigns", "strangulation", "arrestMade",
    ])

    private static func incident(_ s: inout JSONScanner) throws(JSONUnsupported) -> Incident {
        var incident = Incident()
        var people: [String]?, witnesses: [String]?, kinds: [HarmKind]?, account: String?, quotes: [String]?
        var injuryLocations: [String]?, highRisk: [HighRiskSign]?
        try s.object(incidentKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: incident.occurred = try s.null() ? nil : occurrence(&s)
            case 1: incident.duration = try s.null() ? nil : s.string()
            case 2: incident.location = try s.null() ? nil : s.string()
            case 3: people = try strings(&s)
            case 4: witnesses = try strings(&s)
            case 5: incident.childrenPresent = try s.null() ? nil : yesNo(&s)
            case 6: incident.childrenHarmed = try s.null() ? nil : s.string()
            case 7: kinds = try s.array { s throws(JSONUnsupported) in try s.word(harmKinds) }
            case 8: account = try s.string()
            case 9: quotes = try strings(&s)
            case 10: incident.feelings = try s.null() ? nil : s.string()
            case 11: incident.injuries = try s.null() ? nil : s.string()
            case 12: injuryLocations = try strings(&s)
            case 13: incident.weapons = try s.null() ? nil : s.string()
            case 14: highRisk = try s.array { s throws(JSONUnsupported) in try s.word(highRiskSigns) }
            case 15: incident.medicalCare = try s.null() ? nil : s.string()
            case 16: incident.police = try s.null() ? nil : police(&s)
            case 17: incident.technology = try s.null() ? nil : s.string()
            case 18:
                incident.unsureSigns = try s.null()
                    ? nil : s.array { s throws(JSONUnsupported) in try s.word(highRiskSigns) }
            case 19: incident.strangulation = try s.null() ? nil : strangulation(&s)
            default: incident.arrestMade = try s.null() ? nil : yesNo(&s)
            }
        }
        guard let people, let witnesses, let kinds, let account, let quotes, let injuryLocations, let highRisk else {
            throw JSONUnsupported()
        }
        (incident.people, incident.witnesses, incident.kinds, incident.account) = (people, witnesses, kinds, account)
        (incident.quotes, incident.injuryLocations, incident.highRisk) = (quotes, injuryLocations, highRisk)
        return incident
    }

    private static let strangulationKeys = JSONKeyTable([
        "howLong", "times", "couldBreathe", "couldSpeak", "lostConsciousness", "voiceChanged", "troubleSwallowing",
        "lostBladderOrBowelControl", "means", "marks",
    ])

    /// An incident's strangulation follow-ups (schema 4); every member optional.
    private static func strangulation(_ s: inout JSONScanner) throws(JSONUnsupported) -> StrangulationDetails {
        var d = StrangulationDetails()
        try s.object(strangulationKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: d.howLong = try s.null() ? nil : s.string()
            case 1: d.times = try s.null() ? nil : s.string()
            case 2: d.couldBreathe = try s.null() ? nil : yesNo(&s)
            case 3: d.couldSpeak = try s.null() ? nil : yesNo(&s)
            case 4: d.lostConsciousness = try s.null() ? nil : yesNo(&s)
            case 5: d.voiceChanged = try s.null() ? nil : yesNo(&s)
            case 6: d.troubleSwallowing = try s.null() ? nil : yesNo(&s)
            case 7: d.lostBladderOrBowelControl = try s.null() ? nil : yesNo(&s)
            case 8: d.means = try s.null() ? nil : s.array { s throws(JSONUnsupported) in try s.word(strangulationMeans) }
            default: d.marks = try s.null() ? nil : s.string()
            }
        }
        return d
    }

    private static let occurrenceKeys = JSONKeyTable(["start", "end", "approximate", "note"])

    private static func occurrence(_ s: inout JSONScanner) throws(JSONUnsupported) -> Occurrence {
        var start: Date?, end: Date?, approximate: Bool?, note: String?
        try s.object(occurrenceKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: start = try date(&s)
            case 1: end = try s.null() ? nil : date(&s)
            case 2: approximate = try s.bool()
            default: note = try s.null() ? nil : s.string()
            }
        }
        guard let start, let approximate else { throw JSONUnsupported() }
        return Occurrence(start: start, end: end, approximate: approximate, note: note)
    }

    private static let cycleKeys = JSONKeyTable(["kind", "said", "occurred", "incident", "outcome", "outcomeOn"])

    private static func cycle(_ s: inout JSONScanner) throws(JSONUnsupported) -> CycleMoment {
        var kind: CycleMoment.Kind?, said: String?
        var moment = CycleMoment(kind: .goodDay)
        try s.object(cycleKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: kind = try s.word(cycleKinds)
            case 1: said = try s.string()
            case 2: moment.occurred = try s.null() ? nil : occurrence(&s)
            case 3: moment.incident = try s.null() ? nil : entryID(&s)
            case 4: moment.outcome = try s.null() ? nil : s.word(cycleOutcomes)
            default: moment.outcomeOn = try s.null() ? nil : date(&s)
            }
        }
        guard let kind, let said else { throw JSONUnsupported() }
        (moment.kind, moment.said) = (kind, said)
        return moment
    }

    private static let checkInKeys = JSONKeyTable(["replies", "note"])
    private static let replyKeys = JSONKeyTable(["sign", "answer"])

    private static func checkIn(_ s: inout JSONScanner) throws(JSONUnsupported) -> BondCheckIn {
        var replies: [BondCheckIn.Reply]?, note: String?
        try s.object(checkInKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0:
                replies = try s.array { s throws(JSONUnsupported) in
                    var sign: BondCheckIn.Sign?, answer: BondCheckIn.Answer?
                    try s.object(replyKeys) { s, key throws(JSONUnsupported) in
                        switch key {
                        case 0: sign = try s.word(bondSigns)
                        default: answer = try s.word(bondAnswers)
                        }
                    }
                    guard let sign, let answer else { throw JSONUnsupported() }
                    return BondCheckIn.Reply(sign: sign, answer: answer)
                }
            default: note = try s.null() ? nil : s.string()
            }
        }
        guard let replies else { throw JSONUnsupported() }
        return BondCheckIn(replies: replies, note: note)
    }

    private static let profileKeys = JSONKeyTable(["owner", "respondent", "children", "firearms", "pets"])
    private static let respondentKeys = JSONKeyTable(["name", "relationship", "relationshipNote", "age", "details"])
    private static let childKeys = JSONKeyTable(["name", "age"])
    private static let firearmsKeys = JSONKeyTable(["answer", "kind", "count", "kept"])
    private static let petsKeys = JSONKeyTable(["have", "who", "harm"])

    private static func profile(_ s: inout JSONScanner) throws(JSONUnsupported) -> Profile {
        var profile = Profile()
        var children: [Child]?
        try s.object(profileKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: profile.owner = try s.null() ? nil : s.string()
            case 1: profile.respondent = try s.null() ? nil : respondent(&s)
            case 2:
                children = try s.array { s throws(JSONUnsupported) in
                    var name: String?, age: String?
                    try s.object(childKeys) { s, key throws(JSONUnsupported) in
                        switch key {
                        case 0: name = try s.string()
                        default: age = try s.null() ? nil : s.string()
                        }
                    }
                    guard let name else { throw JSONUnsupported() }
                    return Child(name: name, age: age)
                }
            case 3: profile.firearms = try s.null() ? nil : firearms(&s)
            default: profile.pets = try s.null() ? nil : pets(&s)
            }
        }
        guard let children else { throw JSONUnsupported() }
        profile.children = children
        return profile
    }

    private static func respondent(_ s: inout JSONScanner) throws(JSONUnsupported) -> Respondent {
        var respondent = Respondent()
        if s.emptyObject() { return respondent }
        try s.object(respondentKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: respondent.name = try s.null() ? nil : s.string()
            case 1: respondent.relationship = try s.null() ? nil : s.word(relationships)
            case 2: respondent.relationshipNote = try s.null() ? nil : s.string()
            case 3: respondent.age = try s.null() ? nil : s.string()
            default: respondent.details = try s.null() ? nil : s.string()
            }
        }
        return respondent
    }

    private static func firearms(_ s: inout JSONScanner) throws(JSONUnsupported) -> Firearms {
        var answer: Firearms.Answer?, kind: String?, count: String?, kept: String?
        try s.object(firearmsKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: answer = try s.word(firearmsAnswers)
            case 1: kind = try s.null() ? nil : s.string()
            case 2: count = try s.null() ? nil : s.string()
            default: kept = try s.null() ? nil : s.string()
            }
        }
        guard let answer else { throw JSONUnsupported() }
        return Firearms(answer: answer, kind: kind, count: count, kept: kept)
    }

    private static func pets(_ s: inout JSONScanner) throws(JSONUnsupported) -> Pets {
        var pets = Pets()
        if s.emptyObject() { return pets }
        try s.object(petsKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: pets.have = try s.null() ? nil : s.bool()
            case 1: pets.who = try s.null() ? nil : s.string()
            default: pets.harm = try s.null() ? nil : s.string()
            }
        }
        return pets
    }

    private static let journalKeys = JSONKeyTable(["text", "tags"])

    private static func journal(_ s: inout JSONScanner) throws(JSONUnsupported) -> JournalEntry {
        var text: String?, tags: [String]?
        try s.object(journalKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: text = try s.string()
            default: tags = try strings(&s)
            }
        }
        guard let text, let tags else { throw JSONUnsupported() }
        // Set as read (not tidied again), as `JSONDecoder` does.
        var entry = JournalEntry(text: text)
        entry.tags = tags
        return entry
    }

    private static let textKeys = JSONKeyTable(["text"])

    /// `{"text": …}`, the shape of a boundary and of a letter (schema 4).
    private static func textOnly(_ s: inout JSONScanner) throws(JSONUnsupported) -> String {
        var text: String?
        try s.object(textKeys) { s, _ throws(JSONUnsupported) in text = try s.string() }
        guard let text else { throw JSONUnsupported() }
        return text
    }

    private static let notSure = JSONWords([YesNoAnswer.notSure])

    /// `true`, `false`, or `"notSure"` (`YesNoAnswer`'s own coding).
    private static func yesNo(_ s: inout JSONScanner) throws(JSONUnsupported) -> YesNoAnswer {
        var probe = s
        if let value = try? probe.bool() {
            s = probe
            return YesNoAnswer(value)
        }
        return try s.word(notSure)
    }

    private static let policeKeys = JSONKeyTable(["involved", "officer", "reportNumber"])

    private static func police(_ s: inout JSONScanner) throws(JSONUnsupported) -> PoliceReport {
        var involved: Bool?, officer: String?, reportNumber: String?
        try s.object(policeKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: involved = try s.bool()
            case 1: officer = try s.null() ? nil : s.string()
            default: reportNumber = try s.null() ? nil : s.string()
            }
        }
        guard let involved else { throw JSONUnsupported() }
        return PoliceReport(involved: involved, officer: officer, reportNumber: reportNumber)
    }

    private static let planItemKeys = JSONKeyTable([
        "category", "title", "notes", "status", "due", "doneAt", "phase", "key", "answer", "answerContact", "hidesPhase",
    ])

    private static func planItem(_ s: inout JSONScanner) throws(JSONUnsupported) -> PlanItem {
        var category: PlanCategory?, title: String?, notes: String?, status: PlanItem.Status?, due: Date?, doneAt: Date?
        var phase: PlanPhase?, stepKey: String?, answer: String?, answerContact: String?, hidesPhase: PlanPhase?
        try s.object(planItemKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: category = try s.word(planCategories)
            case 1: title = try s.string()
            case 2: notes = try s.null() ? nil : s.string()
            case 3: status = try s.word(planStatuses)
            case 4: due = try s.null() ? nil : date(&s)
            case 5: doneAt = try s.null() ? nil : date(&s)
            case 6: phase = try s.null() ? nil : s.word(planPhases)
            case 7: stepKey = try s.null() ? nil : s.string()
            case 8: answer = try s.null() ? nil : s.string()
            case 9: answerContact = try s.null() ? nil : s.string()
            default: hidesPhase = try s.null() ? nil : s.word(planPhases)
            }
        }
        guard let category, let title, let status else { throw JSONUnsupported() }
        return PlanItem(
            category: category, title: title, notes: notes, status: status, due: due, doneAt: doneAt, phase: phase,
            key: stepKey, answer: answer, answerContact: answerContact, hidesPhase: hidesPhase)
    }

    private static let contactKeys = JSONKeyTable(["name", "role", "phone", "email", "address", "notes", "safeContact", "knows"])

    private static func contact(_ s: inout JSONScanner) throws(JSONUnsupported) -> Contact {
        var name: String?, role: Contact.Role?
        var contact = Contact(name: "", role: .other)
        try s.object(contactKeys) { s, key throws(JSONUnsupported) in
            switch key {
            case 0: name = try s.string()
            case 1: role = try s.word(contactRoles)
            case 2: contact.phone = try s.null() ? nil : s.string()
            case 3: contact.email = try s.null() ? nil : s.string()
            case 4: contact.address = try s.null() ? nil : s.string()
            case 5: contact.notes = try s.null() ? nil : s.string()
            case 6: contact.safeContact = try s.null() ? nil : s.string()
            default: contact.knows = try s.null() ? nil : s.bool()
            }
        }
        guard let name, let role else { throw JSONUnsupported() }
        (contact.name, contact.role) = (name, role)
        return contact
    }

    private static let attachmentKeys = JSONKeyTable(
        ["blob", "key", "sha256", "size", "mediaType", "fileName", "caption"])

    private static func attachment(_ s: inout JSONScanner) throws(JSONUnsupported) -> AttachmentReference {
        var blob: String?, key: String?, sha256: String?, size: UInt64?, mediaType: String?, fileName: String?
        var caption: String?
        try s.object(attachmentKeys) { s, member throws(JSONUnsupported) in
            switch member {
            case 0: blob = try s.string()
            case 1: key = try s.string()
            case 2: sha256 = try s.string()
            case 3: size = try s.unsigned(maximum: .max)
            case 4: mediaType = try s.string()
            case 5: fileName = try s.string()
            default: caption = try s.null() ? nil : s.string()
            }
        }
        guard let blob, let key, let sha256, let size, let mediaType, let fileName else { throw JSONUnsupported() }
        return AttachmentReference(
            blob: blob, key: key, sha256: sha256, size: size, mediaType: mediaType, fileName: fileName, caption: caption)
    }

    // MARK: Values

    private static func strings(_ s: inout JSONScanner) throws(JSONUnsupported) -> [String] {
        try s.array { s throws(JSONUnsupported) in try s.string() }
    }

    // The enums' values, read without making a string. A value missing here (a new case) is
    // read by `JSONDecoder` instead: `word` throws for any spelling it does not know.
    private static let entryKinds = JSONWords<EntryKind>(
        [.incident, .planItem, .contact, .attachment, .revision, .retraction, .draft, .cycle, .checkIn, .profile, .journal,
         .boundary, .letter])
    private static let bondSigns = JSONWords(BondCheckIn.Sign.allCases)
    private static let bondAnswers = JSONWords(BondCheckIn.Answer.allCases)
    private static let cycleKinds = JSONWords(CycleMoment.Kind.allCases)
    private static let cycleOutcomes = JSONWords(CycleMoment.Outcome.allCases)
    private static let harmKinds = JSONWords(HarmKind.allCases)
    private static let highRiskSigns = JSONWords(HighRiskSign.allCases)
    private static let strangulationMeans = JSONWords(StrangulationMeans.allCases)
    private static let planCategories = JSONWords(PlanCategory.allCases)
    private static let planPhases = JSONWords(PlanPhase.allCases)
    private static let planStatuses = JSONWords<PlanItem.Status>([.open, .done])
    private static let contactRoles = JSONWords(Contact.Role.allCases)
    private static let relationships = JSONWords(Respondent.Relationship.allCases)
    private static let firearmsAnswers = JSONWords(Firearms.Answer.allCases)

    /// An id of 16 ASCII hex digits, lower-cased as `EntryID.init(_:)` does.
    private static func entryID(_ s: inout JSONScanner) throws(JSONUnsupported) -> EntryID {
        try s.fixedString(count: 16) { text in
            let isHex = text.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20)
            }
            guard isHex else { return nil }
            // Lower-cased while copied: one string made per id (setting 0x20 leaves digits be).
            return EntryID(
                unchecked: String(unsafeUninitializedCapacity: text.count) { lower in
                    for (index, byte) in text.enumerated() { lower[index] = byte | 0x20 }
                    return text.count
                })
        }
    }

    private static func date(_ s: inout JSONScanner) throws(JSONUnsupported) -> Date {
        try s.fixedString(count: ISO8601Seconds.length, ISO8601Seconds.parse)
    }
}
