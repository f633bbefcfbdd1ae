import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeVault

/// The benchmark's vaults: one passphrase, a cheap key derivation (except where unlocking is
/// what is measured), and plausible incidents of about the size an owner writes.
enum BenchVaults {
    /// The passphrase of every vault the benchmark makes.
    static var passphrase: Passphrase { Passphrase(copying: passphraseText) }
    /// The same passphrase as text, for the `keepsake` program started by the benchmark.
    static let passphraseText = "keepsake bench needle wharf indigo"
    /// Argon2id at libsodium's floor (1 pass, 8 KiB): opening these vaults costs nothing, so
    /// what is measured is the rest. Never used outside the benchmark and the tests.
    static let kdf = Argon2idParameters(opsLimit: 1, memLimit: 8192)

    private static let places = [
        "the kitchen, by the back door", "the car, parked outside the school",
        "the upstairs landing", "my sister's flat, in the hallway", "the bedroom",
    ]
    private static let accounts = [
        "He came home late and started shouting about the money as soon as he was inside. "
            + "He took my phone off the table, read my messages and said he would find out who "
            + "I had been talking to. When I asked for it back he pushed me against the counter.",
        "We were driving back from his mother's. He drove faster and faster when I asked him to "
            + "slow down, then stopped the car on the verge and told me to get out and walk home. "
            + "The children were in the back seat and started crying.",
        "I found the tracking app on my phone again, the one I deleted last month. When I asked "
            + "him about it he said I had nothing to hide if I had nothing to hide, and that he "
            + "would take the car keys if I went out without telling him.",
    ]

    /// Incident number `index`: fields filled the way the guided prompts fill them, about
    /// 800 bytes of JSON, so every frame lands in the same 1 KiB bucket.
    static func incident(_ index: Int) -> Incident {
        let start = Date(timeIntervalSince1970: 1_600_000_000 + Double(index) * 26_000)
        return Incident(
            occurred: Occurrence(start: start, approximate: index % 4 == 0),
            duration: "about \(10 + index % 50) minutes",
            location: places[index % places.count],
            people: index % 3 == 0 ? ["J."] : [],
            witnesses: index % 5 == 0 ? ["the neighbour downstairs"] : [],
            childrenPresent: YesNoAnswer(index % 2 == 0),
            kinds: [.verbal, .emotional, index % 3 == 0 ? .physical : .technology],
            account: accounts[index % accounts.count] + " (entry \(index))",
            quotes: ["You're nothing without me.", "Nobody will believe you."],
            feelings: "frightened, and ashamed that the children saw it",
            injuries: index % 3 == 0 ? "bruise on the upper arm" : nil,
            injuryLocations: index % 3 == 0 ? ["left upper arm"] : [],
            police: index % 7 == 0 ? PoliceReport(involved: true, reportNumber: "CR-\(100_000 + index)") : nil)
    }

    /// Adds incidents `range` to `vault`, each appended (and fsync'd) on its own, with a
    /// progress line every `step` entries.
    /// - Throws: what `Vault.add` throws.
    static func addIncidents(_ range: Range<Int>, to vault: Vault, label: String) throws {
        let step = max(10_000, range.count / 10)
        for index in range {
            try vault.add(.incident(incident(index)))
            if (index - range.lowerBound + 1) % step == 0 {
                Log.progress("\(label): \(index - range.lowerBound + 1) of \(range.count) entries")
            }
        }
    }
}
