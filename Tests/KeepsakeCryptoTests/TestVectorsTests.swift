import Foundation
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

@Test func vectorFolderIsInsideThePackage() throws {
    let root = try TestVectors.packageRoot()
    let manifest = root.appendingPathComponent("Package.swift").path
    #expect(FileManager.default.fileExists(atPath: manifest))
    let folder = try TestVectors.directory()
    // Unless KEEPSAKE_VECTORS points elsewhere, the vectors are the repository's own copy, so a
    // fresh clone with nothing beside it runs every vector test.
    if ProcessInfo.processInfo.environment[TestVectors.environmentVariable, default: ""].isEmpty {
        #expect(folder.path == root.appendingPathComponent("Tests/Vectors").standardizedFileURL.path)
    }
    #expect(
        FileManager.default.fileExists(
            atPath: folder.appendingPathComponent("wycheproof/x25519_test.json").path))
}

@Test func missingVectorFileIsAnErrorNotASkip() {
    #expect(throws: VectorError.self) {
        try Wycheproof.load("no_such_test.json", as: WycheproofGroup<NoParameters, HKDFInput>.self)
    }
    #expect(throws: VectorError.self) { try TestVectors.url("wycheproof/no_such_test.json") }
}

/// `Tests/Vectors/SHA256SUMS` pins every vendored vector file: none may change, go missing or
/// appear without the list (and so the README's provenance) being updated with it.
@Test func vendoredVectorsMatchTheirChecksums() throws {
    let folder = try TestVectors.packageRoot().appendingPathComponent("Tests/Vectors")
    let sums = try String(contentsOf: folder.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
    var listed: [String: String] = [:]
    for line in sums.split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 1)
        try #require(parts.count == 2, "malformed SHA256SUMS line: \(line)")
        let path = String(parts[1].drop(while: { $0 == " " || $0 == "*" }))
        listed[path.hasPrefix("./") ? String(path.dropFirst(2)) : path] = String(parts[0])
    }
    #expect(listed.count > 100)

    var onDisk: Set<String> = []
    let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = folder.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            !isDirectory.boolValue, relative != "SHA256SUMS", relative != "README.md"
        else { continue }
        onDisk.insert(relative)
    }
    #expect(onDisk == Set(listed.keys), "files not matching SHA256SUMS")

    for (relative, expected) in listed.sorted(by: { $0.key < $1.key }) {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(relative)))
        let hex = SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined()
        #expect(hex == expected, "\(relative) differs from its SHA256SUMS line")
    }
}
