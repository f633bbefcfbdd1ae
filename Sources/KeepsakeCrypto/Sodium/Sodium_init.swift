internal import CSodium

/// Runs `sodium_init()` once per process.
enum Sodium {
    /// True once libsodium is initialised; evaluated on first use, thread-safely.
    private static let initialised: Bool = sodium_init() >= 0

    /// Ensures libsodium is initialised; every public entry point that calls C calls this.
    @inline(__always)
    static func ensureInitialised() {
        // sodium_init only fails when the OS random source is unusable: nothing is safe then.
        precondition(initialised, "libsodium could not be initialised")
    }
}
