import Foundation
import KeepsakeAge
import KeepsakeBundle

/// Reads a sealed (age) bundle into memory to verify it in place, without writing its
/// plaintext anywhere. Large bundles are opened with `keepsake open` instead.
enum SealedInput {
    static let memoryLimit = 1 << 30

    static func archive(_ path: String, key: RecipientKeyOptions) throws -> any BundleContents {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= memoryLimit else {
            throw CLIError.usage("\(path) is too large to check in memory; open it with `keepsake open \(path) -i KEY -o FOLDER`, then verify the folder")
        }
        let decryptor = try AgeKeys.decryptor(key)
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.usage("can't read \(path)") }
        let plaintext = try decryptor.decrypt(Array(data))
        return try BundleArchive(path: path, data: Data(plaintext))
    }
}
