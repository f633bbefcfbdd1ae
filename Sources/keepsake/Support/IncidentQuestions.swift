import Foundation
import KeepsakeVault

/// The guided questions of an incident, in order: `log` asks them all, the review before
/// saving shows them numbered, and `amend` asks them with what was saved.
enum IncidentQuestions {
    /// The questions, in the order they are asked.
    static let all: [Question<Incident>] = [
        Question(title: "When") { p, i throws(QuestionStop) in
            i.occurred = try p.when(current: i.occurred)
        } shown: { i in i.occurred.map { [HumanDate.format($0, timeZone: .current)] } ?? [] },
        Question(title: "How long") { p, i throws(QuestionStop) in
            i.duration = try p.text("How long did it last?", hint: "for example: about 20 minutes", current: i.duration)
        } shown: { i in i.duration.map { [$0] } ?? [] },
        Question(title: "Where") { p, i throws(QuestionStop) in
            i.location = try p.text("Where did it happen?", hint: "the place, and the room", current: i.location)
        } shown: { i in i.location.map { [$0] } ?? [] },
        Question(title: "What happened") { p, i throws(QuestionStop) in
            i.account = try p.long("What happened, in your own words?", current: i.account.isEmpty ? nil : i.account) ?? ""
        } shown: { i in i.account.isEmpty ? [] : i.account.components(separatedBy: "\n") },
        Question(title: "Exact words") { p, i throws(QuestionStop) in
            i.quotes = try p.list("What exact words were said, if you remember them? One quote per line.", current: i.quotes)
        } shown: { i in i.quotes.map { "“\($0)”" } },
        Question(title: "Kinds of harm") { p, i throws(QuestionStop) in
            i.kinds = try p.choices(
                "What kinds of harm?", HarmKind.allCases, name: \.rawValue, label: \.label, current: i.kinds)
        } shown: { i in i.kinds.isEmpty ? [] : [i.kinds.map(\.label).joined(separator: "; ")] },
        Question(title: "How you felt") { p, i throws(QuestionStop) in
            i.feelings = try p.text("How did you feel?", hint: "for example: afraid, shaking", current: i.feelings)
        } shown: { i in i.feelings.map { [$0] } ?? [] },
        Question(title: "Who else was there") { p, i throws(QuestionStop) in
            i.people = try p.list("Who else was there? One person per line.", current: i.people)
        } shown: { i in i.people },
        Question(title: "Who saw or heard it") { p, i throws(QuestionStop) in
            i.witnesses = try p.list("Who saw or heard it? One person per line.", current: i.witnesses)
        } shown: { i in i.witnesses },
        Question(title: "Children") { p, i throws(QuestionStop) in
            i.childrenPresent = try p.yesNo("Were children there?", current: i.childrenPresent)
            if i.childrenPresent == .yes || i.childrenPresent == .notSure || i.childrenHarmed != nil {
                i.childrenHarmed = try p.text(
                    "How were the children hurt or threatened, if they were?", hint: "Enter if they weren't",
                    current: i.childrenHarmed, wantsWords: true)
            }
        } shown: { i in
            (i.childrenPresent.map { ["present: \($0.label)"] } ?? []) + (i.childrenHarmed.map { ["harm: \($0)"] } ?? [])
        },
        Question(title: "Injuries") { p, i throws(QuestionStop) in
            i.injuries = try p.text(
                "What injuries did you have, if any?", hint: "in words; Enter if none", current: i.injuries,
                wantsWords: true)
            if i.injuries != nil || !i.injuryLocations.isEmpty {
                i.injuryLocations = try p.list("Where on your body? One place per line.", current: i.injuryLocations)
            }
        } shown: { i in (i.injuries.map { [$0] } ?? []) + i.injuryLocations.map { "on: \($0)" } },
        Question(title: "Weapons or objects") { p, i throws(QuestionStop) in
            i.weapons = try p.text(
                "What weapon or object was used, if any?", hint: "for example: a kitchen knife; Enter if none",
                current: i.weapons, wantsWords: true)
        } shown: { i in i.weapons.map { [$0] } ?? [] },
        Question(title: "Signs of serious danger") { p, i throws(QuestionStop) in
            for (sign, question) in HighRiskQuestions.questions {
                let saved: YesNoAnswer? =
                    i.highRisk.contains(sign) ? .yes : (i.unsureSigns ?? []).contains(sign) ? .notSure : nil
                let answer = try p.yesNo(question, current: saved)
                i.highRisk.removeAll { $0 == sign }
                var unsure = i.unsureSigns ?? []
                unsure.removeAll { $0 == sign }
                if answer == .yes { i.highRisk.append(sign) }
                if answer == .notSure { unsure.append(sign) }
                i.unsureSigns = unsure.isEmpty ? nil : unsure
            }
        } shown: { i in i.highRisk.map(\.label) + (i.unsureSigns ?? []).map { "not sure: \($0.label)" } },
        StrangulationQuestions.question,
        Question(title: "Medical care") { p, i throws(QuestionStop) in
            i.medicalCare = try p.text(
                "What medical care did you get, if any?", hint: "for example: walk-in clinic; Enter if none",
                current: i.medicalCare, wantsWords: true)
        } shown: { i in i.medicalCare.map { [$0] } ?? [] },
        Question(title: "Police") { p, i throws(QuestionStop) in
            let involved = try p.yesNo(
                "Were the police called, or did they come?", current: i.police.map { YesNoAnswer($0.involved) })
            switch involved {
            case .yes:
                var report = i.police ?? PoliceReport(involved: true)
                report.involved = true
                report.officer = try p.text("What was the officer's name or number?", current: report.officer)
                report.reportNumber = try p.text("What was the report or case number?", current: report.reportNumber)
                i.police = report
            case .no: i.police = PoliceReport(involved: false)
            case .notSure, nil: i.police = nil
            }
            if involved == .yes || involved == .notSure || i.arrestMade != nil {
                i.arrestMade = try p.yesNo("Was anyone arrested?", current: i.arrestMade)
            }
        } shown: { i in
            let arrest = i.arrestMade.map { ["arrest made: \($0.label)"] } ?? []
            guard let police = i.police else { return arrest }
            guard police.involved else { return ["not involved"] + arrest }
            return ["involved"] + (police.officer.map { ["officer: \($0)"] } ?? [])
                + (police.reportNumber.map { ["report: \($0)"] } ?? []) + arrest
        },
        Question(title: "Technology") { p, i throws(QuestionStop) in
            i.technology = try p.text(
                "What technology was involved, if any?", hint: "messages, tracking, accounts; Enter if none",
                current: i.technology, wantsWords: true)
        } shown: { i in i.technology.map { [$0] } ?? [] },
    ]
}

/// The yes/no questions of the high-risk signs, in the order asked.
enum HighRiskQuestions {
    static let questions: [(HighRiskSign, String)] = [
        (.strangulation, "Were you choked or strangled, even for a moment?"),
        (.weapon, "Was a weapon used or shown?"),
        (.threatToKill, "Did they threaten to kill you or someone else?"),
        (.suicideThreat, "Did they threaten to kill themselves?"),
        (.forcedSex, "Were you forced into sex or a sexual act?"),
        (.gunAccess, "Do they own a gun, or could they get one?"),
        (.recentSeparation, "Have you recently separated, or tried to leave?"),
    ]
}

extension Prompter {
    /// "When did it happen?", asked again until the answer is understood (or skipped).
    func when(current: Occurrence?) throws(QuestionStop) -> Occurrence? {
        while true {
            guard let answer = try text(
                "When did it happen?", hint: "for example: today 21:30, yesterday evening, early November",
                current: current.map { HumanDate.format($0, timeZone: .current) })
            else { return nil }
            if let current, answer == HumanDate.format(current, timeZone: .current) { return current }
            do { return try parseWhen(answer) } catch { note("\(error)") }
        }
    }
}
