import Foundation

/// A check-in on the bond as saved: when, and the answers.
public struct SavedCheckIn: Equatable, Sendable {
    /// The entry's id.
    public var id: EntryID
    /// When it was saved (device clock).
    public var writtenAt: Date
    /// The answers.
    public var checkIn: BondCheckIn
}

extension Vault {
    /// Saves a check-in on the bond (a new entry; earlier ones are kept to compare with).
    /// - Throws: `VaultError.store`.
    @discardableResult
    public func saveCheckIn(_ checkIn: BondCheckIn) throws(VaultError) -> SavedCheckIn {
        try write(Entry(kind: .checkIn, checkIn: checkIn))
        return checkIns[checkIns.count - 1]
    }
}
