import Foundation
import KeepsakeTestSupport
import Testing

/// A plan's answers leave the vault only when the owner confirms it: `export --include-plan`
/// alone never carries them (looked for in every file of the unpacked bundle, the entry
/// payloads decoded); with `--include-plan-answers` the report shows them phase by phase and
/// `verify` renders it again byte for byte.
@Suite struct PlanExportTests {
    static let marker = "otter-lantern-4471"
    static let words = "orbit willow cinder meadow falcon"

    /// Every file of the opened bundle, and each entry payload of entries.json decoded.
    static func everything(in folder: String) throws -> String {
        var text = ""
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for name in files {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        let entries = try #require(FileManager.default.contents(atPath: folder + "/entries.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: entries) as? [String: Any])
        for entry in json["entries"] as? [[String: Any]] ?? [] {
            let payload = try #require(Data(base64Encoded: entry["payload"] as? String ?? ""))
            text += String(decoding: payload, as: UTF8.self) + "\n"
        }
        return text
    }

    func export(_ vault: CLIVault, _ name: String, _ extra: [String]) throws -> (result: ProgramRunner.Result, folder: String) {
        let bundle = vault.folder.appending(name + ".age")
        let result = try vault.run(["export", "-o", bundle, "--passphrase", "--include-plan", "--history"] + extra, extraInput: [Self.words])
        #expect(result.status == 0, "\(result)")
        let folder = vault.folder.appending(name)
        let opened = try vault.runner.run(["open", bundle, "--passphrase-stdin", "-o", folder], input: Self.words + "\n")
        #expect(opened.status == 0, "\(opened)")
        #expect(opened.output.contains("say exactly what those entries say"), "\(opened)")
        return (result, folder)
    }

    @Test func answersLeaveOnlyWhenTheOwnerConfirms() throws {
        let vault = try CLIVault()
        #expect(try vault.run(["log", "--when", "2026-11-02", "--kind", "threats", "--text", "He shouted."]).status == 0)
        #expect(try vault.run(["plan", "template"]).status == 0)
        let id = try PlanAnswerTests.stepID(vault, key: "incident.code-word")
        try PlanAnswerTests.answer(vault, id, after: "I can use ___ as my code word", [Self.marker])
        // Cleared later: the earlier version still holds it, and --history would carry it.
        let room = try PlanAnswerTests.stepID(vault, key: "incident.room")
        try PlanAnswerTests.answer(vault, room, after: "If an argument starts, I could move to ___", [Self.marker + "-room"])
        #expect(try vault.run(["plan", "answer", room, "--clear"]).status == 0)

        let (plain, folder) = try export(vault, "plain", [])
        #expect(plain.output.contains("2 plan step(s) holding your own answers were left out"), "\(plain)")
        let everything = try Self.everything(in: folder)
        #expect(!everything.contains(Self.marker), "an answer leaked into the bundle")
        #expect(everything.contains("Practise the way out of your home"), "the rest of the plan is there")
        let report = try #require(FileManager.default.contents(atPath: folder + "/report.html"))
        #expect(String(decoding: report, as: UTF8.self).contains("Safety plan, in the owner&#39;s words")
            || String(decoding: report, as: UTF8.self).contains("Safety plan, in the owner's words"))

        let (shared, sharedFolder) = try export(vault, "shared", ["--include-plan-answers"])
        #expect(!shared.output.contains("left out"), "\(shared)")
        let html = String(decoding: FileManager.default.contents(atPath: sharedFolder + "/report.html") ?? Data(), as: UTF8.self)
        #expect(html.contains("Answer: " + Self.marker), "\(html.count)")
        #expect(html.contains("<h3>If there is an incident (0 of 7 done)</h3>"))
        #expect(try vault.runner.run(["verify", sharedFolder]).status == 0)
    }

    @Test func answersNeedThePlan() throws {
        let vault = try CLIVault()
        let result = try vault.run(["export", "-o", vault.folder.appending("x.age"), "--passphrase", "--include-plan-answers"],
                                   extraInput: [Self.words])
        #expect(result.status == 64 || result.status == 2, "\(result)")
        #expect(result.errors.contains("--include-plan-answers goes with --include-plan"), "\(result)")
    }
}
