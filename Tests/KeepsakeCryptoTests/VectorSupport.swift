import KeepsakeCrypto
import KeepsakeTestSupport
import Testing

/// Prints the tally's summary line, prints any documented exceptions, and fails the calling
/// test for every failed case and for a case count that differs from the file's
/// `numberOfTests`.
func report(_ tally: WycheproofTally, sourceLocation: SourceLocation = #_sourceLocation) {
    print(tally.summary)
    for exception in tally.exceptions {
        print("  documented exception: \(exception)")
    }
    for failure in tally.failures {
        Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
    }
    #expect(
        tally.total == tally.declaredTotal,
        "\(tally.fileName): ran \(tally.total) of \(tally.declaredTotal) cases",
        sourceLocation: sourceLocation)
}

/// The error `body` throws, or nil if it succeeds.
func thrownError<T>(by body: () throws(CryptoError) -> T) -> CryptoError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// What `body` returns, or the error it throws.
func attempt<T>(_ body: () throws(CryptoError) -> T) -> Result<T, CryptoError> {
    do {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}

/// Secret bytes copied out, for comparing with expected vector bytes.
func bytes(_ secret: SecureBytes) -> [UInt8] {
    secret.withUnsafeBytes { Array($0) }
}

/// A symmetric key from vector bytes (32 bytes in every file used here).
func key(_ bytes: [UInt8]) throws -> SymmetricKey {
    try SymmetricKey(SecureBytes(copying: bytes))
}
