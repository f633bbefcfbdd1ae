import Foundation
import KeepsakeVault

/// The follow-up questions on choking or strangulation, asked (and shown for review) only
/// when that sign is answered yes or not sure, or when follow-ups are already saved (so
/// `amend` never drops them unseen). Every one can be skipped; yes/no ones take not sure.
enum StrangulationQuestions {
    /// Whether the follow-ups are asked for this incident.
    static func apply(to incident: Incident) -> Bool {
        incident.highRisk.contains(.strangulation) || (incident.unsureSigns ?? []).contains(.strangulation)
            || incident.strangulation != nil
    }

    /// The question as the incident's list holds it.
    static let question = Question<Incident>(
        title: "Choking or strangulation",
        ask: { p, i throws(QuestionStop) in
            var d = i.strangulation ?? StrangulationDetails()
            p.note("A few questions about the choking, because its signs are often hidden and fade. Press Enter to skip any of them.")
            d.howLong = try p.words(
                "How long did the choking last?", hint: "for example: about 10 seconds, a minute; or don't know", current: d.howLong)
            d.times = try p.words(
                "How many times were you choked or strangled?", hint: "for example: once, 3, or don't know", current: d.times)
            d.couldBreathe = try p.yesNo("Could you breathe while it was happening?", current: d.couldBreathe)
            d.couldSpeak = try p.yesNo("Could you speak while it was happening?", current: d.couldSpeak)
            d.lostConsciousness = try p.yesNo(
                "Did you black out or lose consciousness, even for a moment?", current: d.lostConsciousness)
            d.voiceChanged = try p.yesNo("Afterwards, did your voice change (hoarse, or lost)?", current: d.voiceChanged)
            d.troubleSwallowing = try p.yesNo(
                "Afterwards, was it hard or painful to swallow?", current: d.troubleSwallowing)
            d.lostBladderOrBowelControl = try p.yesNo(
                "Did you lose control of your bladder or bowels?", current: d.lostBladderOrBowelControl)
            let means = try p.choices(
                "What was used?", StrangulationMeans.allCases, name: \.rawValue, label: \.label, current: d.means ?? [])
            d.means = means.isEmpty ? nil : means
            d.marks = try p.text(
                "What marks or injuries did you see, if any?", hint: "on the neck, the eyes, the face; Enter if none",
                current: d.marks, wantsWords: true)
            i.strangulation = d.isEmpty ? nil : d
        },
        shown: { i in (i.strangulation?.lines ?? []).map { "\($0.label): \($0.value)" } },
        applies: { i in StrangulationQuestions.apply(to: i) })
}

extension Prompter {
    /// A few words where "don't know" is an honest answer but a bare yes or no is not one
    /// (asked again).
    func words(_ question: String, hint: String, current: String?) throws(QuestionStop) -> String? {
        while true {
            let answer = try text(question, hint: hint, current: current)
            guard let answer, answer != current, let word = YesNoWords.parse(answer), word != .notSure else { return answer }
            note("This question wants a few words (or \u{201C}don't know\u{201D}). Press Enter to skip it.")
        }
    }
}
