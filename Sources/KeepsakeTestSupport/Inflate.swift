/// A small zlib (RFC 1950) / DEFLATE (RFC 1951) decoder for the age testkit files marked
/// `compressed: zlib`, after Mark Adler's `puff.c`: slow and simple, for test data only.
public enum Inflate {
    /// Why a zlib stream could not be decoded.
    public struct Failure: Error, CustomStringConvertible {
        /// What is wrong with the stream.
        public let description: String
    }

    /// The bytes a zlib stream holds. Its Adler-32 is not checked: every byte ends up
    /// under an AEAD tag or a SHA-256 that the tests compare.
    /// - Throws: `Failure` for anything that is not a well-formed zlib stream.
    public static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6, data[0] & 0x0f == 8,
            (UInt16(data[0]) << 8 | UInt16(data[1])) % 31 == 0,
            data[1] & 0x20 == 0
        else { throw Failure(description: "not a zlib stream") }
        var decoder = Decoder(input: data, position: 2)
        try decoder.inflate()
        return decoder.output.bytes
    }

    /// A growable byte buffer with LZ77 copies done by `memcpy`, because debug builds run
    /// `Array`'s generic appends a byte at a time (16 MiB outputs took seconds).
    private final class Output {
        private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        private var capacity = 1 << 16
        private(set) var count = 0

        deinit { base.deallocate() }

        var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

        private func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            while count + extra > capacity { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
        }

        func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count += 1
        }

        func append(_ bytes: ArraySlice<UInt8>) {
            reserve(bytes.count)
            bytes.withUnsafeBufferPointer {
                (base + count).update(from: $0.baseAddress!, count: $0.count)
            }
            count += bytes.count
        }

        /// Appends `length` bytes starting `distance` back, overlapping as LZ77 means it. The
        /// copied run repeats with period `distance`, so each piece can take everything from
        /// the run's start to the end so far: the pieces double.
        func copy(distance: Int, length: Int) {
            reserve(length)
            let start = count - distance
            var left = length
            while left > 0 {
                let piece = min(left, count - start)
                (base + count).update(from: base + start, count: piece)
                count += piece
                left -= piece
            }
        }
    }

    /// A canonical Huffman code: how many codes of each length, and the symbols in order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) throws {
            symbols = [Int](repeating: 0, count: lengths.count)
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1..<16 {
                left = left << 1 - counts[length]
                guard left >= 0 else { throw Failure(description: "over-subscribed code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258,
    ]
    private static let lengthExtra = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
        2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
        13, 13,
    ]
    private static let codeLengthOrder = [
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    ]

    private struct Decoder {
        let input: [UInt8]
        var position: Int
        var bitBuffer = 0
        var bitCount = 0
        let output = Output()

        mutating func bits(_ count: Int) throws -> Int {
            var value = bitBuffer
            while bitCount < count {
                guard position < input.count else { throw Failure(description: "out of input") }
                value |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> count
            bitCount -= count
            return value & ((1 << count) - 1)
        }

        mutating func inflate() throws {
            var last = 0
            repeat {
                last = try bits(1)
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(Inflate.fixedCodes.0, Inflate.fixedCodes.1)
                case 2: try dynamic()
                default: throw Failure(description: "bad block type")
                }
            } while last == 0
        }

        mutating func stored() throws {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else {
                throw Failure(description: "short stored block")
            }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let check = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == ~check & 0xffff, position + 4 + length <= input.count else {
                throw Failure(description: "bad stored block")
            }
            output.append(input[(position + 4)..<(position + 4 + length)])
            position += 4 + length
        }

        mutating func decode(_ code: Huffman) throws -> Int {
            var value = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + value - first] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw Failure(description: "bad code")
        }

        mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws {
            while true {
                let symbol = try decode(lengths)
                if symbol < 256 {
                    output.append(UInt8(symbol))
                    continue
                }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw Failure(description: "bad length symbol") }
                let length =
                    Inflate.lengthBase[lengthIndex] + (try bits(Inflate.lengthExtra[lengthIndex]))
                let distanceIndex = try decode(distances)
                guard distanceIndex < 30 else { throw Failure(description: "bad distance symbol") }
                let distance =
                    Inflate.distanceBase[distanceIndex]
                    + (try bits(Inflate.distanceExtra[distanceIndex]))
                guard distance <= output.count else {
                    throw Failure(description: "distance too far")
                }
                output.copy(distance: distance, length: length)
            }
        }

        mutating func dynamic() throws {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeLengthCount = try bits(4) + 4
            var codeLengths = [Int](repeating: 0, count: 19)
            for index in 0..<codeLengthCount {
                codeLengths[Inflate.codeLengthOrder[index]] = try bits(3)
            }
            let lengthCode = try Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(lengthCode)
                switch symbol {
                case 0..<16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else {
                        throw Failure(description: "repeat of nothing")
                    }
                    lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else {
                throw Failure(description: "too many lengths")
            }
            try codes(
                Huffman(lengths: Array(lengths[..<literalCount])),
                Huffman(lengths: Array(lengths[literalCount...])))
        }
    }

    /// The fixed literal/length and distance codes of block type 1.
    private static let fixedCodes: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return (
            try! Huffman(lengths: lengths),
            try! Huffman(lengths: [Int](repeating: 5, count: 30))
        )
    }()
}
