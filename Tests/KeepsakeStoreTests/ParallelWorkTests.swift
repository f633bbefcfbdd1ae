import Dispatch
import KeepsakeCrypto
import KeepsakeTestSupport
import Testing
@testable import KeepsakeStore

/// The parallel helpers the store opens large vaults with: every item made exactly once and
/// handed over in order, whichever threads (the global queue's, or the waiting caller) take
/// the runs; and a mapped file reads as the file's bytes.
@Suite struct ParallelWorkTests {
    /// Counts around the thresholds and window sizes, and one of many windows.
    static let counts = [0, 1, 2, 63, 64, 65, 255, 256, 257, 1_000, 20_000]

    @Test(arguments: [1, 7, 256, ParallelMap.defaultWindow])
    func forEachHandsOverEveryResultOnceInOrder(window: Int) {
        for count in Self.counts {
            var seen: [Int] = []
            ParallelMap.forEach(count: count, threshold: 2, window: window, { $0 * 3 + 1 }) { index, value in
                #expect(value == index * 3 + 1, "count \(count), window \(window): item \(index)")
                seen.append(index)
            }
            #expect(seen == Array(0..<count), "count \(count), window \(window)")
        }
    }

    @Test func mapMakesEachItemOnce() {
        // Each transform call leaves a mark: an item made twice, or skipped, shows.
        for count in Self.counts {
            let tally = Tally(count: count)
            let results = ParallelMap.map(count: count, threshold: 2) { index -> Int in
                tally.mark(index)
                return index
            }
            #expect(results == Array(0..<count), "count \(count)")
            #expect(tally.counts.allSatisfy { $0 == 1 }, "count \(count): every item made exactly once")
        }
    }

    @Test func runClaimsHandEachRunOutOnce() {
        for count in [0, 1, 5, 64, 10_000] {
            let claims = RunClaims(count: count)
            let tally = Tally(count: count)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                while let run = claims.claim() { tally.mark(run) }
            }
            #expect(tally.counts.allSatisfy { $0 == 1 }, "count \(count)")
            #expect(claims.claim() == nil, "count \(count): nothing left")
        }
        // Items cut into runs: every item once, whichever thread takes its run.
        for (items, cores) in [(0, 2), (1, 2), (15, 2), (16, 2), (17, 2), (1_000, 2), (1_000, 3)] {
            let claims = RunClaims(itemCount: items, cores: cores)
            #expect(claims.count == min(items, cores * ParallelMap.runsPerCore))
            let tally = Tally(count: items)
            DispatchQueue.concurrentPerform(iterations: 4) { _ in claims.work { tally.mark($0) } }
            #expect(tally.counts.allSatisfy { $0 == 1 }, "\(items) items for \(cores) cores")
        }
    }

    @Test func aMappedFileReadsAsTheFile() throws {
        let folder = TemporaryFolder()
        for size in [0, 1, 4095, 4096, 4097, 300_001] {
            let path = folder.appending("file-\(size)")
            let bytes = SecureRandom.bytes(count: size)
            TestFiles.write(bytes, to: path)
            let mapped = try MappedFile(PosixFile.openForReading(path))
            #expect(Array(mapped.bytes) == bytes, "\(size) bytes")
        }
    }
}

/// How many times each index was marked, from any thread.
private final class Tally: @unchecked Sendable {
    private var marks: [Int]
    private let queue = DispatchQueue(label: "tally")

    init(count: Int) { marks = Array(repeating: 0, count: count) }

    func mark(_ index: Int) { queue.sync { marks[index] += 1 } }

    var counts: [Int] { queue.sync { marks } }
}
