import Foundation
import XCTest
@testable import KeepsakeVault

final class PlanTemplateTests: XCTestCase {
    // MARK: Template

    func testTheTemplateCoversEveryPhaseWithThreeToFifteenSteps() {
        for phase in PlanPhase.allCases {
            let count = PlanTemplate.items(in: phase).count
            XCTAssertTrue((3...15).contains(count), "\(phase) has \(count) steps")
        }
        XCTAssertEqual(Set(PlanTemplate.items.compactMap(\.phase)), Set(PlanPhase.allCases))
    }

    func testTheTemplateHasNoRepeatedTitles() {
        let titles = PlanTemplate.items.map { $0.title.lowercased() }
        XCTAssertEqual(Set(titles).count, titles.count)
    }

    func testEveryTemplateStepStartsOpenWithNothingElseSet() {
        for item in PlanTemplate.items {
            XCTAssertEqual(item.status, .open, item.title)
            XCTAssertNil(item.doneAt, item.title)
            XCTAssertNil(item.due, item.title)
        }
    }

    func testTemplateStepsAreShortPlainLines() {
        for item in PlanTemplate.items {
            XCTAssertFalse(item.title.isEmpty)
            XCTAssertLessThanOrEqual(item.title.count, 100, item.title)
            XCTAssertFalse(item.title.contains("\n"), item.title)
            XCTAssertFalse(item.title.hasSuffix("."), item.title)
            XCTAssertEqual(item.title.first?.isUppercase, true, item.title)
        }
    }

    func testTheTemplateIsInPhaseOrder() {
        let order = PlanTemplate.items.map { PlanPhase.allCases.firstIndex(of: $0.phase!)! }
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(PlanTemplate.items.contains { $0.title == "Learn the local hotline number by heart" })
    }

    // MARK: Progress

    private func plan(done: [Int]) -> [PlanItem] {
        var items = PlanTemplate.items
        for index in done { items[index].status = .done }
        return items
    }

    func testProgressCountsPerPhaseAndOverall() {
        let items = plan(done: [0, 1, 12])
        let progress = PlanProgress(items: items)
        XCTAssertEqual(progress.sections.map(\.phase), PlanPhase.allCases)
        XCTAssertEqual(progress.total, PlanTemplate.items.count)
        XCTAssertEqual(progress.done, 3)
        XCTAssertEqual(progress.percent, 3 * 100 / PlanTemplate.items.count)
        let incident = progress.progress(of: .duringIncident)
        XCTAssertEqual(incident.done, 2)
        XCTAssertEqual(incident.total, PlanTemplate.items(in: .duringIncident).count)
        XCTAssertEqual(progress.progress(of: items[12].phase!).done, 1)
        XCTAssertEqual(progress.progress(of: .emotionalHealth).done, 0)
    }

    func testPercentRoundsDownAndIsZeroWithNoSteps() {
        let three = [
            PlanItem(category: .legal, title: "a", status: .done), PlanItem(category: .legal, title: "b"),
            PlanItem(category: .legal, title: "c"),
        ]
        XCTAssertEqual(PlanProgress(items: three).percent, 33)
        var allDone = three
        for index in allDone.indices { allDone[index].status = .done }
        XCTAssertEqual(PlanProgress(items: allDone).percent, 100)
        XCTAssertEqual(PlanProgress(items: []).percent, 0)
        XCTAssertEqual(PlanProgress(items: []).progress(of: .technology).total, 0)
    }

    func testTheChecklistGroupsStepsByPhaseInPlanOrder() {
        let items = [
            PlanItem(category: .documents, title: "Copy passport", status: .done),
            PlanItem(category: .safePlace, title: "Ask my sister if I can stay", phase: .dayOfLeaving),
            PlanItem(category: .documents, title: "Copy birth certificate"),
            PlanItem(category: .legal, title: "Copy the order", status: .done),
            PlanItem(category: .safePlace, title: "Stay near the back door", phase: .duringIncident),
        ]
        XCTAssertEqual(PlanProgress(items: items).render(), """
            Your safety plan: 2 of 5 done (40%)

            If there is an incident  0 of 1 done
              [ ] Stay near the back door

            Getting ready to leave  1 of 2 done
              [x] Copy passport
              [ ] Copy birth certificate

            The day you leave  0 of 1 done
              [ ] Ask my sister if I can stay

            With a protection order  1 of 1 done
              [x] Copy the order
            """)
    }

    func testVaultStepsAreTaggedWithTheirShortIdsAndRetractedOnesLeftOut() throws {
        func item(_ id: String, _ step: PlanItem, retracted: Bool = false) throws -> Item {
            let entry = try EntryID(id)
            let at = Date(timeIntervalSince1970: 1_772_000_000)
            return Item(
                id: entry, versions: [ItemVersion(entryID: entry, seq: 1, writtenAt: at, content: .planItem(step))],
                attachments: [], retraction: retracted ? Retraction(entryID: entry, at: at, reason: nil) : nil)
        }
        let progress = PlanProgress(vaultItems: [
            try item("3fa2c1d000000001", PlanItem(category: .technology, title: "New phone", status: .done)),
            try item("9bb0000000000002", PlanItem(category: .technology, title: "Old idea"), retracted: true),
            try item("77e1aa0000000003", PlanItem(category: .technology, title: "Change passwords")),
        ])
        XCTAssertEqual(progress.render(), """
            Your safety plan: 1 of 2 done (50%)

            Phones, computers and accounts  1 of 2 done
              [x] 3fa2c1d  New phone
              [ ] 77e1aa0  Change passwords
            """)
    }

    func testAnEmptyPlanSaysSo() {
        XCTAssertEqual(PlanProgress(items: []).render(), "No plan steps yet.")
    }

    func testTheFullTemplateRendersEveryPhase() {
        let text = PlanProgress(items: PlanTemplate.items).render()
        XCTAssertTrue(text.hasPrefix("Your safety plan: 0 of \(PlanTemplate.items.count) done (0%)"))
        for phase in PlanPhase.allCases {
            XCTAssertTrue(text.contains("\(phase.label)  0 of \(PlanTemplate.items(in: phase).count) done"))
        }
        XCTAssertFalse(text.contains("[x]"))
    }
}
