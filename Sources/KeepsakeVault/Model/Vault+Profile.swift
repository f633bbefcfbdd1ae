import Foundation

extension Vault {
    /// The owner's profile (the parties, children, firearms, pets): the item `keepsake profile`
    /// keeps, with every version. There is one; should a vault hold more (two made on
    /// different copies), the one written last is it. Nil until the owner answers.
    public var profile: Item? { current(.profile).last }
}
