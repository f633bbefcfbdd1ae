import Foundation
import KeepsakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing outside the vault stands out: `init` at the default place creates the missing
/// folders above the vault (`~/.local`, `~/.local/share`) with the ordinary mode any program
/// gives them (0777 less the umask, as `mkdir -p` does); only the vault folder itself is
/// 0700. It used to make `~/.local` 0700, which few other programs do.
@Suite struct FootprintTests {
    @Test func initGivesTheFoldersAboveTheVaultOrdinaryModesAndTheVaultItsOwn() throws {
        let home = TemporaryFolder()
        var runner = ProgramRunner(product: "keepsake")
        runner.environment = ["HOME": home.path, "XDG_DATA_HOME": ""]
        let result = try runner.run(
            ["init", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf", "--passphrase-stdin"], input: "stable river lantern quilt\n")
        #expect(result.status == 0, "\(result)")
        let mask = umask(0o022)
        umask(mask)
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(home.appending(path), &info) == 0 ? info.st_mode & 0o7777 : 0
        }
        #expect(mode(".local") == 0o777 & ~mask, "~/.local: \(String(mode(".local"), radix: 8))")
        #expect(mode(".local/share") == 0o777 & ~mask)
        #expect(mode(".local/share/ks") == 0o700)
    }
}
