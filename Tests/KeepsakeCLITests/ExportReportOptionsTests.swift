import Foundation
import KeepsakeTestSupport
import Testing

/// `export --case-number` and `--oldest-first`: the case number goes on the report's first
/// page and in the signed manifest; a case number that is not one short line is refused
/// before anything is written.
@Suite struct ExportReportOptionsTests {
    @Test func theCaseNumberAndOrderReachTheReportAndABadCaseNumberIsRefused() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2026-01-05 22:00", "--kind", "physical", "--text", "He pushed me."]).status == 0)
        #expect(try vault.run(["log", "--when", "2026-02-07 08:00", "--kind", "threats", "--text", "He said he would take the kids."]).status == 0)

        let refused = vault.folder.appending("refused.age")
        let bad = try vault.run(["export", "-o", refused, "--passphrase", "--case-number", "FL-1\nsecond line"], extraInput: ["copper lantern orchard whistle mango"])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("--case-number must be one line of at most 80 characters"), "\(bad)")
        #expect(!FileManager.default.fileExists(atPath: refused))

        let sealed = vault.folder.appending("b.age")
        let made = try vault.run(["export", "-o", sealed, "--passphrase", "--case-number", " FL-2026-00123 ", "--oldest-first"], extraInput: ["copper lantern orchard whistle mango"])
        #expect(made.status == 0, "\(made)")
        let out = vault.folder.appending("opened")
        let opened = try vault.runner.run(["open", sealed, "--passphrase-stdin", "-o", out], input: "copper lantern orchard whistle mango\n")
        #expect(opened.status == 0, "\(opened)")
        #expect(try vault.runner.run(["verify", out]).status == 0)
        let report = String(decoding: TestFiles.read(out + "/report.html"), as: UTF8.self)
        #expect(report.contains("<th>Case number</th><td>FL-2026-00123</td>"))
        let january = try #require(report.range(of: "He pushed me.")).lowerBound
        let february = try #require(report.range(of: "He said he would take the kids.")).lowerBound
        #expect(report.contains("Incidents, oldest first") && january < february)
    }
}
