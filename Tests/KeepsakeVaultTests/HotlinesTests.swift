import Foundation
import Testing
@testable import KeepsakeVault

/// The built-in helplines are a safety matter: each names the organisation's own page it was
/// read from and the day it was read, and the note finds it by region.
@Suite struct HotlinesTests {
    @Test func everyHotlineHasItsOrganisationsPageAndTheDayItWasChecked() throws {
        #expect(!Hotlines.all.isEmpty)
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        for hotline in Hotlines.all {
            let source = try #require(URL(string: hotline.source), "\(hotline.name)")
            #expect(source.scheme == "https", "\(hotline.name): \(hotline.source)")
            #expect(!(source.host ?? "").isEmpty, "\(hotline.name)")
            let checked = try #require(day.date(from: hotline.checked), "\(hotline.name): \(hotline.checked)")
            #expect(day.string(from: checked) == hotline.checked)
            #expect(checked <= Date(), "\(hotline.name) checked in the future")
            #expect(hotline.phone.filter(\.isNumber).count >= 6, "\(hotline.name): \(hotline.phone)")
            #expect(hotline.phone.allSatisfy { $0.isNumber || $0 == " " || $0 == "-" }, "\(hotline.name): \(hotline.phone)")
            #expect(hotline.region.count == 2 && hotline.region == hotline.region.uppercased())
        }
        #expect(Set(Hotlines.regions).count == Hotlines.all.count, "one line per region")
    }

    @Test func aRegionFindsItsHotline() {
        #expect(Hotlines.forRegion("gb")?.phone == "0808 2000 247")
        #expect(Hotlines.forRegion("UK")?.region == "GB")
        #expect(Hotlines.forRegion("us")?.phone == "800-799-7233")
        #expect(Hotlines.forRegion("XX") == nil)
    }

    @Test func theSignsOfSeriousDangerAreNamed() {
        #expect(DangerSigns.of(Incident(account: "shouting")).isEmpty)
        #expect(DangerSigns.of(Incident(highRisk: [.gunAccess])).isEmpty, "access to a gun alone is not in the list")
        #expect(DangerSigns.of(Incident(highRisk: [.strangulation, .weapon])) == ["choking or strangulation", "a weapon used or shown"])
        #expect(DangerSigns.of(Incident(highRisk: [.suicideThreat])) == ["a threat of suicide"])
        #expect(DangerSigns.of(Incident(childrenHarmed: "pushed my son")) == ["harm to children"])
        #expect(DangerSigns.of(Incident(kinds: [.children])) == ["harm to children"])
    }
}
