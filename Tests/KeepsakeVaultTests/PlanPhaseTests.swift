import Foundation
import Testing
@testable import KeepsakeVault

/// The safety plan's phases: what each holds (matching what programs' personalized safety
/// plans ask), the owner's answers, the warnings, and plans written by the first template.
@Suite struct PlanPhaseTests {
    private func titles(_ phase: PlanPhase) -> String {
        PlanTemplate.steps.filter { $0.phase == phase }.map { $0.title + " " + ($0.sentence ?? "") }
            .joined(separator: "\n").lowercased()
    }

    @Test func theTemplateCoversEveryPhaseOfAPersonalizedSafetyPlan() {
        // Each phase, and words its steps must carry.
        let expected: [(PlanPhase, [String])] = [
            (.duringIncident, ["two ways out", "not the kitchen, bathroom or garage", "practise", "keys and bag", "code word",
                               "family, friends and your children", "neighbour", "police", "children could"]),
            (.preparingToLeave, ["bag", "id, birth certificates and passports", "medical", "cash", "shelter"]),
            (.dayOfLeaving, ["safest time", "go-bag", "documents"]),
            (.homeAfterLeaving, ["locks", "windows", "lights", "pick up your children", "school or carers"]),
            (.protectionOrder, ["copy of the order with you", "give a copy", "if the order is broken"]),
            (.workAndPublic, ["manager or security", "screen your calls", "route to and from work"]),
            (.technology, ["location sharing", "passwords", "tracking devices", "prepaid phone"]),
            (.childrenAndPets, ["children", "pets"]),
            (.alcoholOrDrugs, ["drink or use drugs"]),
            (.emotionalHealth, ["when you feel down", "support group"]),
            (.importantNumbers, ["police", "hotline", "advocate", "shelter", "lawyer", "work", "school"]),
        ]
        #expect(expected.map(\.0) == PlanPhase.allCases)
        for (phase, words) in expected {
            let text = titles(phase)
            for word in words { #expect(text.contains(word), "\(phase) lacks \(word)") }
        }
    }

    @Test func stepsAreOffersNotOrders() {
        for step in PlanTemplate.steps {
            let text = (step.title + " " + (step.sentence ?? "")).lowercased()
            for word in ["must", "should", "never", "always", "have to"] {
                #expect(!text.contains(word), "\(step.key): \(word)")
            }
            if let sentence = step.sentence { #expect(sentence.components(separatedBy: "___").count == 2, "\(step.key)") }
        }
        #expect(Set(PlanTemplate.steps.map(\.key)).count == PlanTemplate.steps.count)
        #expect(Set(PlanTemplate.steps.map(\.title)).count == PlanTemplate.steps.count)
    }

    @Test func theStepsThatCanAlertCarryAWarningAndNoOthers() {
        let alerting = Set(PlanTemplate.steps.filter(\.alerts).map(\.key))
        #expect(alerting == [
            "prepare.account", "prepare.cash", "leave.shared-phone", "leave.move-money", "tech.location",
            "tech.passwords", "tech.phone", "tech.logins", "tech.trackers",
        ])
        let text = PlanProgress(items: PlanTemplate.items).render(width: 200)
        let lines = text.split(separator: "\n").map(String.init)
        var warned: [String] = []
        for (index, line) in lines.enumerated() where line.contains("! " + PlanWarning.note) {
            warned.append(lines[index - 1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "[ ] ", with: ""))
        }
        #expect(Set(warned) == Set(PlanTemplate.steps.filter(\.alerts).map(\.title)))
        #expect(warned.count == alerting.count)
        let louder = PlanProgress(items: PlanTemplate.items).render(width: 200, warning: PlanWarning.louder)
        #expect(louder.components(separatedBy: PlanWarning.louder).count - 1 == alerting.count)
        #expect(!louder.contains(PlanWarning.note))
    }

    @Test func anAnswerFillsTheBlankBesideItsStep() throws {
        var step = try #require(PlanTemplate.step(key: "incident.code-word")).item
        step.answer = "bluebird"
        var neighbour = try #require(PlanTemplate.step(key: "incident.neighbour")).item
        neighbour.answerContact = "0123456789abcdef"
        let own = PlanItem(category: .people, title: "Ring Mum on Sundays", answer: "after 6")
        let progress = PlanProgress(steps: [
            .init(tag: nil, item: step), .init(tag: nil, item: neighbour, contact: "Jo (friend) 0700 000"),
            .init(tag: nil, item: own),
        ])
        let text = progress.render()
        #expect(text.contains("= I can use bluebird as my code word"))
        #expect(text.contains("= I could ask Jo (friend) 0700 000 to call the police if they hear trouble"))
        #expect(text.contains("= Your answer: after 6"))
    }

    @Test func aHiddenPhaseIsLeftOutAndNamed() {
        let progress = PlanProgress(
            steps: PlanTemplate.items.map { .init(tag: nil, item: $0) }, hidden: [.alcoholOrDrugs])
        #expect(!progress.sections.map(\.phase).contains(.alcoholOrDrugs))
        #expect(progress.total == PlanTemplate.steps.count - PlanTemplate.items(in: .alcoholOrDrugs).count)
        #expect(progress.render().hasSuffix("Hidden (not for you): Alcohol or drugs"))
    }

    // MARK: The first template

    @Test func everyStepOfTheFirstTemplateHasItsPlaceAndIsNotAddedTwice() throws {
        #expect(PlanTemplate.legacyTitles.count == 37)
        let old = PlanTemplate.legacyTitles.keys.map { PlanItem(category: .people, title: $0) }
        for item in old {
            let step = try #require(PlanTemplate.step(for: item), "\(item.title)")
            #expect(PlanTemplate.phase(of: item) == step.phase)
        }
        let missing = PlanTemplate.missing(from: old)
        let mapped = Set(PlanTemplate.legacyTitles.values)
        #expect(missing.count == PlanTemplate.steps.count - mapped.count)
        #expect(missing.allSatisfy { !mapped.contains($0.key!) })
        #expect(PlanTemplate.missing(from: PlanTemplate.items).isEmpty)
        // The old code word step is shown in the incident phase.
        let codeWord = PlanItem(category: .people, title: "Agree a code word with someone you trust that means \"call for help\"")
        #expect(PlanTemplate.phase(of: codeWord) == .duringIncident)
        // A step of the owner's own keeps its category's phase.
        #expect(PlanTemplate.phase(of: PlanItem(category: .legal, title: "Mine")) == .protectionOrder)
    }

    @Test func aSchemaTwoPlanStepReadsWithoutPhaseOrAnswer() throws {
        let json = #"{"id":"0123456789abcdef","kind":"plan","planItem":{"category":"documents","status":"open","title":"Copy the lease"},"schema":2}"#
        let entry = try Entry.decode(Array(json.utf8))
        let step = try #require(entry.planItem)
        #expect(step.phase == nil && step.answer == nil && step.key == nil && step.hidesPhase == nil)
        #expect(PlanTemplate.phase(of: step) == .preparingToLeave)
    }

    @Test func answersRoundTripByteForByte() throws {
        var step = PlanTemplate.items[3]
        step.answer = "  blue\u{301}bird \"ok\"  "
        step.answerContact = "0123456789abcdef"
        let entry = Entry(kind: .planItem, planItem: step)
        let decoded = try Entry.decode(entry.encoded())
        #expect(decoded.planItem?.answer == step.answer)
        #expect(decoded.planItem?.answer?.utf8.elementsEqual(step.answer!.utf8) == true)
        #expect(decoded == entry)
    }
}
