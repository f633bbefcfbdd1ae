import Foundation
import KeepsakeTestSupport
import Testing

@Test func vectorFolderIsFoundNextToThePackage() throws {
    let root = try TestVectors.packageRoot()
    let manifest = root.appendingPathComponent("Package.swift").path
    #expect(FileManager.default.fileExists(atPath: manifest))
    let folder = try TestVectors.directory()
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
