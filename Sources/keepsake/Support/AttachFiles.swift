import Foundation
import KeepsakeStore
import KeepsakeVault

/// Attaching files: checks, then streams each into the vault.
enum AttachFiles {
    /// Fails early (before unlocking) if a file can't be read.
    static func checkReadable(_ paths: [String]) throws {
        for path in paths where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError.usage("can't read \(path); check the path (nothing was saved)")
        }
    }

    /// Asks for file paths on a terminal.
    static func askForPaths(_ prompter: Prompter) -> [String] {
        var paths: [String] = []
        while let path = prompter.ask(paths.isEmpty
            ? "Attach a photo, screenshot, recording or document? Type its path"
            : "Another file?")
        {
            let cleaned = path.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
            if FileManager.default.isReadableFile(atPath: cleaned) { paths.append(cleaned) } else {
                print(Terminal.style("  Can't read \(cleaned); check the path.", "31"))
            }
        }
        return paths
    }

    /// Stores each file and records it against `id`; returns how many were attached.
    static func add(_ paths: [String], to id: EntryID, in vault: Vault, caption: String? = nil) throws -> Int {
        for path in paths {
            try add(path, to: id, in: vault, caption: caption)
        }
        return paths.count
    }

    @discardableResult
    static func add(_ path: String, to id: EntryID, in vault: Vault, caption: String?) throws -> AttachedFile {
        // Wired to the store's attachment stream when it lands (branch `stream`).
        throw CLIError.failed("attachments are not available in this build")
    }
}
