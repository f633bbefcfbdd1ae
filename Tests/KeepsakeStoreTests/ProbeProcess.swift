import Foundation
import KeepsakeTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The probe program (Tests/StoreProbe) running as a child that a test can watch line by line
/// and kill at any moment.
final class ProbeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output: [UInt8] = []
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `keepsake-store-probe ARGUMENTS` with the passphrase on standard input.
    init(_ arguments: [String], passphrase: String) throws {
        process.executableURL = URL(fileURLWithPath: StoreProbe.executable)
        process.arguments = arguments
        let input = Pipe(), stdout = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((passphrase + "\n").utf8))
        try input.fileHandleForWriting.close()
        let reading = stdout.fileHandleForReading
        DispatchQueue.global().async { [self] in
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                lock.withLock { output += chunk }
            }
            finished.signal()
        }
    }

    /// The complete lines printed so far (a line cut by a kill is left out).
    var lines: [String] {
        let bytes = lock.withLock { output }
        guard let lastNewline = bytes.lastIndex(of: 0x0A) else { return [] }
        return String(decoding: bytes[..<lastNewline], as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Waits until `condition` holds for the lines printed, or `timeout` seconds pass.
    @discardableResult
    func wait(until condition: ([String]) -> Bool, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(lines) { return true }
            if !process.isRunning { return condition(lines) }
            usleep(500)
        }
        return false
    }

    /// SIGKILL: no handler runs, nothing is flushed or closed by the program.
    func kill() { sendKill(process.processIdentifier) }

    /// Waits for the program to end and for all its output.
    /// - Returns: the exit status (or the signal), whether a signal ended it, and every
    ///   complete line it printed.
    func finish() -> (status: Int32, killed: Bool, lines: [String]) {
        process.waitUntilExit()
        finished.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, lines)
    }

    /// The sequence numbers of the "appended SEQ" lines, in order.
    static func acknowledged(_ lines: [String]) -> [UInt64] {
        lines.compactMap { $0.hasPrefix("appended ") ? UInt64($0.dropFirst(9)) : nil }
    }
}

/// kill(2) with SIGKILL (named apart from `ProbeProcess.kill`).
private func sendKill(_ pid: Int32) { _ = kill(pid, SIGKILL) }
