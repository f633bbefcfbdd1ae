import Foundation
import KeepsakeStore
import KeepsakeVault

/// What the owner chose to put in a bundle.
public struct BundleFilters: Sendable, Equatable, Codable {
    /// Only incidents that happened on or after this moment.
    public var since: Date?
    /// Only incidents that happened before this moment.
    public var until: Date?
    /// Only incidents with one of these kinds of harm (empty: all).
    public var kinds: [HarmKind]
    /// Only these items (empty: all that match the other filters).
    public var ids: [EntryID]
    /// Whether attached files go in (their hashes and names are listed either way).
    public var includeAttachments: Bool
    /// Whether earlier versions of amended entries go in.
    public var includeHistory: Bool
    /// Whether the safety plan goes in.
    public var includePlan: Bool
    /// Whether the contacts go in.
    public var includeContacts: Bool
    /// The court's case number, printed on the report's first page and in its page footer
    /// (report layout 4; absent when not given).
    public var caseNumber: String?
    /// Incidents oldest first in the report instead of most recent first (report layout 4;
    /// absent means most recent first).
    public var oldestFirst: Bool?
    /// Whether plan steps holding the owner's own answers go in (a code word, a safe address):
    /// only when the owner confirmed it (`--include-plan-answers`). Absent (nil) means no, so
    /// the manifest of a bundle without them is unchanged.
    public var includePlanAnswers: Bool?
    /// Whether good days, apologies and promises go in (`--include-cycle`): `true`, or absent
    /// (so a manifest without them is byte for byte what earlier versions wrote).
    public var includeCycle: Bool?
    /// Whether the owner's profile goes in (the parties, children, firearms, pets:
    /// `--include-profile`): `true`, or absent (so a manifest without it is unchanged).
    public var includeProfile: Bool?
    /// Whether retracted incidents' content goes in (`--history`, report layout 5): `true`,
    /// or absent. Without it a retracted incident is listed with its date and reason only.
    public var includeRetractedContent: Bool?
    /// Whether journal entries go in (`--include-journal`): `true`, or absent (so a manifest
    /// without them is byte for byte what earlier versions wrote). Report layout 5.
    public var includeJournal: Bool?
    /// Whether the owner's boundaries go in (`--include-boundaries`, report layout 5): `true`,
    /// or absent (so a manifest without them is byte for byte what earlier versions wrote).
    /// Letters to oneself have no such flag: they never go in.
    public var includeBoundaries: Bool?

    /// Everything about incidents, attachments included, no history, no plan, no contacts.
    public init(
        since: Date? = nil, until: Date? = nil, kinds: [HarmKind] = [], ids: [EntryID] = [],
        includeAttachments: Bool = true, includeHistory: Bool = false, includePlan: Bool = false,
        includeContacts: Bool = false, caseNumber: String? = nil, oldestFirst: Bool? = nil,
        includeCycle: Bool = false
    ) {
        self.since = since
        self.until = until
        self.kinds = kinds
        self.ids = ids
        self.includeAttachments = includeAttachments
        self.includeHistory = includeHistory
        self.includePlan = includePlan
        self.includeContacts = includeContacts
        self.caseNumber = caseNumber
        self.oldestFirst = oldestFirst
        self.includeCycle = includeCycle ? true : nil
    }
}

/// The items a bundle discloses and the log records that prove them.
struct BundleSelection {
    /// Incidents in the order they happened, then plan steps, then contacts.
    var incidents: [Item]
    var planSteps: [Item]
    var contacts: [Item]
    /// Good days, apologies and promises, by when they happened (only with `includeCycle`;
    /// never incidents: the report shows them in their own section, report layout 4).
    var moments: [Item] = []
    /// The owner's profile (the parties, children, firearms, pets), only with
    /// `includeProfile`; shown on the report's first page and in its summary (layout 5).
    var profile: Item?
    /// Journal entries, oldest first (only with `includeJournal`; never incidents: the
    /// report shows them in their own section, report layout 5).
    var journal: [Item] = []
    /// The owner's boundaries, oldest first (only with `includeBoundaries`; their own report
    /// section, layout 5).
    var boundaries: [Item] = []
    /// The records disclosed (versions shown, attachment entries), in log order.
    var records: [LogRecord]
    /// Attachments of the selected items that were not retracted.
    var attachments: [(owner: Item, file: AttachedFile)]
    /// Items whose first version is not among the records (amended, exported without history).
    var partialHistory: Set<EntryID> = []
    /// Incidents the owner retracted, listed (when, why) without their content: their
    /// retraction records are disclosed, never the incident's versions.
    var retracted: [RetractedEntry] = []
    /// Plan steps left out because a version that would go in holds an answer and the owner
    /// did not confirm sharing answers.
    var withheldAnswered = 0

    init(vault: Vault, filters: BundleFilters) {
        let wanted = Set(filters.ids)
        func chosen(_ item: Item) -> Bool { wanted.isEmpty || wanted.contains(item.id) }
        func matches(_ item: Item) -> Bool {
            guard chosen(item), let incident = item.current.incident else { return false }
            let when = incident.occurred?.start ?? item.createdAt
            if let since = filters.since, when < since { return false }
            if let until = filters.until, when >= until { return false }
            if !filters.kinds.isEmpty && Set(incident.kinds).isDisjoint(with: filters.kinds) { return false }
            return true
        }
        incidents = vault.current(.incident).filter(matches)
        retracted = vault.items.values.filter { $0.current.entryKind == .incident && matches($0) }.compactMap { item in
            item.retraction.map { RetractedEntry(target: item.id, at: $0.at, reason: $0.reason, seq: $0.seq) }
        }.sorted { $0.seq < $1.seq }
        planSteps = filters.includePlan ? vault.current(.planItem).filter(chosen) : []
        contacts = filters.includeContacts ? vault.current(.contact).filter(chosen) : []
        // An id given explicitly brings its plan step or contact even without the flags.
        if !wanted.isEmpty {
            if !filters.includePlan { planSteps = vault.current(.planItem).filter { wanted.contains($0.id) } }
            if !filters.includeContacts { contacts = vault.current(.contact).filter { wanted.contains($0.id) } }
        }
        if filters.includePlanAnswers != true {
            let kept = planSteps.filter { item in
                let versions = filters.includeHistory ? item.versions : [item.versions[item.versions.count - 1]]
                return !versions.contains { $0.content.planItem?.isAnswered == true }
            }
            withheldAnswered = planSteps.count - kept.count
            planSteps = kept
        }
        if filters.includeCycle == true { moments = vault.current(.cycle).filter(chosen) }
        if filters.includeProfile == true { profile = vault.profile }
        if filters.includeJournal == true { journal = vault.current(.journal).filter(chosen) }
        if filters.includeBoundaries == true { boundaries = vault.current(.boundary).filter(chosen) }
        let items = incidents + planSteps + contacts
        attachments = items.flatMap { item in item.visibleAttachments.map { (owner: item, file: $0) } }
        var seqs = Set<UInt64>()
        for item in items + moments + (profile.map { [$0] } ?? []) + journal + boundaries {
            let versions = filters.includeHistory ? item.versions : [item.versions[item.versions.count - 1]]
            for version in versions { seqs.insert(version.seq) }
        }
        for (_, file) in attachments { seqs.insert(file.seq) }
        for entry in retracted where entry.seq > 0 { seqs.insert(entry.seq) }
        if filters.includeRetractedContent == true {
            // The retracted incidents' versions (never their files); the disclosed
            // retraction record after them marks each as retracted.
            for entry in retracted {
                guard let item = vault.items[entry.target] else { continue }
                let versions = filters.includeHistory ? item.versions : [item.versions[item.versions.count - 1]]
                for version in versions { seqs.insert(version.seq) }
            }
        }
        let bySeq = Dictionary(vault.store.records.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        records = seqs.sorted().compactMap { bySeq[$0] }
    }

    var isEmpty: Bool { incidents.isEmpty && planSteps.isEmpty && contacts.isEmpty }
}

/// A retracted incident as a bundle lists it: which, when it was retracted and why, and
/// (report layout 5, only when the owner chose `--history`) what it said.
struct RetractedEntry: Equatable {
    var target: EntryID
    var at: Date
    var reason: String?
    var seq: UInt64
    /// The retracted incident with its disclosed versions; nil when its content is not in
    /// the bundle.
    var item: Item? = nil
}
