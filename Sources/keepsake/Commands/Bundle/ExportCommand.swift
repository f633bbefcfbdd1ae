import ArgumentParser
import Foundation
import KeepsakeAge
import KeepsakeBundle
import KeepsakeCrypto
import KeepsakeVault

/// `keepsake export`: seals a bundle for an advocate or a lawyer.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Seal a bundle of your record for an advocate or a lawyer.",
        discussion: """
            The bundle is one encrypted file. Only the person whose public key you give \
            (--to age1…, which they get from `keepsake recipient new` or `age-keygen`) or who \
            knows the passphrase you choose (--passphrase; tell it to them another way, by phone \
            say) can open it. Inside: a printable report, a spreadsheet, your attached files, \
            and the proofs that nothing was changed. By default it holds every incident with \
            its attached files; the filters choose less. Your plan, contacts and profile go \
            in only if you ask.
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("The bundle file to write (it must not exist).", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("The recipient's public key, age1… (repeat for several people).", valueName: "age1…"))
    var to: [String] = []

    @Option(name: .customLong("to-file"), help: ArgumentHelp("A file of recipients' public keys, one per line.", valueName: "file"))
    var toFile: String?

    @Flag(help: "Seal with a passphrase instead (asked twice; with --passphrase-stdin, on the line after the vault's).")
    var passphrase = false

    @Option(help: ArgumentHelp("Only incidents on or after this day (\"2026-03-01\", \"last monday\").", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only incidents on or before this day.", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Only incidents with this kind of harm (repeatable).", valueName: "kind"))
    var kind: [HarmKind] = []

    @Option(help: ArgumentHelp("Only this entry (repeatable; plan steps and contacts too).", valueName: "id"))
    var id: [String] = []

    @Flag(name: .customLong("no-attachments"), help: "Leave the attached files out (their names and fingerprints are still listed).")
    var noAttachments = false

    @Flag(help: "Also include what retracted incidents said (each is marked as retracted). Without it a retracted incident is listed only with when and why it was retracted.")
    var history = false

    @Flag(name: .customLong("latest-only"), help: "Leave out the earlier versions of amended entries. By default they go in, so the report shows what each amendment changed (old and new value, and when each was written).")
    var latestOnly = false

    @Flag(name: .customLong("include-plan"), help: "Include your safety plan.")
    var includePlan = false

    @Flag(name: .customLong("include-plan-answers"), help: "Also include the plan steps that hold your own answers (a code word, a safe address): only when you are sure the person opening it should see them.")
    var includePlanAnswers = false

    @Flag(name: .customLong("include-contacts"), help: "Include your contacts.")
    var includeContacts = false

    @Option(name: .customLong("case-number"), help: ArgumentHelp("The court's case number, printed on the report's first page and every page's footer.", valueName: "number"))
    var caseNumber: String?

    @Flag(name: .customLong("oldest-first"), help: "List incidents in the report oldest first (the default is most recent first, as petitions ask).")
    var oldestFirst = false

    @Flag(name: .customLong("include-cycle"), help: "Include your good days, apologies and promises (in their own section, never as incidents).")
    var includeCycle = false

    @Flag(name: .customLong("include-profile"), help: "Include your profile: you, the person you need protection from, the children, firearms and pets (on the report's first page and summary).")
    var includeProfile = false
    @Flag(name: .customLong("include-journal"), help: "Include your journal entries (in their own section, never as incidents; asked to confirm on a terminal).")
    var includeJournal = false
    @Flag(name: .customLong("include-boundaries"), help: "Include your boundaries, what you won't accept again (in their own section). Your letters to yourself never leave.")
    var includeBoundaries = false

    @OptionGroup var vault: VaultOptions
    @OptionGroup var vaultPassphrase: PassphraseOptions

    func validate() throws {
        let ways = (to.isEmpty && toFile == nil ? 0 : 1) + (passphrase ? 1 : 0)
        guard ways == 1 else {
            throw ValidationError("Say who can open the bundle: --to age1… (or --to-file), or --passphrase, not both.")
        }
        if history && latestOnly {
            throw ValidationError("--history includes every version, --latest-only leaves earlier ones out: choose one.")
        }
        if includePlanAnswers && !includePlan && id.isEmpty {
            throw ValidationError("--include-plan-answers goes with --include-plan (or --id of a plan step).")
        }
    }

    func run() throws {
        try CommandRunner.run {
            var recipients = try to.map { text throws(AgeError) in try AgeRecipient(parsing: text) }
            if let toFile { recipients += try Self.recipients(inFile: toFile) }
            let now = Date()
            var filters = BundleFilters(
                since: try since.map { try parseDayOption($0, now: now) },
                until: try until.map { try parseDayOption($0, now: now).addingTimeInterval(86_400) },
                kinds: kind, includeAttachments: !noAttachments, includeHistory: !latestOnly,
                includePlan: includePlan, includeContacts: includeContacts, includeCycle: includeCycle)
            if includePlanAnswers { filters.includePlanAnswers = true }
            if history { filters.includeRetractedContent = true }
            if includeBoundaries { filters.includeBoundaries = true }
            let opened = try Unlock.vault(vault, vaultPassphrase, readingWillDo: true)
            filters.ids = try id.map { try opened.resolve($0) }
            try JournalExport.decide(includeJournal, ids: filters.ids, in: opened)
            if includeJournal { filters.includeJournal = true }
            filters.caseNumber = try Self.caseNumber(caseNumber)
            filters.oldestFirst = oldestFirst ? true : nil
            filters.includeProfile = try includeProfile || ExportKinds.askAboutProfile(in: opened) ? true : nil
            let encryptor: AgeEncryptor
            if passphrase {
                let secret = try NewPassphrase.read(from: vaultPassphrase.source, prompt: "A passphrase for the bundle: ")
                if opened.store.isOpened(by: secret) {
                    throw CLIError.weakPassphrase(
                        "That is your vault's passphrase: whoever you give the bundle to could open your vault with it. "
                            + "Choose a different passphrase for the bundle. Nothing was exported.")
                }
                encryptor = try AgeEncryptor(passphrase: secret)
            } else {
                encryptor = try AgeEncryptor(recipients: recipients)
            }
            let file = try OutputFile(output)
            let aftermath = "Nothing in your vault was lost and the unfinished bundle was removed; "
                + "free some space or choose another place, then export again"
            let summary = try file.writing(aftermath: aftermath) {
                let writer = try encryptor.writer(to: file.sink)
                let progress = ProgressLine(label: "Sealing attached files")
                var sink = writer
                let summary = try BundleExporter.export(opened, filters: filters, to: &sink) { done, total in
                    progress.update(done: done, total: total)
                }
                progress.finish()
                try writer.finish()
                return summary
            }
            try file.keep()
            print("Sealed \(summary.incidentCount) incident(s) and \(summary.attachmentsIncluded) attached file(s) into \(output).")
            if summary.planStepCount + summary.contactCount > 0 {
                print("Also inside: \(summary.planStepCount) plan step(s), \(summary.contactCount) contact(s).")
            }
            if summary.planStepsWithheld > 0 {
                TextWrap.print("\(summary.planStepsWithheld) plan step(s) holding your own answers were left out, "
                    + "since a code word or a safe address must not reach the wrong person. If you are sure, "
                    + "export again with --include-plan-answers.")
            }
            ExportKinds.print(
                summary, vault: opened, includeCycle: includeCycle, includeJournal: includeJournal,
                includeBoundaries: includeBoundaries, filters: filters)
            print(passphrase
                ? "They open it with `keepsake open \(output) --passphrase -o FOLDER` (or `age -d`); tell them the passphrase another way."
                : "They open it with `keepsake open \(output) -i THEIR-KEY-FILE -o FOLDER`, or `age -d -i THEIR-KEY-FILE \(output) > bundle.zip`.")
            print("The bundle is signed by your vault key, fingerprint \(summary.keyFingerprint); its anchor: \(summary.pinnedAnchor)")
            print("For them to be sure it comes from you, send them your anchor (`keepsake anchor`) or that fingerprint another way.")
        }
    }

    /// The case number as given, trimmed; at most 80 printable characters on one line.
    static func caseNumber(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 80,
            trimmed.unicodeScalars.allSatisfy({ !CharacterSet.controlCharacters.contains($0) })
        else {
            throw CLIError.usage("--case-number must be one line of at most 80 characters, as the court wrote it (nothing was exported)")
        }
        return trimmed
    }

    /// Recipients from a file: one `age1…` per line; blank lines and `#` comments skipped.
    static func recipients(inFile path: String) throws -> [AgeRecipient] {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw CLIError.usage("can't read the recipients file \(path)")
        }
        return try String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { text throws(AgeError) in try AgeRecipient(parsing: text) }
    }
}
