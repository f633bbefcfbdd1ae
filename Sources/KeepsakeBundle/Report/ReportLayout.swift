/// The version of what the human-readable files of a bundle (report.html, incidents.csv,
/// README.txt) say, recorded in the signed manifest (`reportLayout`; absent means 1) so that
/// `verify` renders them again the same way and compares them byte for byte.
///
/// - 1: Keepsake 0.1.0 (no `reportLayout` in the manifest).
/// - 2: adds the key fingerprint and the key-pinning anchor, what "written down" rests on,
///   every backwards step of the device clock, and says when an amended entry's first
///   version is not in the bundle; records the time zone in the manifest.
/// - 3: the high-risk signs the owner answered "not sure" (entry schema 2): a report row when
///   an incident has any, and the CSV's last column, `high_risk_not_sure`.
/// - 4: the report in the order a petition asks (first page with the case number, a one-page
///   summary, incidents most recent first unless `oldestFirst`, numbered exhibits with
///   captions, a declaration to sign, the integrity details in an appendix), amendments as
///   field-by-field changes, each time with its own UTC offset, whole-day dates measured as
///   days, print style with page numbers; the CSV with local date and time columns, the
///   offset and the attachments' file names; the safety plan phase by phase with the
///   owner's answers (entry schema 3), in its own section (`ReportPlanSection`); and good
///   days, apologies and promises (entry schema 3), when the owner included them
///   (`--include-cycle`), in a section of their own after the incidents, never as incidents.
/// - 5: the parties on the first page (the owner, the person they need protection from with
///   the relationship, the children with their ages) and, in the summary, the standing
///   firearms answer (among the high-risk signs when yes or don't know; "not in this bundle"
///   without the profile) and the pets, from the owner's profile (entry schema 4) when the
///   owner included it (`--include-profile`).
/// - 5: (incident level) the strangulation follow-ups and "arrest made" (entry schema 4) as
///   rows of each incident and of its amendment tables, and as the CSV's last columns
///   (`IncidentsCSV.followUpColumns`); the note on left-out earlier versions names
///   `--latest-only` (earlier versions go in by default since this layout); retracted
///   incidents' content, when the owner included it (`--history`), after the retraction list.
/// - 5: journal entries (entry schema 4), when the owner included them (`--include-journal`),
///   in a section of their own after the good days, apologies and promises, never as
///   incidents (`ReportJournal`). A bundle without them renders exactly as layout 4.
/// - 5: the owner's boundaries (entry schema 4), when the owner included them
///   (`--include-boundaries`), in a section of their own after the good days, apologies and
///   promises (`ReportBoundaries`), never as incidents.
///
/// A bundle of a higher layout than this Keepsake knows is verified in everything else, and
/// its human-readable files are reported as not checked ("made by a newer Keepsake"), never
/// passed silently.
enum ReportLayout {
    /// The layout this version writes.
    static let current = 5
    /// The layouts this version can render again to check.
    static let checkable = 1...5

    /// One sentence on what a "written down" time rests on (report and README, layout 2).
    static let writtenDownSentence =
        "\u{201C}Written down\u{201D} is the time on the owner's device when an entry was saved: it rests on the device clock, bounded by the order of the entries (an entry dated earlier than one saved before it is flagged) and by anchors (an anchor someone received on a given day proves that everything before it existed by then)."
}
