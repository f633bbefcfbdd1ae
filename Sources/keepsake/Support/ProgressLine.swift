import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// and redrawn at most ten times a second. Scripts and tests see nothing.
final class ProgressLine {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDraw: Double = 0
    private var drawn = false
    private var drawnWidth = 0

    init(label: String) { self.label = label }

    /// Shows `done` of `total` (bytes or items), then `detail` when given.
    func update(done: UInt64, total: UInt64, detail: String = "") {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        guard now - lastDraw >= 0.1 || done == total else { return }
        lastDraw = now
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(label) [\(bar)] \(Int(fraction * 100))%" + (detail.isEmpty ? "" : " " + detail)
        drawnWidth = max(drawnWidth, line.count)
        Terminal.standardError(line)
        drawn = true
    }

    /// Clears the line.
    func finish() {
        guard enabled, drawn else { return }
        Terminal.standardError("\r" + String(repeating: " ", count: max(drawnWidth, label.count + 40)) + "\r")
    }
}
