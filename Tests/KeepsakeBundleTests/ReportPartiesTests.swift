import Foundation
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// Report layout 5: the owner's profile on the first page and in the summary, disclosed with
/// its proof only when chosen, escaped like every text, re-rendered byte for byte by `verify`.
@Suite struct ReportPartiesTests {
    let folder = TemporaryFolder()

    static var withProfile: BundleFilters {
        var filters = BundleFilters()
        filters.includeProfile = true
        return filters
    }

    @Test func aHostileProfileIsEscapedAndTheBundleVerifies() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        try fixture.vault.add(.profile(Profile(
            owner: "<script>alert(1)</script>",
            respondent: Respondent(name: "</td></tr><tr><th>Case number</th><td>FAKE", relationship: .coParent),
            children: [Child(name: "J.\"><img src=x onerror=alert(1)>", age: "7")],
            firearms: Firearms(answer: .dontKnow),
            pets: Pets(harm: "</style><style>body{display:none}</style>"))))
        let bundle = try fixture.export(Self.withProfile, folder: folder, name: "hostile")
        let result = BundleVerifier.verify(bundle)
        #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
        let report = bundle.text("report.html")
        #expect(!report.contains("<script") && !report.contains("<img src=x") && !report.contains("<td>FAKE"))
        #expect(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(report.components(separatedBy: "</style>").count == 2, "only the report's own style sheet ends")
        #expect(report.contains("<th>Relationship</th><td>parent of my child</td>"))
        #expect(report.contains("May have firearms: the owner does not know (standing answer)"))
        #expect(report.contains("<th>Firearms (standing answer)</th><td class=\"risk\">the owner does not know</td>"))
        #expect(report.contains("<th>Pets</th><td>not answered</td>"))
    }

    /// The report shows the latest version; earlier ones go in only with `--history`, and
    /// either way `verify` renders the same report from the disclosed entries.
    @Test func theLatestVersionIsShownAndEarlierOnesLeaveOnlyWithHistory() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        let id = try fixture.vault.add(.profile(Profile(owner: "First Answer", firearms: Firearms(answer: .no)))).id
        try fixture.vault.revise(id, to: .profile(Profile(
            owner: "Second Answer", firearms: Firearms(answer: .yes, kind: "a rifle", kept: "the garage"))))
        for (history, name) in [(false, "latest"), (true, "history")] {
            var filters = Self.withProfile
            filters.includeHistory = history
            let bundle = try fixture.export(filters, folder: folder, name: name)
            let result = BundleVerifier.verify(bundle)
            #expect(result.passed && result.humanFilesChecked, "\(result.checks)")
            let report = bundle.text("report.html")
            #expect(report.contains("<th>Person asking for protection</th><td>Second Answer</td>"))
            #expect(!report.contains("First Answer"))
            #expect(report.contains("<td class=\"risk\">yes: kind: a rifle; kept: the garage</td>"))
            #expect(report.contains("Has firearms (the owner&#39;s standing answer)"))
            let entries = bundle.text("entries.json")
            let disclosed = try JSONDecoder().decode(EntriesFile.self, from: Data(entries.utf8)).entries
                .compactMap { $0.payloadBytes.flatMap { try? Entry.decode($0) } }
            let owners = disclosed.compactMap { $0.profile?.owner }
            #expect(owners == (history ? ["First Answer", "Second Answer"] : ["Second Answer"]), "\(owners)")
        }
    }

    @Test func withoutTheFlagTheSummarySaysTheAnswerIsNotInThisBundle() throws {
        let fixture = try PetitionReportFixture(folder: folder)
        try fixture.vault.add(.profile(Profile(owner: "Private Name", firearms: Firearms(answer: .yes))))
        let bundle = try fixture.export(BundleFilters(), folder: folder, name: "without")
        #expect(BundleVerifier.verify(bundle).passed)
        let report = bundle.text("report.html")
        #expect(!report.contains("Private Name") && !report.contains("Person asking for protection"))
        #expect(report.contains("<th>Firearms (standing answer)</th><td>not in this bundle (the owner&#39;s profile was not included)</td>"))
        #expect(!report.contains("Has firearms"))

        // Chosen, with no profile in the vault: nothing was answered, and the report says so.
        let other = TemporaryFolder()
        let empty = try PetitionReportFixture(folder: other)
        let chosen = try empty.export(Self.withProfile, folder: folder, name: "chosen")
        #expect(BundleVerifier.verify(chosen).passed)
        #expect(chosen.text("report.html").contains("<th>Firearms (standing answer)</th><td>not answered</td>"))
        withExtendedLifetime(other) {}
    }
}
