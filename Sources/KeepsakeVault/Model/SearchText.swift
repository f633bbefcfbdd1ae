/// The text of an item that `search` looks in: every field a person wrote.
enum SearchText {
    static func of(_ item: Item) -> String {
        var parts: [String] = []
        switch item.current {
        case let .incident(i):
            parts += [i.account, i.location, i.duration, i.feelings, i.injuries, i.weapons, i.medicalCare,
                      i.technology, i.childrenHarmed, i.occurred?.note, i.police?.officer,
                      i.police?.reportNumber].compactMap { $0 }
            parts += i.people + i.witnesses + i.quotes + i.injuryLocations
            parts += [i.strangulation?.howLong, i.strangulation?.times, i.strangulation?.marks].compactMap { $0 }
        case let .planItem(p):
            parts += [p.title, p.notes, p.answer, PlanTemplate.phase(of: p).label].compactMap { $0 }
        case let .contact(c):
            parts += [c.name, c.phone, c.email, c.address, c.notes, c.safeContact, c.role.rawValue].compactMap { $0 }
        case let .cycle(m):
            parts += [m.said, m.occurred?.note].compactMap { $0 }
        case let .profile(p):
            parts += p.searchableText
        case let .journal(j):
            parts += [j.text] + j.tags
        case let .boundary(b):
            parts.append(b.text)
        case let .letter(l):
            parts.append(l.text)
        }
        parts += item.visibleAttachments.flatMap { [$0.reference.fileName, $0.reference.caption].compactMap { $0 } }
        return parts.joined(separator: "\n")
    }
}
