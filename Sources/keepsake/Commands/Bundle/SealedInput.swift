import Foundation
import KeepsakeBundle

/// Reads a sealed (age) bundle into memory to verify it in place.
enum SealedInput {
    static func archive(_ path: String, key: RecipientKeyOptions) throws -> any BundleContents {
        throw CLIError.usage("\(path) is a sealed bundle; open it first with `keepsake open \(path) -i KEY -o FOLDER`")
    }
}
