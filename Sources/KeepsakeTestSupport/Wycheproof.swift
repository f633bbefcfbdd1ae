import Foundation

/// A Project Wycheproof vector file (`testvectors_v1` schemas), generic over its group type.
///
/// Only the fields the tests use are decoded; unknown fields (`header`, `notes`, `source`,
/// the key encodings) are ignored.
public struct WycheproofFile<Group: Decodable>: Decodable {
    /// The algorithm the file tests, e.g. `CHACHA20-POLY1305`.
    public let algorithm: String
    /// The number of tests the file declares; every test run must account for all of them.
    public let numberOfTests: Int
    /// The groups, each with its shared parameters and its tests.
    public let testGroups: [Group]
}

/// A test's expected outcome.
public enum WycheproofResult: String, Decodable, Sendable {
    /// A correct implementation must accept the input and compute the expected output.
    case valid
    /// A correct implementation must refuse the input.
    case invalid
    /// Either outcome is allowed; the tests note which one Keepsake chose.
    case acceptable
}

/// One test: the fields every Wycheproof test has, plus `Input`, the primitive's own fields,
/// decoded from the same JSON object.
public struct WycheproofTest<Input: Decodable>: Decodable {
    /// The test's number, unique in its file.
    public let tcId: Int
    /// What the test is about (may be empty).
    public let comment: String
    /// The expected outcome.
    public let result: WycheproofResult
    /// Labels explained in the file's `notes`.
    public let flags: [String]
    /// The primitive's inputs and expected outputs.
    public let input: Input

    private enum CodingKeys: String, CodingKey { case tcId, comment, result, flags }

    /// Decodes the shared fields and then `Input` from the same object.
    /// - Throws: `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tcId = try container.decode(Int.self, forKey: .tcId)
        comment = try container.decodeIfPresent(String.self, forKey: .comment) ?? ""
        result = try container.decode(WycheproofResult.self, forKey: .result)
        flags = try container.decodeIfPresent([String].self, forKey: .flags) ?? []
        input = try Input(from: decoder)
    }

    /// `tcId 12 (comment) [flags]`, for failure messages.
    public var label: String {
        "tcId \(tcId) (\(comment.isEmpty ? "no comment" : comment)) \(flags)"
    }
}

/// A test group: `Parameters` shared by its tests (key sizes, a public key), decoded from the
/// group object itself, and the tests.
public struct WycheproofGroup<Parameters: Decodable, Input: Decodable>: Decodable {
    /// The group's shared fields.
    public let parameters: Parameters
    /// The group's tests.
    public let tests: [WycheproofTest<Input>]

    private enum CodingKeys: String, CodingKey { case tests }

    /// Decodes `Parameters` from the group object, then its tests.
    /// - Throws: `DecodingError`.
    public init(from decoder: any Decoder) throws {
        parameters = try Parameters(from: decoder)
        tests = try decoder.container(keyedBy: CodingKeys.self)
            .decode([WycheproofTest<Input>].self, forKey: .tests)
    }
}

extension WycheproofFile {
    /// Every test of the file with its group's parameters, in file order.
    public func allTests<Parameters, Input>() -> [(
        parameters: Parameters, test: WycheproofTest<Input>
    )] where Group == WycheproofGroup<Parameters, Input> {
        testGroups.flatMap { group in group.tests.map { (group.parameters, $0) } }
    }
}

/// Loads Wycheproof files from the shared vectors folder.
public enum Wycheproof {
    /// Loads and decodes `wycheproof/<fileName>`.
    /// - Throws: `VectorError.missingFile` when the file is absent (tests must fail then),
    ///   `.malformed` when it does not decode as `Group`.
    public static func load<Group: Decodable>(
        _ fileName: String, as group: Group.Type = Group.self
    ) throws(VectorError) -> WycheproofFile<Group> {
        let data = try TestVectors.data("wycheproof/\(fileName)")
        do {
            return try JSONDecoder().decode(WycheproofFile<Group>.self, from: data)
        } catch {
            throw .malformed(fileName, reason: "\(error)")
        }
    }
}
