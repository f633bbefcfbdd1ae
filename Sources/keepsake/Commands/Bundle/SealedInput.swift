import Foundation
import KeepsakeAge
import KeepsakeBundle
import KeepsakeCrypto

/// Decrypts a sealed (age) bundle to verify it in place, without writing its plaintext to
/// disk: streamed into an anonymous memory file (see `BundleArchive.init(path:decryptingWith:)`),
/// so this process's memory stays flat whatever the bundle's size. Bundles larger than
/// `memoryLimit` are opened with `keepsake open` instead (the memory file still holds them).
enum SealedInput {
    static let memoryLimit = 1 << 30

    static func archive(_ path: String, key: RecipientKeyOptions) throws -> any BundleContents {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= memoryLimit else {
            throw CLIError.usage("\(path) is too large to check in memory; open it with `keepsake open \(path) -i KEY -o FOLDER`, then verify the folder")
        }
        let decryptor = try AgeKeys.decryptor(key)
        let input = try InputFile(path)
        return try BundleArchive(path: path) { descriptor in
            var source = input.source
            var sink = FileDescriptorSink(descriptor: descriptor)
            _ = try decryptor.decrypt(from: &source, to: &sink)
        }
    }
}
