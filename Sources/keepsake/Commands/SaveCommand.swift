import ArgumentParser
import Foundation
import KeepsakeStore
import KeepsakeVault

/// `keepsake save ID -o PATH`: gives an attached file back, out of the vault, checked against
/// the SHA-256 recorded when it was attached. The vault may hold the only copy of a photo.
struct SaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save an attached file back out of the vault (the copy is not encrypted).",
        discussion: """
            ID is an attachment's id (`keepsake show ID` lists them) or an entry's id. An entry \
            with one attached file saves that file; with several, give a folder and they are all \
            saved there under their original names. Each file is checked against the SHA-256 \
            fingerprint recorded when it was attached; a file that fails the check, or that \
            can't be written whole (a full disk), is removed again. Nothing is ever overwritten.

            The saved copy is NOT encrypted: anyone using this computer can open it. Delete it \
            when you no longer need it.
            """)

    @Argument(help: "An attachment's id, or the id of the entry it belongs to.")
    var id: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("A folder to save into, or a new file's name.", valueName: "path"))
    var output: String

    @OptionGroup var vault: VaultOptions
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try CommandRunner.run {
            let opened = try Unlock.vault(vault, passphrase, mode: .readOnly)
            let files = try Self.chooseFiles(id, in: opened)
            let targets = try SaveTargets.plan(files.map(\.reference.fileName), output: output)
            Terminal.warning("the saved copy is not encrypted: anyone using this computer can open it. Delete it when you no longer need it.")
            for (file, target) in zip(files, targets) {
                try Self.save(file, to: target, from: opened.store)
                print("Saved \(target) (\(file.reference.size) bytes, SHA-256 checked).")
            }
        }
    }

    /// The attachment `id` names, or the attachments of the entry it names.
    /// - Throws: `VaultError` for an unknown id, `CLIError.usage` for an entry without files.
    static func chooseFiles(_ id: String, in opened: Vault) throws -> [AttachedFile] {
        let resolved = try opened.resolve(id)
        guard let item = opened.item(owning: resolved) else { throw VaultError.unknownID(id) }
        if let file = item.attachments.first(where: { $0.entryID == resolved }) { return [file] }
        let files = item.visibleAttachments
        guard resolved == item.id, !files.isEmpty else {
            throw CLIError.usage("\(resolved.short) has no attached files; `keepsake show \(item.id.short)` lists them")
        }
        return files
    }

    /// Streams one attachment into a new 0600 file, removed again unless it was written whole
    /// and matched its recorded SHA-256.
    private static func save(_ file: AttachedFile, to path: String, from store: VaultStore) throws {
        let out: OutputFile
        do {
            out = try OutputFile(path)
        } catch CLIError.usage {
            throw CLIError.failed("\(path) already exists; nothing was overwritten. Choose another name or folder.")
        }
        do {
            try out.writing(aftermath: "The partial copy was removed; free some space and try again.") {
                var sink = out.sink
                try store.readAttachment(try file.reference.storeBlob(), into: &sink)
            }
            try out.keep()
        } catch let error as StoreError {
            switch error {
            case .attachmentAltered, .attachmentMissing:
                throw CLIError.integrity("\(error.description); nothing was saved to \(path). Run `keepsake check` for details.")
            default: throw error
            }
        }
    }
}

/// Where each saved file goes: `output` itself for one file that is not a folder, else inside
/// the folder under its original name made safe, made unique with " (2)", " (3)" ….
enum SaveTargets {
    /// - Throws: `CLIError.usage` when several files would go to one file name, `.failed` when a
    ///   target already exists (checked before anything is written).
    static func plan(_ names: [String], output: String) throws -> [String] {
        var info = stat()
        let isFolder = stat(output, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        guard isFolder || names.count == 1 else {
            throw CLIError.usage("there are \(names.count) attached files; give a folder with -o to save them all, or one attachment's id (`keepsake show` lists them)")
        }
        guard isFolder else {
            try refuseExisting(output)
            return [output]
        }
        var taken: Set<String> = []
        var targets: [String] = []
        for name in names {
            let safe = SafeFileName.make(from: name)
            var candidate = safe
            var n = 2
            while taken.contains(candidate) {
                candidate = numbered(safe, n)
                n += 1
            }
            taken.insert(candidate)
            let path = (output as NSString).appendingPathComponent(candidate)
            try refuseExisting(path)
            targets.append(path)
        }
        return targets
    }

    private static func refuseExisting(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            throw CLIError.failed("\(path) already exists; nothing was saved or overwritten. Choose another name or folder.")
        }
    }

    /// "photo (2).jpg" from "photo.jpg".
    private static func numbered(_ name: String, _ n: Int) -> String {
        let ns = name as NSString
        let ext = ns.pathExtension
        let stem = ext.isEmpty ? name : ns.deletingPathExtension
        return ext.isEmpty ? "\(stem) (\(n))" : "\(stem) (\(n)).\(ext)"
    }
}
