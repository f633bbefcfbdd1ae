import Foundation

/// A national helpline for people living with abuse, as its organisation publishes it.
public struct Hotline: Sendable, Equatable {
    /// ISO 3166 country code ("GB").
    public let region: String
    /// The service, as the organisation names it.
    public let name: String
    /// The number to call, as the organisation writes it.
    public let phone: String
    /// When it answers, as the organisation says.
    public let hours: String
    /// The page the number was read from: the organisation's own, or (for the United States)
    /// the page of the federal office that funds it.
    public let source: String
    /// The day the number was read there (YYYY-MM-DD).
    public let checked: String
}

/// The built-in helplines, offline, one per country. Every number was read on the
/// organisation's own page (`source`) on the day given (`checked`), with one exception: the
/// United States line was read on the page of the US Department of Justice's Office for Victims
/// of Crime, which funds it (the organisation's own page was not reachable from here); a number
/// from anywhere else is not added. Countries without one national line, or whose number could
/// not be read on such a page, are left out rather than guessed (Canada's lines are
/// provincial); an owner anywhere keeps their own numbers as contacts with the role
/// `hotline`, which are shown first.
///
/// Numbers change: before a release, each `source` is opened again and `checked` updated.
public enum Hotlines {
    public static let all: [Hotline] = [
        Hotline(
            region: "GB", name: "National Domestic Abuse Helpline (Refuge)", phone: "0808 2000 247",
            hours: "free, 24 hours", source: "https://www.refuge.org.uk/category/news/", checked: "2026-12-06"),
        Hotline(
            region: "IE", name: "Women's Aid National Freephone Helpline", phone: "1800 341 900",
            hours: "free",
            source: "https://www.womensaid.ie/about/newsevents/news/2009/11/30/supporting-a-friend-sinead-desmond-launches-the-wo/",
            checked: "2026-12-06"),
        Hotline(
            region: "AU", name: "1800RESPECT", phone: "1800 737 732", hours: "24 hours",
            source: "https://www.1800respect.org.au/terms-and-conditions", checked: "2026-12-06"),
        Hotline(
            region: "NZ", name: "Women's Refuge crisis line", phone: "0800 733 843", hours: "24 hours",
            source: "https://womensrefuge.org.nz/get-help/", checked: "2026-12-06"),
        Hotline(
            region: "US", name: "National Domestic Violence Hotline", phone: "800-799-7233",
            hours: "24 hours; text START to 88788; TTY 800-787-3224",
            source: "https://ovc.ojp.gov/news/grantee-news/national-domestic-violence-hotline-answers-6-million-contacts",
            checked: "2026-12-06"),
    ]

    /// The helpline of a region ("GB", "gb", "UK" for GB), or nil.
    public static func forRegion(_ code: String) -> Hotline? {
        var wanted = code.trimmingCharacters(in: .whitespaces).uppercased()
        if wanted == "UK" { wanted = "GB" }
        return all.first { $0.region == wanted }
    }

    /// The regions with a built-in helpline, for help texts.
    public static var regions: [String] { all.map(\.region) }
}
