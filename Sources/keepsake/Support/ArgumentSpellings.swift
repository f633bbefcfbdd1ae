import ArgumentParser
import KeepsakeVault

/// Values of options spelled as the help shows them: words joined by hyphens ("safe-place",
/// "threat-to-kill"), in any case; the stored names ("safePlace") are accepted too.
protocol HyphenatedArgument: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension HyphenatedArgument {
    /// "safePlace" → "safe-place".
    var argumentName: String {
        rawValue.reduce(into: "") { out, ch in
            if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
        }
    }

    public init?(argument: String) {
        let wanted = argument.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = match
    }

    public static var allValueStrings: [String] { allCases.map(\.argumentName) }
}

extension PlanCategory: HyphenatedArgument {}
extension PlanPhase: HyphenatedArgument {}
extension HighRiskSign: HyphenatedArgument {}
