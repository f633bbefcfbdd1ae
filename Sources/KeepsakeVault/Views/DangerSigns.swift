/// The signs in an incident that advocates treat as signs of serious danger (strangulation, a
/// weapon, a threat to kill or of suicide, harm to children), in plain words, for the calm
/// note printed after saving. Empty when there are none.
public enum DangerSigns {
    /// The signs `incident` records, each in a few words.
    public static func of(_ incident: Incident) -> [String] {
        var signs: [String] = []
        for sign in [HighRiskSign.strangulation, .weapon, .threatToKill, .suicideThreat] where incident.highRisk.contains(sign) {
            signs.append(sign.label)
        }
        if incident.kinds.contains(.children) || incident.childrenHarmed != nil {
            signs.append("harm to children")
        }
        return signs
    }
}
