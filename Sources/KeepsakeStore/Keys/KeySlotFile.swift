import KeepsakeCrypto

/// The key-slot file: exactly four 104-byte slots (416 bytes), so its size says nothing about
/// how many passphrases or recovery codes exist. Replaced atomically on every change.
struct KeySlotFile {
    static let slotCount = 4
    static let byteCount = slotCount * KeySlot.byteCount

    /// Slots by position; nil where unused or unreadable.
    var slots: [KeySlot?]

    /// A new file with the passphrase in slot 0 and the rest unused.
    init(first: KeySlot) {
        slots = [first] + Array(repeating: nil, count: Self.slotCount - 1)
    }

    /// Parses the file. A short file keeps the slots that are complete.
    init(bytes: [UInt8]) {
        slots = (0..<Self.slotCount).map { index in
            let start = index * KeySlot.byteCount
            let end = start + KeySlot.byteCount
            guard end <= bytes.count else { return nil }
            return KeySlot.decode(bytes[start..<end])
        }
    }

    /// The 416 bytes to write; unused positions get fresh random bytes every time.
    func encoded() -> [UInt8] {
        slots.flatMap { ($0 ?? KeySlot.unused()).encoded() }
    }

    /// Tries the slots of `kind` in order: one Argon2id run per matching slot.
    /// - Returns: the master key and the index of the slot that opened, or nil.
    /// - Throws: `CryptoError.outOfMemory`.
    func unlock(with passphrase: Passphrase, kind: KeySlot.Kind) throws(CryptoError)
        -> (key: SymmetricKey, index: Int)?
    {
        for (index, slot) in slots.enumerated() {
            guard let slot, slot.kind == kind else { continue }
            if let key = try slot.unwrap(with: passphrase) { return (key, index) }
        }
        return nil
    }

    /// The first free position, if any.
    var freeIndex: Int? { slots.firstIndex { $0 == nil } }
}
