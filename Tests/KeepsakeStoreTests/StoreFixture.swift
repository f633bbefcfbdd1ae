import KeepsakeCrypto
import KeepsakeTestSupport
@testable import KeepsakeStore

/// A small vault made for one test: created with cheap KDF settings, with `count` entries.
final class StoreFixture {
    let folder = TemporaryFolder()
    let passphrase = Passphrase(copying: "correct horse battery staple")
    /// Where the frames ended after each append (so frame boundaries are known; the rest of
    /// the log file is filler).
    private(set) var logSizes: [Int] = []
    var vaultPath: String { folder.appending("vault") }
    var layout: VaultLayout { VaultLayout(folder: vaultPath) }

    init(entries count: Int = 3) throws {
        let store = try VaultStore.create(
            at: vaultPath, passphrase: passphrase, parameters: TestKDF.cheap)
        logSizes.append(store.logFramesEnd)
        for i in 0..<count {
            try store.append(payload(i))
            logSizes.append(store.logFramesEnd)
        }
        headAfterSetUp = TestFiles.read(layout.head)
    }

    /// The head file as the set-up left it.
    private(set) var headAfterSetUp: [UInt8] = []
    /// Where the frames ended after the set-up.
    var framesEnd: Int { logSizes.last ?? 0 }

    func payload(_ i: Int) -> [UInt8] { Array("entry number \(i): a private account".utf8) }

    func open(_ mode: VaultStore.AccessMode = .readWrite) throws -> VaultStore {
        try VaultStore.open(at: vaultPath, passphrase: passphrase, mode: mode)
    }

    var log: [UInt8] {
        get { TestFiles.read(layout.log) }
        set { TestFiles.write(newValue, to: layout.log) }
    }

    /// The bytes of frame `index`.
    func frameRange(_ index: Int) -> Range<Int> { logSizes[index]..<logSizes[index + 1] }
}
