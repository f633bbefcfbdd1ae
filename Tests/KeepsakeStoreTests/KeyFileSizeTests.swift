import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// What SECURITY.md promises of the key file `0`'s size: 1,752 bytes whatever it holds (one
/// passphrase, two, a recovery code, up to 21 key changes), so its size tells no one how many
/// secrets open the vault or how often they changed; from the 22nd change on it grows by one
/// 1,024-byte block per 25 changes (docs/FORMAT.md, "Key slots").
@Suite struct KeyFileSizeTests {
    @Test func theKeyFileKeepsOneSizeWhateverItHoldsUntilTheTwentySecondChange() throws {
        let fixture = try StoreFixture(entries: 1)
        let store = try fixture.open()
        defer { store.close() }
        func size() -> Int { TestFiles.read(fixture.layout.keySlots).count }
        #expect(size() == 1_752 && size() == KeyFile.smallestByteCount)

        try store.setRecoveryCode(Passphrase(copying: "a recovery code kept on paper"), parameters: TestKDF.cheap)
        #expect(size() == 1_752, "a recovery code shows in the size")
        var second = KeyChange(parameters: TestKDF.cheap)
        second.passphrase = Passphrase(copying: "a second passphrase for the same vault")
        try store.changeKeys(second)
        #expect(size() == 1_752, "a passphrase change shows in the size")

        while store.keyGeneration < 21 {
            try store.changePassphrase(
                to: Passphrase(copying: "passphrase number \(store.keyGeneration + 1)"), parameters: TestKDF.cheap)
            #expect(size() == 1_752, "generation \(store.keyGeneration) shows in the size")
        }
        try store.changePassphrase(to: Passphrase(copying: "passphrase number 22"), parameters: TestKDF.cheap)
        #expect(store.keyGeneration == 22)
        #expect(size() == 1_752 + 1_024, "the 22nd change adds one block")
        try store.append(Array("written after 22 changes".utf8))
        #expect(store.issues.isEmpty)
    }
}
