/// How the log file grows (vault format 3): in steps that hide how many frames it holds.
///
/// The file's size is always a rung of one fixed ladder: 64 KiB, then each rung the one
/// before plus the larger of 64 KiB and an eighth of it (rounded up to 64 KiB). The frames fill
/// it from the front; the rest is filler, random bytes that look like frames to anyone without
/// the keys. When a frame does not fit, the file grows to the lowest rung that holds it. So
/// the size says only which rung the frames reached (1 to about 60 entries all give 64 KiB or
/// 128 KiB), never the count; the head file records where the frames end.
enum LogGrowth {
    /// The smallest step, and the first rung.
    static let step = 64 << 10

    /// The lowest rung of the ladder at or above `needed` bytes.
    static func capacity(atLeast needed: Int) -> Int {
        var size = step
        while size < needed { size = nextRung(after: size) }
        return size
    }

    /// The rung above `size` (a rung).
    static func nextRung(after size: Int) -> Int {
        let growth = max(step, size / 8)
        return size + (growth + step - 1) / step * step
    }
}
