import Foundation
import KeepsakeAge
import KeepsakeBundle
import KeepsakeCrypto

/// Decrypts a sealed (age) bundle to verify it in place, in one streaming pass (see
/// `StreamedArchive`): its plaintext is never written anywhere nor held whole, so memory stays
/// flat whatever the bundle's size.
enum SealedInput {
    static func archive(_ path: String, key: RecipientKeyOptions) throws -> any BundleContents {
        let decryptor = try AgeKeys.decryptor(key)
        _ = try InputFile(path)  // a file that can't be read is named now, as a usage error
        return try StreamedArchive(path: path) { sink in
            let input = try InputFile(path)
            var source = input.source
            _ = try decryptor.decrypt(from: &source, to: &sink)
        }
    }
}
