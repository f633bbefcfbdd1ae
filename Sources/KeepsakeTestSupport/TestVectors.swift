import Foundation

/// Why a vector file could not be had. Tests must fail on these, never skip.
public enum VectorError: Error, CustomStringConvertible {
    /// No folder above this source file holds a Package.swift.
    case packageRootNotFound(startingAt: String)
    /// The vectors folder does not exist.
    case missingDirectory(String)
    /// A vector file the test expects is not there.
    case missingFile(String)
    /// A vector file is there but could not be read or decoded.
    case malformed(String, reason: String)

    public var description: String {
        switch self {
        case let .packageRootNotFound(start):
            return "no Package.swift in any folder above \(start)"
        case let .missingDirectory(path):
            let variable = TestVectors.environmentVariable
            return "test vector folder missing: \(path) (set \(variable) to override)"
        case let .missingFile(path):
            return "test vector file missing: \(path)"
        case let .malformed(path, reason):
            return "test vector file unreadable: \(path): \(reason)"
        }
    }
}

/// Finds the third-party vectors: `Tests/Vectors` inside the package (vendored, with their
/// licences and provenance in its README), or the folder named by `KEEPSAKE_VECTORS`.
public enum TestVectors {
    /// The environment variable that overrides the vectors folder.
    public static let environmentVariable = "KEEPSAKE_VECTORS"

    /// This very file, compiled in; the package root is found by walking up from it.
    private static let supportFilePath: String = #filePath

    /// The folder that holds Package.swift, found by walking up from this support file.
    /// - Throws: `VectorError.packageRootNotFound`.
    public static func packageRoot() throws(VectorError) -> URL {
        try packageRoot(above: supportFilePath)
    }

    /// The folder that holds Package.swift above `filePath`.
    /// - Throws: `VectorError.packageRootNotFound`.
    static func packageRoot(above filePath: String) throws(VectorError) -> URL {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while true {
            let manifest = folder.appendingPathComponent("Package.swift").path
            if FileManager.default.fileExists(atPath: manifest) { return folder }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { throw .packageRootNotFound(startingAt: filePath) }
            folder = parent
        }
    }

    /// The vectors folder: `$KEEPSAKE_VECTORS` if set, else `<package root>/Tests/Vectors`.
    /// - Throws: `VectorError` if it can't be found.
    public static func directory() throws(VectorError) -> URL {
        let folder: URL
        if let override = ProcessInfo.processInfo.environment[environmentVariable],
            !override.isEmpty
        {
            folder = URL(fileURLWithPath: override, isDirectory: true)
        } else {
            folder = try packageRoot()
                .appendingPathComponent("Tests", isDirectory: true)
                .appendingPathComponent("Vectors", isDirectory: true)
                .standardizedFileURL
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw .missingDirectory(folder.path) }
        return folder
    }

    /// The URL of a vector file, e.g. `wycheproof/x25519_test.json`.
    /// - Throws: `VectorError.missingFile` if it is not there.
    public static func url(_ relativePath: String) throws(VectorError) -> URL {
        let file = try directory().appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .missingFile(file.path)
        }
        return file
    }

    /// The bytes of a vector file.
    /// - Throws: `VectorError.missingFile` or `.malformed`.
    public static func data(_ relativePath: String) throws(VectorError) -> Data {
        let file = try url(relativePath)
        do {
            return try Data(contentsOf: file)
        } catch {
            throw .malformed(file.path, reason: "\(error)")
        }
    }
}
