import Foundation
import XCTest
@testable import KeepsakeVault

final class PlanTemplateTests: XCTestCase {
    // MARK: Template

    func testTheTemplateCoversEveryCategoryWithTwoToFiveSteps() {
        for category in PlanCategory.allCases {
            let count = PlanTemplate.items(in: category).count
            XCTAssertTrue((2...5).contains(count), "\(category) has \(count) steps")
        }
        XCTAssertEqual(Set(PlanTemplate.items.map(\.category)), Set(PlanCategory.allCases))
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

    func testTheTemplateIsInCategoryOrder() {
        let order = PlanTemplate.items.map { PlanCategory.allCases.firstIndex(of: $0.category)! }
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(PlanTemplate.items.contains { $0.title == "Learn the local hotline number by heart" })
    }

    // MARK: Progress

    private func plan(done: [Int]) -> [PlanItem] {
        var items = PlanTemplate.items
        for index in done { items[index].status = .done }
        return items
    }

    func testProgressCountsPerCategoryAndOverall() {
        let items = plan(done: [0, 1, 12])
        let progress = PlanProgress(items: items)
        XCTAssertEqual(progress.sections.map(\.category), PlanCategory.allCases)
        XCTAssertEqual(progress.total, PlanTemplate.items.count)
        XCTAssertEqual(progress.done, 3)
        XCTAssertEqual(progress.percent, 3 * 100 / PlanTemplate.items.count)
        let safePlace = progress.progress(of: .safePlace)
        XCTAssertEqual(safePlace.done, 2)
        XCTAssertEqual(safePlace.total, PlanTemplate.items(in: .safePlace).count)
        XCTAssertEqual(progress.progress(of: items[12].category).done, 1)
        XCTAssertEqual(progress.progress(of: .afterLeaving).done, 0)
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
        XCTAssertEqual(PlanProgress(items: []).progress(of: .money).total, 0)
    }

    func testTheChecklistGroupsStepsByCategoryInPlanOrder() {
        let items = [
            PlanItem(category: .documents, title: "Copy passport", status: .done),
            PlanItem(category: .safePlace, title: "Ask my sister if I can stay"),
            PlanItem(category: .documents, title: "Copy birth certificate"),
            PlanItem(category: .documents, title: "Copy bank statements", status: .done),
            PlanItem(category: .documents, title: "Copy the lease"),
        ]
        XCTAssertEqual(PlanProgress(items: items).render(), """
            Exit plan: 2 of 5 done (40%)

            A safe place to go  0 of 1 done
              [ ] Ask my sister if I can stay

            Documents  2 of 4 done
              [x] Copy passport
              [ ] Copy birth certificate
              [x] Copy bank statements
              [ ] Copy the lease
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
            Exit plan: 1 of 2 done (50%)

            Technology safety  1 of 2 done
              [x] 3fa2c1d  New phone
              [ ] 77e1aa0  Change passwords
            """)
    }

    func testAnEmptyPlanSaysSo() {
        XCTAssertEqual(PlanProgress(items: []).render(), "No plan steps yet.")
    }

    func testTheFullTemplateRendersEveryCategory() {
        let text = PlanProgress(items: PlanTemplate.items).render()
        XCTAssertTrue(text.hasPrefix("Exit plan: 0 of \(PlanTemplate.items.count) done (0%)"))
        for category in PlanCategory.allCases {
            XCTAssertTrue(text.contains("\(category.label)  0 of \(PlanTemplate.items(in: category).count) done"))
        }
        XCTAssertFalse(text.contains("[x]"))
    }
}
