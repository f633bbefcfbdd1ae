import Foundation
import KeepsakeCrypto
import KeepsakeStore
import KeepsakeTestSupport
import KeepsakeVault
import Testing
@testable import KeepsakeBundle

/// A vault for the petition-order report (layout 4), in Los Angeles time (UTC-8 in winter,
/// UTC-7 in summer): four incidents (January; March with fourteen files; August, amended
/// from 22:00 to 21:40 with injuries added, with a screenshot; a whole day in September)
/// and a retracted one.
struct PetitionReportFixture {
    static let zone = TimeZone(identifier: "America/Los_Angeles")!
    let vault: Vault
    let january: EntryID, march: EntryID, august: EntryID, september: EntryID, mistake: EntryID

    init(folder: TemporaryFolder) throws {
        vault = try Vault.create(at: folder.appending("vault"), passphrase: Passphrase(copying: "petition words"), parameters: TestKDF.cheap)
        func local(_ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Self.zone
            return calendar.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
        }
        january = try vault.add(.incident(Incident(
            occurred: Occurrence(start: local(1, 10, 19, 30)), location: "the kitchen", kinds: [.verbal],
            account: "He shouted at me for an hour.", quotes: ["You are nothing."]))).id
        march = try vault.add(.incident(Incident(
            occurred: Occurrence(start: local(3, 5, 8, 15)), kinds: [.technology],
            account: "He sent me fourteen messages while I was at work.", technology: "text messages"))).id
        for index in 1...14 {
            var file = BytesSource(Array("message \(index)\n".utf8))
            try vault.attach(from: &file, fileName: "message-\(index).txt", mediaType: "text/plain", caption: "Message \(index)", to: march)
        }
        let night = try vault.add(.incident(Incident(
            occurred: Occurrence(start: local(8, 15, 22, 0)), location: "the hallway", kinds: [.physical],
            account: "He grabbed my throat.", highRisk: [.strangulation])))
        august = night.id
        var amended = try #require(night.current.incident)
        amended.occurred = Occurrence(start: local(8, 15, 21, 40))
        amended.injuries = "bruises on my neck"
        try vault.revise(august, to: .incident(amended))
        var shot = BytesSource(ScreenshotPNG.bytes)
        try vault.attach(from: &shot, fileName: "texts.png", mediaType: "image/png", caption: "His texts that night", to: august)
        september = try vault.add(.incident(Incident(
            occurred: Occurrence(start: local(9, 3), end: local(9, 4)), kinds: [.threats],
            account: "He said he would take the children.", highRisk: [.threatToKill]))).id
        mistake = try vault.add(.incident(Incident(account: "entered by mistake"))).id
        try vault.retract(mistake, reason: "entered twice")
    }

    /// Exports and unpacks into `name`; returns the bundle.
    func export(_ filters: BundleFilters, folder: TemporaryFolder, name: String) throws -> BundleFolder {
        try Self.export(vault, filters, folder: folder, name: name)
    }

    /// Exports `vault` in Los Angeles time and unpacks it into `name`; returns the bundle.
    static func export(_ vault: Vault, _ filters: BundleFilters, folder: TemporaryFolder, name: String) throws -> BundleFolder {
        var sink = BytesSink()
        _ = try BundleExporter.export(vault, filters: filters, to: &sink, timeZone: Self.zone)
        let zip = folder.appending(name + ".zip")
        TestFiles.write(sink.bytes, to: zip)
        let out = folder.appending(name)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = try SafeArchive(archiveURL: URL(fileURLWithPath: zip)).unpack(into: out)
        return BundleFolder(path: out)
    }
}

extension BundleFolder {
    /// A file of the bundle as text.
    func text(_ name: String) -> String { String(decoding: read(name) ?? [], as: UTF8.self) }
}
