import Foundation

extension CyclePattern {
    /// The pattern in plain sentences, one a paragraph, each saying what the record shows
    /// and nothing about the owner.
    public func sentences(timeZone: TimeZone) -> [String] {
        var out: [String] = []
        let counts = [
            Self.counted(incidents.count, "incident"), Self.counted(count(.apology), "apology", "apologies"),
            Self.counted(count(.promise), "promise"), Self.counted(count(.goodDay), "good day"),
        ]
        out.append("You wrote down " + Self.list(counts) + ".")
        let ended = calms.filter { !$0.ongoing }
        if ended.isEmpty {
            if count(.apology) > 0 { out.append("No incident is written down after an apology yet.") }
        } else {
            let shown = ended.suffix(8).map { "\($0.days)" }
            let whose = ended.count > 8 ? "the last 8 apologies" : "an apology"
            out.append(
                "The calm after \(whose), before the next incident, lasted " + Self.list(shown)
                    + (shown == ["1"] ? " day." : " days."))
        }
        if let direction, let earlierAverage, let laterAverage {
            let (a, b) = (Self.days(earlierAverage), Self.days(laterAverage))
            switch direction {
            case .shorter:
                out.append("The calm is getting shorter: the earlier ones lasted \(a) on average, the later ones \(b).")
            case .longer:
                out.append("The calm is getting longer: the earlier ones lasted \(a) on average, the later ones \(b).")
            case .same:
                out.append("The calm lasts about as long as before: \(a) on average earlier, \(b) later.")
            }
        } else if !ended.isEmpty {
            out.append("It takes \(Self.calmsForDirection) of them to say whether the calm is getting shorter.")
        }
        if let last = calms.last, last.ongoing {
            out.append(
                "Since the last apology, on \(Self.day(last.apology, timeZone)), no incident is written down: "
                    + Self.counted(last.days, "day") + " so far.")
        }
        if promises > 0 {
            let open = promises - kept - broken
            out.append(
                "Promises: " + Self.counted(promises, "promise") + " made; " + "\(kept) kept, \(broken) broken"
                    + (open > 0 ? ", \(open) not known yet." : "."))
        }
        if decided > 0 {
            out.append(
                "Of " + Self.counted(decided, "apology", "apologies") + " old enough to tell, \(followed) "
                    + (followed == 1 ? "was" : "were") + " followed by another incident within \(Self.window) days.")
        }
        if tooRecent > 0 {
            out.append(
                Self.counted(tooRecent, "apology", "apologies") + (tooRecent == 1 ? " is" : " are")
                    + " less than \(Self.window) days old, too recent to tell.")
        }
        return out
    }

    /// Incidents and apologies/promises per month, from the first month to this one, as two
    /// bars: `#` an incident, `+` an apology or a promise. Good days are not drawn.
    public func chart(width: Int, timeZone: TimeZone) -> [String] {
        let calendar = LocalCalendar(timeZone: timeZone)
        let dates = incidents + moments.filter { $0.kind != .goodDay }.map(\.date)
        guard let first = dates.min() else { return [] }
        func month(_ date: Date) -> Int { let d = calendar.day(of: date); return d.year * 12 + d.month - 1 }
        let (start, end) = (month(first), max(month(now), month(dates.max()!)))
        var harm = [Int](repeating: 0, count: end - start + 1), kind = harm
        for date in incidents { harm[month(date) - start] += 1 }
        for moment in moments where moment.kind != .goodDay { kind[month(moment.date) - start] += 1 }
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let bar = max(4, (width - 10 - 2 * 5) / 2)
        let most = max(1, harm.max()!, kind.max()!)
        func cell(_ count: Int, _ mark: Character) -> String {
            let length = count == 0 ? 0 : max(1, count * bar / most)
            let text = String(repeating: mark, count: length) + " " + (count == 0 ? "" : "\(count)")
            return text.padding(toLength: bar + 4, withPad: " ", startingAt: 0)
        }
        var lines = ["          " + "Incidents".padding(toLength: bar + 5, withPad: " ", startingAt: 0) + "Apologies, promises"]
        for offset in harm.indices {
            let label = names[(start + offset) % 12] + " " + String((start + offset) / 12)
            lines.append((label + "  " + cell(harm[offset], "#") + " " + cell(kind[offset], "+")).trimmingTrailingSpaces)
        }
        return lines
    }

    static func counted(_ count: Int, _ one: String, _ many: String? = nil) -> String {
        "\(count) " + (count == 1 ? one : many ?? one + "s")
    }

    static func list(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }

    static func days(_ value: Double) -> String {
        let rounded = value.rounded()
        return rounded == 1 ? "1 day" : "\(Int(rounded)) days"
    }

    static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE d MMM yyyy"
        return formatter.string(from: date)
    }
}

extension String {
    /// The string without spaces at its end.
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
