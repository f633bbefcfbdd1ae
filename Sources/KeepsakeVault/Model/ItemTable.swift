/// Every item of a vault, retracted ones included, in the order they were first written (log
/// order), found by id.
///
/// Items sit in one array, and a dictionary gives each id's place in it. Opening a vault adds
/// one item per entry and listing reads them all: an array keeps both to one hash of the id
/// per item, and lets a listing walk the items in order without hashing at all (with a
/// dictionary of items, listing 100,000 incidents spent most of its time looking ids up).
public struct ItemTable: Sendable {
    /// The items, oldest first.
    public private(set) var values: [Item] = []
    /// Each id's index in `values`.
    private var positions: [EntryID: Int] = [:]

    /// An empty table with room for `capacity` items.
    init(capacity: Int) {
        values.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// The item with this id, if any.
    public subscript(id: EntryID) -> Item? {
        positions[id].map { values[$0] }
    }

    /// How many items there are.
    public var count: Int { values.count }

    /// Every item's id, oldest first.
    public var keys: [EntryID] { values.map(\.id) }

    /// The index in `values` of the item with this id.
    func position(of id: EntryID) -> Int? { positions[id] }

    /// Adds `item` after the others and returns its index; nil (and nothing added) when its id
    /// is already taken.
    mutating func append(_ item: consuming Item) -> Int? {
        let position = values.count
        // One look-up to insert; an id already taken keeps its first item.
        if let taken = positions.updateValue(position, forKey: item.id) {
            positions[item.id] = taken
            return nil
        }
        values.append(item)
        return position
    }

    /// Changes the item at `position` in place (not a copy of it: a copy would copy its arrays
    /// on the first change).
    mutating func modify<R>(at position: Int, _ change: (inout Item) -> R) -> R {
        change(&values[position])
    }
}
