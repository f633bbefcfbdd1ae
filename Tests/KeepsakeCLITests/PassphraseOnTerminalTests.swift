import Foundation
import KeepsakeTestSupport
import Testing

/// `--passphrase-stdin` meant for scripts, used by a person at a terminal: the passphrase is
/// read with echo off, so it never appears on the screen or in the scrollback.
@Suite struct PassphraseOnTerminalTests {
    @Test func passphraseStdinOnATerminalDoesNotEchoThePassphrase() throws {
        let vault = try CLIVault()
        let terminal = try PseudoTerminal(product: "keepsake", arguments: ["list", "--vault", vault.path, "--passphrase-stdin"])
        try terminal.expect("Passphrase: ")
        try terminal.send(vault.passphrase)
        #expect(try terminal.wait() == .exited(0), "\(terminal.transcript)")
        #expect(!terminal.transcript.contains(vault.passphrase), "echoed: \(terminal.transcript)")
    }

    @Test func aNewPassphraseTypedAfterPassphraseStdinIsAskedTwiceWithoutEcho() throws {
        let vault = try CLIVault()
        let fresh = "orbit walnut fjord ukulele"
        let terminal = try PseudoTerminal(
            product: "keepsake",
            arguments: ["passphrase", "change", "--vault", vault.path, "--passphrase-stdin", "--kdf-memory", "1", "--kdf-passes", "1", "--insecure-test-kdf"],
            timeout: 60)
        try terminal.expect("Passphrase: ")
        try terminal.send(vault.passphrase)
        try terminal.expect("New passphrase: ")
        try terminal.send(fresh)
        try terminal.expect("Type it again: ")
        try terminal.send(fresh)
        #expect(try terminal.wait() == .exited(0), "\(terminal.transcript)")
        #expect(!terminal.transcript.contains(vault.passphrase) && !terminal.transcript.contains(fresh), "echoed: \(terminal.transcript)")
        #expect(try vault.run(["list"], passphrase: fresh).status == 0)
    }
}
