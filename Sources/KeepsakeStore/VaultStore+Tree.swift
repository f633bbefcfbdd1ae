// Interim: filled in when the Merkle module lands.
extension VaultStore {
    func loadTree() throws(StoreError) {}
    func appendToTree(_ record: LogRecord) {}
}
