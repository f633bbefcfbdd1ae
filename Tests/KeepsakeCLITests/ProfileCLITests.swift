import Foundation
import KeepsakeTestSupport
import Testing

/// `keepsake profile` through the built program on a terminal: every question skippable,
/// children added and taken off, the firearms details asked only after a yes, one answer
/// changed later as a new version, `profile show` (text and JSON).
@Suite struct ProfileCLITests {
    /// Answers every question of a first `keepsake profile`, with two children kept (one
    /// added then taken off) and a yes to firearms.
    static func answerEverything(_ vault: CLIVault, marker: String = "") throws -> String {
        let terminal = try vault.terminal(["profile"])
        try terminal.expect("none is needed")
        try terminal.answer([
            ("Your name, as it should appear on the report?", ["Maria Lopez"]),
            ("What is their name?", ["Daniel Lopez\(marker)"]),
            ("How are they related to you?", ["former-spouse"]),
            ("Their date of birth, or their age?", ["1984-03-02"]),
            ("Anything else a petition asks", ["Tall, grey pickup, works nights at the depot"]),
            ("Children: yours, theirs, or any who live with you?", ["A. L.\(marker)"]),
            ("How old is A. L.", ["7"]),
            ("Type a name or initials", ["B. L."]),
            ("How old is B. L.", ["born 2019"]),
            ("Type a name or initials", ["C. L."]),
            ("How old is C. L.", [""]),
            ("Type a name or initials", ["2"]),
            ("type `remove` and their number", ["remove 2"]),
            ("Type a name or initials", [""]),
            ("Does the person have guns", ["yes"]),
            ("What kind?", ["a handgun and a hunting rifle"]),
            ("How many?", ["2"]),
            ("Where are they kept?", ["bedroom closet, locked box"]),
            ("Are there pets in your home or family?", ["yes"]),
            ("Who are they?", ["Rex, a dog"]),
            ("Has the person harmed, threatened or killed an animal", ["He kicked Rex and said he would get rid of him."]),
        ])
        let review = try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved your profile.")
        #expect(try terminal.wait() == .exited(0))
        return review
    }

    static func profile(_ vault: CLIVault, history: Bool = false) throws -> [String: Any] {
        let json = try #require(try vault.json(["profile", "show"] + (history ? ["--history"] : [])) as? [String: Any])
        return try #require(json["profile"] as? [String: Any])
    }

    @Test func everyQuestionIsAnsweredChildrenAreAddedAndTakenOffAndFirearmsDetailsFollowAYes() throws {
        let vault = try CLIVault()
        let review = try Self.answerEverything(vault)
        #expect(review.contains("Your name: Maria Lopez"), "\(review)")
        #expect(review.contains("Relationship: former spouse or registered partner"), "\(review)")
        #expect(review.contains("A. L. (7)") && review.contains("C. L.") && !review.contains("B. L. (born 2019)"), "\(review)")
        #expect(review.contains("What kind: a handgun and a hunting rifle"), "\(review)")

        let profile = try Self.profile(vault)
        #expect(profile["owner"] as? String == "Maria Lopez")
        let person = try #require(profile["respondent"] as? [String: Any])
        #expect(person["name"] as? String == "Daniel Lopez")
        #expect(person["relationship"] as? String == "formerSpouse")
        #expect(person["age"] as? String == "1984-03-02")
        let children = try #require(profile["children"] as? [[String: Any]])
        #expect(children.map { $0["name"] as? String } == ["A. L.", "C. L."])
        #expect(children.map { $0["age"] as? String } == ["7", nil])
        let firearms = try #require(profile["firearms"] as? [String: Any])
        #expect(firearms["answer"] as? String == "yes")
        #expect(firearms["kind"] as? String == "a handgun and a hunting rifle")
        #expect(firearms["count"] as? String == "2")
        #expect(firearms["kept"] as? String == "bedroom closet, locked box")
        let pets = try #require(profile["pets"] as? [String: Any])
        #expect(pets["have"] as? Bool == true && pets["who"] as? String == "Rex, a dog")
        #expect((pets["harm"] as? String)?.hasPrefix("He kicked Rex") == true)
        // Not an incident: listed nowhere, counted nowhere; found by search, shown by `show ID`.
        #expect(try vault.incidentIDs().isEmpty)
        let id = String(try #require((try vault.json(["profile", "show"]) as? [String: Any])?["id"] as? String).prefix(8))
        let found = try vault.run(["search", "Daniel"])
        #expect(found.status == 0 && found.output.contains("Your profile"), "\(found)")
        let shown = try vault.run(["show", id])
        #expect(shown.output.contains("Profile \(id.prefix(7))"), "\(shown)")
        #expect(shown.output.contains("Firearms: yes; kind: a handgun and a hunting rifle; how many: 2; kept: bedroom closet, locked box"), "\(shown)")
        #expect(shown.output.contains("Children: A. L. (7), C. L."), "\(shown)")

        // `amend ID` goes straight to the review too; one answer changed, a new version.
        let amend = try vault.terminal(["amend", id])
        try amend.expect("type a number to change that answer")
        try amend.send("2")
        try amend.expect("What is their name?")
        try amend.send("D. L.")
        try amend.expect("type a number to change that answer")
        try amend.send("")
        try amend.expect("Saved a new version of")
        #expect(try amend.wait() == .exited(0))
        let amended = try Self.profile(vault)
        #expect((amended["respondent"] as? [String: Any])?["name"] as? String == "D. L.")
        #expect((amended["respondent"] as? [String: Any])?["relationship"] as? String == "formerSpouse")
        #expect((amended["children"] as? [Any])?.count == 2)
    }

    @Test func skippingEveryQuestionSavesNothing() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["profile"])
        try terminal.expect("none is needed")
        try terminal.pressEnter(until: "type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Nothing was answered, so nothing was saved.")
        #expect(try terminal.wait() == .exited(0))
        let shown = try vault.run(["profile", "show"])
        #expect(shown.status == 0 && shown.output.contains("You have no profile yet"), "\(shown)")
        let json = try vault.run(["profile", "show", "--json"])
        #expect(json.status == 0 && json.output.trimmingCharacters(in: .whitespacesAndNewlines) == "null", "\(json)")
    }

    /// "no" and "don't know" ask nothing more; changing one answer later is a new version
    /// with every other answer kept, and the earlier version stays in the history.
    @Test func noOrDontKnowAsksNothingMoreAndOneAnswerIsChangedAsANewVersion() throws {
        let vault = try CLIVault()
        let terminal = try vault.terminal(["profile"])
        try terminal.answer([
            ("Your name, as it should appear on the report?", ["M. L."]),
            ("What is their name?", [""]), ("How are they related to you?", ["3"]),
            ("Their date of birth, or their age?", [""]), ("Anything else a petition asks", [""]),
            ("Children: yours, theirs, or any who live with you?", [""]),
            ("Does the person have guns", ["no"]),
        ])
        let afterNo = try terminal.expect("Are there pets in your home or family?")
        #expect(!afterNo.contains("What kind?") && !afterNo.contains("How many?"), "\(afterNo)")
        try terminal.send("no")
        let afterPets = try terminal.expect("Has the person harmed, threatened or killed an animal")
        #expect(!afterPets.contains("Who are they?"), "\(afterPets)")
        try terminal.send("")
        try terminal.expect("type a number to change that answer")
        try terminal.send("")
        try terminal.expect("Saved your profile.")
        #expect(try terminal.wait() == .exited(0))
        #expect((try Self.profile(vault)["firearms"] as? [String: Any])?["answer"] as? String == "no")

        // Later: straight to the review, one answer changed.
        let again = try vault.terminal(["profile"])
        let review = try again.expect("type a number to change that answer")
        #expect(review.contains("Firearms: no") && review.contains("Relationship: partner"), "\(review)")
        try again.send("7")
        try again.expect("Does the person have guns")
        try again.send("maybe")
        try again.expect("Please answer yes, no, don't know, or skip.")
        try again.send("don't know")
        let afterDontKnow = try again.expect("type a number to change that answer")
        #expect(!afterDontKnow.contains("What kind?"), "\(afterDontKnow)")
        #expect(afterDontKnow.contains("Firearms: don't know"), "\(afterDontKnow)")
        try again.send("")
        try again.expect("Saved a new version of your profile")
        #expect(try again.wait() == .exited(0))

        let json = try #require(try vault.json(["profile", "show", "--history"]) as? [String: Any])
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.compactMap { (($0["profile"] as? [String: Any])?["firearms"] as? [String: Any])?["answer"] as? String }
            == ["no", "dontKnow"])
        let current = try #require(json["profile"] as? [String: Any])
        #expect(current["owner"] as? String == "M. L.")
        #expect((current["respondent"] as? [String: Any])?["relationship"] as? String == "partner")
        #expect((current["pets"] as? [String: Any])?["have"] as? Bool == false)
        #expect(json["amended"] as? Bool == true)

        // Nothing changed: nothing saved.
        let unchanged = try vault.terminal(["profile"])
        try unchanged.expect("type a number to change that answer")
        try unchanged.send("")
        try unchanged.expect("Nothing changed, so nothing was saved.")
        #expect(try unchanged.wait() == .exited(0))
        #expect((try #require(try vault.json(["profile", "show", "--history"]) as? [String: Any])["history"] as? [Any])?.count == 2)
    }

    @Test func offATerminalItSaysWhereToAnswer() throws {
        let vault = try CLIVault()
        let result = try vault.run(["profile"])
        #expect(result.status == 2, "\(result)")
        #expect(result.errors.contains("on a terminal"), "\(result)")
    }

    /// `profile show` as the owner reads it on 80 columns: every question, "not answered"
    /// where nothing was said, long answers folded under their column.
    @Test func profileShowReadsOnEightyColumns() throws {
        let vault = try CLIVault()
        _ = try Self.answerEverything(vault)
        let result = try vault.run(["profile", "show"])
        #expect(result.status == 0, "\(result)")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.range(of: #"^Your profile [0-9a-f]{7}, last changed [A-Z][a-z]{2} \d+ [A-Z][a-z]{2} 20\d\d, \d\d:\d\d\.$"#, options: .regularExpression) != nil, "\(result.output)")
        let golden = """
            It stays private: a bundle carries it only with `keepsake export
            --include-profile`. `keepsake profile` changes any answer; the earlier version
            is kept.

            Your name:              Maria Lopez
            The person you need protection from
              Name:                 Daniel Lopez
              Relationship:         former spouse or registered partner
              Age or date of birth: 1984-03-02
              Other details:        Tall, grey pickup, works nights at the depot
            Children:               A. L. (7)
                                    C. L.
            Firearms:               yes
              What kind:            a handgun and a hunting rifle
              How many:             2
              Where kept:           bedroom closet, locked box
            Pets:                   yes
              Who:                  Rex, a dog
            Harm to animals:        He kicked Rex and said he would get rid of him.

            """
        #expect(lines.dropFirst().joined(separator: "\n") == golden, "\(result.output)")
        #expect(lines.allSatisfy { $0.count <= 80 })
    }
}
