import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing the owner writes, and no secret, is left readable anywhere but in the vault's
/// ciphertext: a unique marker goes into every field of every kind and into an attached file
/// (its bytes and its name), every owner command and the export run through the built program,
/// and then the vault, its backup and the temporary folder are searched for each marker and
/// secret in clear, base64 and hex. A running `keepsake shell` is looked at through /proc: its command
/// line and environment hold no secret, it makes no core file and other processes of the same
/// user can't read its memory. (OwnerJourneyTests walks the same commands for their results.)
@Suite struct NoTracesTests {
    /// A marker per field, unique to this run (so a concurrent run's files can't match).
    static let run = Hex.encode(SecureRandom.bytes(count: 4))
    static func marker(_ field: String) -> String { "KSMARK\(field)\(run)" }
    static let fields = [
        "duration", "where", "who", "witness", "childrenharmed", "text", "quote", "felt", "injuries", "injurylocation",
        "weapons", "medical", "officer", "reportnumber", "technology", "amended", "retractreason", "filebody", "filename",
        "caption", "latercaption", "plantitle", "plannotes", "contactname", "contactphone", "contactemail",
        "contactaddress", "contactsafe", "contactnotes", "shellcontact", "draftplace", "draftaccount",
        "apologysaid", "promisesaid", "gooddaysaid", "checkinnote",
        "profileowner", "profileperson", "profileage", "profiledetails", "profilechild", "profilegunkind", "profilegunkept",
        "profilepets", "profilepetharm",
        "journaltext", "journaltag", "journalamended", "journalreason", "journaldraft", "journalchangedraft",
        "boundarytext", "boundaryamended", "lettertext", "letterlater", "letterdraft",
    ]

    @Test func noMarkerOrSecretIsLeftInTheVaultItsBackupTheTemporaryFolderOrTheRunningProcess() throws {
        let started = Date().addingTimeInterval(-2)  // file times have coarse resolution on some systems
        // A passphrase of this run's own: other tests run at the same time with the shared one.
        let vault = try CLIVault(passphrase: "no traces \(Self.run) lantern quilt")
        var ran = 1  // init
        let m = Self.marker
        let originals = try OriginalFiles(vault.folder, marker: m)

        // Every field of an incident, with an attachment whose name and bytes are markers.
        let logged = try vault.run([
            "log", "--when", "2026-03-02 21:30", "--duration", m("duration"), "--where", m("where"), "--who", m("who"),
            "--witness", m("witness"), "--children-present", "--children-harmed", m("childrenharmed"), "--kind", "physical",
            "--text", m("text"), "--quote", m("quote"), "--felt", m("felt"), "--injuries", m("injuries"),
            "--injury-location", m("injurylocation"), "--weapons", m("weapons"), "--high-risk", "strangulation",
            "--medical", m("medical"), "--police", "--officer", m("officer"), "--report-number", m("reportnumber"),
            "--technology", m("technology"), "--attach", originals.photo, "--json",
        ])
        #expect(logged.status == 0, "\(logged)")
        ran += 2
        let id = try #require((try JSONSerialization.jsonObject(with: Data(logged.output.utf8)) as? [String: Any])?["id"] as? String)
        let short = String(id.prefix(8))
        let second = try vault.run(["log", "--when", "yesterday", "--text", "written by mistake", "--json"])
        let secondID = try #require((try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any])?["id"] as? String)

        var commands: [[String]] = [
            ["amend", short, "--text", m("amended")],
            ["attach", short, originals.later, "--caption", m("latercaption")],
            ["retract", String(secondID.prefix(8)), "--reason", m("retractreason")],
            ["list"], ["list", "plan"], ["list", "contacts"], ["show", short], ["search", m("text")], ["timeline"],
            ["plan", "template"], ["plan", "add", m("plantitle"), "--category", "documents", "--notes", m("plannotes"), "--due", "2026-04-01"],
            ["contacts", "add", m("contactname"), "--role", "advocate", "--phone", m("contactphone"), "--email", m("contactemail"),
             "--address", m("contactaddress"), "--safe", m("contactsafe"), "--notes", m("contactnotes")],
            ["contacts", "list"], ["plan"], ["check"], ["anchor"],
        ]
        for arguments in commands {
            let result = try vault.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
            ran += 1
        }
        // A guided `log` on a terminal, stopped with Ctrl-C and kept as a draft.
        let terminal = try vault.terminal(["log"])
        try terminal.answer([
            ("When did it happen?", [""]), ("How long did it last?", [""]), ("Where did it happen?", [m("draftplace")]),
            ("What happened, in your own words?", [m("draftaccount")]),
        ])
        try terminal.sendControlC()
        try terminal.expect("Keep what you typed as an encrypted draft")
        try terminal.send("yes")
        try terminal.expect("Kept as an encrypted draft")
        #expect(try terminal.wait() == .exited(0))
        ran += 1

        let plan = try #require(try vault.json(["plan"]) as? [String: Any])
        let step = try #require((plan["steps"] as? [[String: Any]])?.first { (($0["planItem"] as? [String: Any])?["title"] as? String) == m("plantitle") })
        let stepID = String(try #require(step["id"] as? String).prefix(8))
        commands = [["plan", "done", stepID], ["plan", "undo", stepID], ["plan", "done", stepID]]
        for arguments in commands { #expect(try vault.run(arguments).status == 0, "\(arguments)") }
        ran += commands.count + 1

        // A good day, an apology and a promise (marked broken), and the cycle view.
        let promise = try #require(try vault.json(["moments", "add", "promise", m("promisesaid")]) as? [String: Any])
        let promiseID = String(try #require(promise["id"] as? String).prefix(8))
        commands = [
            ["moments", "add", "apology", m("apologysaid"), "--when", "2026-03-03", "--incident", short],
            ["moments", "add", "good-day", m("gooddaysaid")], ["moments", "broken", promiseID], ["moments", "list"],
            ["timeline", "--cycle"], ["search", m("apologysaid")],
        ]
        for arguments in commands { #expect(try vault.run(arguments).status == 0, "\(arguments)") }
        ran += commands.count + 1

        // A check-in on the bond, on a terminal, with a note.
        let checkIn = try vault.terminal(["check-in"])
        try checkIn.pressEnter(until: "Anything you want to add, for yourself?")
        try checkIn.send(m("checkinnote"))
        try checkIn.expect("type a number to change that answer")
        try checkIn.send("")
        try checkIn.expect("Saved.")
        #expect(try checkIn.wait() == .exited(0))
        #expect(try vault.run(["check-in", "--changes"]).status == 0)
        ran += 2

        // The profile, on a terminal: the parties, a child, firearms and pets.
        let profile = try vault.terminal(["profile"])
        try profile.answer([
            ("Your name, as it should appear on the report?", [m("profileowner")]),
            ("What is their name?", [m("profileperson")]),
            ("How are they related to you?", [""]),
            ("Their date of birth, or their age?", [m("profileage")]),
            ("Anything else a petition asks", [m("profiledetails")]),
            ("Children: yours, theirs, or any who live with you?", [m("profilechild")]),
            ("How old is", [""]),
            ("Type a name or initials", [""]),
            ("Does the person have guns", ["yes"]),
            ("What kind?", [m("profilegunkind")]), ("How many?", [""]), ("Where are they kept?", [m("profilegunkept")]),
            ("Are there pets in your home or family?", ["yes"]),
            ("Who are they?", [m("profilepets")]),
            ("Has the person harmed, threatened or killed an animal", [m("profilepetharm")]),
        ])
        try profile.expect("type a number to change that answer")
        try profile.send("")
        try profile.expect("Saved your profile.")
        #expect(try profile.wait() == .exited(0))
        #expect(try vault.run(["profile", "show"]).status == 0)
        ran += 2
        // A journal entry from standard input, amended, listed, shown, searched and retracted;
        // a guided one stopped with Ctrl-C and kept as a draft; and a guided change to another
        // entry stopped the same way and kept as a draft of that entry.
        let journal = try vault.run(
            ["journal", "write", "--text-stdin", "--tag", m("journaltag"), "--json"], extraInput: [m("journaltext"), "", "more"])
        #expect(journal.status == 0, "\(journal)")
        let journalID = String(try #require((try JSONSerialization.jsonObject(with: Data(journal.output.utf8)) as? [String: Any])?["id"] as? String).prefix(8))
        #expect(try vault.run(["journal", "amend", journalID, "--text-stdin"], extraInput: [m("journalamended")]).status == 0)
        commands = [
            ["journal", "list"], ["journal", "list", "--tag", m("journaltag")], ["journal", "show", journalID],
            ["journal", "search", m("journalamended")], ["journal", "retract", journalID, "--reason", m("journalreason")],
        ]
        for arguments in commands { #expect(try vault.run(arguments).status == 0, "\(arguments)") }
        try vault.keepJournalDraft([m("journaldraft")])
        let another = try vault.run(["journal", "write", "--text-stdin", "--json"], extraInput: ["Another day."])
        let anotherID = String(try #require((try JSONSerialization.jsonObject(with: Data(another.output.utf8)) as? [String: Any])?["id"] as? String).prefix(8))
        try vault.keepDraft(["journal", "amend", anotherID], [m("journalchangedraft"), "more, \"quoted\""])
        ran += commands.count + 5

        // A boundary (changed, so its earlier wording is in the history), two letters, and
        // `remember`, which shows them all.
        let boundary = try #require(try vault.json(["boundaries", "add", m("boundarytext")]) as? [String: Any])
        let boundaryID = String(try #require(boundary["id"] as? String).prefix(8))
        #expect(try vault.run(["letter", "write", "--stdin"], extraInput: [m("lettertext"), "", "no"]).status == 0)
        #expect(try vault.run(["letter", "write", "--stdin"], extraInput: [m("letterlater")]).status == 0)
        commands = [
            ["boundaries", "amend", boundaryID, "--text", m("boundaryamended")], ["boundaries", "--history"],
            ["letter"], ["remember"], ["remember", "--json"], ["search", m("boundaryamended")],
        ]
        for arguments in commands { #expect(try vault.run(arguments).status == 0, "\(arguments)") }
        ran += commands.count + 3
        // An unfinished letter, stopped with Ctrl-C and kept as a draft.
        try vault.keepLetterDraft([m("letterdraft"), "", "more, \"quoted\""])
        ran += 1

        // The sealed bundle, with everything in it, and the recipient's check of the sealed file
        // (in memory). `open` and `decrypt` are not run: they write the plaintext the recipient
        // asked for, by design.
        let key = vault.folder.appending("advocate-key.txt")
        let made = try vault.runner.run(["recipient", "new", "-o", key])
        let recipient = try #require(made.output.split(separator: "\n").last.map(String.init), "\(made)")
        let bundle = vault.folder.appending("for-advocate.age")
        let exported = try vault.run(["export", "-o", bundle, "--to", recipient, "--include-plan", "--include-contacts", "--history",
            "--include-profile"])
        #expect(exported.status == 0, "\(exported)")
        #expect(TestFiles.mode(bundle) == 0o600)
        #expect(try vault.runner.run(["verify", bundle, "-i", key]).status == 0)
        ran += 3

        // Secrets: a recovery code, then a new passphrase; both must work.
        let recovery = try vault.run(["recovery", "new", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"])
        #expect(recovery.status == 0, "\(recovery)")
        let code = try #require(recovery.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.count == 29 && $0.split(separator: "-").count == 5 })
        let newPassphrase = "fresh meadow copper violin \(Self.run)"
        let changed = try vault.run(["passphrase", "change", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"], extraInput: [newPassphrase])
        #expect(changed.status == 0, "\(changed)")
        #expect(try vault.run(["list"], passphrase: newPassphrase).status == 0)
        #expect(try vault.runner.run(["list", "--recovery", "--vault", vault.path, "--passphrase-stdin"], input: code + "\n").status == 0)
        let backupPath = vault.folder.appending("usb/copy")
        #expect(try vault.run(["backup", backupPath], passphrase: newPassphrase).status == 0)
        ran += 5

        // A shell session, looked at from outside while it runs.
        let process = try ShellSession(vault: vault.path, passphrase: newPassphrase, runner: vault.runner)
        process.send("contacts add \(m("shellcontact")) --role friend")
        process.send("contacts list")
        #expect(process.waitForOutput(containing: m("shellcontact")), "\(process.output)")
        let procFiles = ["cmdline", "environ", "status", "limits"].map { name in
            (name, (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process.pid)/\(name)"))).map(Array.init))
        }
        let environReadable = procFiles.contains { $0.0 == "environ" && $0.1 != nil }
        let dumpable = NonDumpableCheck.run(
            binary: vault.runner.executable, vault: vault.path, passphrase: newPassphrase, environReadableBySameUser: environReadable)
        process.send("lock")
        #expect(process.finish() == 0)
        ran += 1

        var secrets = Self.fields.map(m) + [vault.passphrase, newPassphrase, code, code.replacingOccurrences(of: "-", with: "")]
        secrets.removeAll { $0.isEmpty }
        for (name, bytes) in procFiles {
            guard let bytes else {
                // environ is unreadable when the reader may not trace the process: as it should be.
                #expect(name == "environ", "/proc/PID/\(name) could not be read")
                continue
            }
            for secret in secrets { #expect(!bytes.containsBytes(Array(secret.utf8)), "\(secret) in /proc/PID/\(name)") }
            if name == "limits" {
                let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("Max core file size") }
                #expect(line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"], "\(line ?? "")")
            }
        }
        #expect(dumpable.verdict != .dumpable, "\(dumpable)")

        // Every file of the vault, its backup and the temporary folder (but the owner's own
        // originals), in every form.
        let files = TraceSearch.files(in: [vault.path, backupPath], temporaryFolderExcept: originals.paths, since: started)
        let found = TraceSearch.find(secrets, in: files)
        for (secret, path) in found { Issue.record("\(secret) found in \(path)") }
        let searched = secrets.count * TraceSearch.forms("x").count * files.count
        // Files 0600, folders 0700, in the vault and the backup.
        var modes = 0
        for root in [vault.path, backupPath] {
            #expect(TestFiles.mode(root) == 0o700, "\(root)")
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let name = enumerator?.nextObject() as? String {
                let full = root + "/" + name
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                #expect(TestFiles.mode(full) == (isFolder.boolValue ? 0o700 : 0o600), "\(full)")
                modes += 1
            }
        }
        print("""
            no traces: \(ran) commands, \(secrets.count) markers and secrets in \(TraceSearch.forms("x").count) forms \
            searched in \(files.count) files (\(searched) searches), \(found.count) found; /proc cmdline, environ, status, limits of a \
            running shell: 0 found, core size 0, \(dumpable); \(modes) files and folders 0600/0700
            """)
    }
}

/// Looks for strings left readable in files: as they are, in base64 (at each of the three
/// alignments) and in hex (either case). (OwnerJourneyTests searches for its own markers in
/// clear, one base64 alignment and lower-case hex.)
enum TraceSearch {
    /// The forms a string could be found in.
    static func forms(_ text: String) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var out = [bytes, Array(Hex.encode(bytes).utf8), Array(Hex.encode(bytes).uppercased().utf8)]
        for pad in 0..<3 {
            let encoded = Base64.encode([UInt8](repeating: 0x20, count: pad) + bytes, variant: .original)
            out.append(Array(encoded.utf8.dropFirst(4).dropLast(4)))  // the part that does not depend on the neighbours
        }
        return out
    }

    /// Every regular file under `folders`, and every one under the temporary folder that was
    /// written since `since` (older files can't hold what this run wrote; on a shared machine
    /// the folder holds gigabytes of others' files), except the paths in `allowed` (the
    /// owner's own files).
    static func files(in folders: [String], temporaryFolderExcept allowed: Set<String>, since: Date) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for folder in folders {
            for (name, bytes) in TestFiles.fingerprintContents(folder) { files[folder + "/" + name] = bytes }
        }
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        let resolvedAllowed = Set(allowed.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
        for (name, bytes) in TestFiles.fingerprintContents(temp, maximumFileSize: 64 << 20, modifiedSince: since) {
            let full = URL(fileURLWithPath: temp + "/" + name).resolvingSymlinksInPath().path
            if !resolvedAllowed.contains(full) && !folders.contains(where: { full.hasPrefix($0) }) { files[full] = bytes }
        }
        return files
    }

    /// Each (string, path) where a form of the string was found.
    static func find(_ strings: [String], in files: [String: [UInt8]]) -> [(String, String)] {
        var found: [(String, String)] = []
        for string in strings {
            for form in forms(string) {
                for (path, bytes) in files where bytes.containsBytes(form) { found.append((string, path)) }
            }
        }
        return found
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (memchr for its first byte, then memcmp: fast
    /// enough for every form of every marker in every file).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        return withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { wanted in
                var start = haystack.baseAddress!
                let end = haystack.baseAddress! + (haystack.count - wanted.count + 1)
                while start < end {
                    guard let hit = memchr(start, Int32(wanted[0]), end - start) else { return false }
                    let candidate = hit.assumingMemoryBound(to: UInt8.self)
                    if memcmp(candidate, wanted.baseAddress!, wanted.count) == 0 { return true }
                    start = UnsafePointer(candidate + 1)
                }
                return false
            }
        }
    }
}

/// The owner's own files to attach (the only files allowed to hold markers).
struct OriginalFiles {
    let photo: String
    let later: String
    var paths: Set<String> { [photo, later] }

    init(_ folder: TemporaryFolder, marker: (String) -> String) throws {
        photo = folder.appending("\(marker("filename")).jpg")
        TestFiles.write((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 29) } + Array(marker("filebody").utf8), to: photo)
        later = folder.appending("later.png")
        TestFiles.write(Array("\(marker("filebody")) again".utf8), to: later)
    }
}

/// `keepsake shell` reading its commands from a pipe.
final class ShellSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    var pid: Int32 { process.processIdentifier }
    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    init(vault: String, passphrase: String, runner: ProgramRunner) throws {
        process.executableURL = URL(fileURLWithPath: runner.executable)
        process.arguments = ["shell", "--vault", vault, "--passphrase-stdin"]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdout = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stdout
        let reading = stdout.fileHandleForReading
        try process.run()
        DispatchQueue.global().async { [self] in
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                lock.withLock { collected += chunk }
            }
        }
        send(passphrase)
        _ = waitForOutput(containing: "Unlocked")
    }

    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    func waitForOutput(containing text: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output.contains(text) { return true }
            usleep(5_000)
        }
        return false
    }

    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Whether another process of the same user can read a running `keepsake shell`'s memory
/// (its /proc environ, like ptrace, needs the process to be dumpable). Run as that same user:
/// the test's own user when it is not root; as root, both sides run as `nobody` (setpriv), with
/// a dumpable `sleep` beside it as the control that shows the reader could read a dumpable one.
struct NonDumpableCheck: CustomStringConvertible {
    enum Verdict: Equatable { case notDumpable, dumpable, notChecked(String) }
    var verdict: Verdict

    var description: String {
        switch verdict {
        case .notDumpable: return "not readable by another process of its user (non-dumpable)"
        case .dumpable: return "READABLE by another process of its user"
        case let .notChecked(why): return "dumpability not checked (\(why))"
        }
    }

    static func run(binary: String, vault: String, passphrase: String, environReadableBySameUser: Bool) -> NonDumpableCheck {
        if getuid() != 0 {
            // The shell runs as our own user: its environ is readable unless it is non-dumpable.
            return NonDumpableCheck(verdict: environReadableBySameUser ? .dumpable : .notDumpable)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            return NonDumpableCheck(verdict: .notChecked("no setpriv"))
        }
        let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        // A copy of the vault that nobody may open, in a folder nobody may enter.
        let folder = TemporaryFolder()
        chmod(folder.path, 0o711)
        let copy = folder.appending("vault")
        TestFiles.copyFolder(vault, to: copy)
        let owned = Process()
        owned.executableURL = URL(fileURLWithPath: "/bin/chown")
        owned.arguments = ["-R", "65534:65534", copy]
        try? owned.run()
        owned.waitUntilExit()
        guard run(asNobody + ["/usr/bin/test", "-x", binary]).status == 0 else {
            return NonDumpableCheck(verdict: .notChecked("nobody can't run \(binary)"))
        }
        guard let shell = try? ShellSessionAs(asNobody + [binary, "shell", "--vault", copy, "--passphrase-stdin"], passphrase: passphrase),
            shell.unlocked
        else { return NonDumpableCheck(verdict: .notChecked("the shell did not unlock as nobody")) }
        defer { shell.stop() }
        let control = Process()
        control.executableURL = URL(fileURLWithPath: asNobody[0])
        control.arguments = Array(asNobody.dropFirst()) + ["/bin/sleep", "10"]
        try? control.run()
        defer { control.terminate() }
        usleep(200_000)
        let controlRead = run(asNobody + ["/bin/cat", "/proc/\(control.processIdentifier)/environ"]).status == 0
        let shellRead = run(asNobody + ["/bin/cat", "/proc/\(shell.pid)/environ"]).status == 0
        guard controlRead else { return NonDumpableCheck(verdict: .notChecked("the control process was not readable either")) }
        return NonDumpableCheck(verdict: shellRead ? .dumpable : .notDumpable)
    }

    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let result = try? ProgramRunner(executable: arguments[0]).run(Array(arguments.dropFirst())) else { return (-1, "") }
        return (result.status, result.output)
    }
}

/// A shell started through setpriv, kept running until `stop()`.
final class ShellSessionAs {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    var pid: Int32 = 0
    var unlocked = false

    init(_ arguments: [String], passphrase: String) throws {
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((passphrase + "\n").utf8))
        // setpriv execs the program in place: same pid.
        pid = process.processIdentifier
        let handle = output.fileHandleForReading
        var seen = Data()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !unlocked {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += chunk
            unlocked = String(decoding: seen, as: UTF8.self).contains("Unlocked")
        }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
