/// `README.txt`: how to open and check the bundle, in plain words, for someone who has never
/// used a terminal and for the expert they may hand it to.
enum ReadmeText {
    /// The README of `layout` (`ReportLayout`); `pinnedAnchor` and `fingerprint` are used from
    /// layout 2 on.
    static func render(
        exportedAt: String, incidents: Int, attachments: Int, anchor: String, keyId: String,
        layout: Int = ReportLayout.current, pinnedAnchor: String = "", fingerprint: String = ""
    ) -> String {
        guard layout >= 2 else {
            return renderLayoutOne(exportedAt: exportedAt, incidents: incidents, attachments: attachments, anchor: anchor, keyId: keyId)
        }
        return """
        KEEPSAKE BUNDLE
        ===============

        This folder is a record of incidents written down by the person who gave it to you,
        exported on \(exportedAt). It holds \(incidents) incident(s) and \(attachments) attached file(s).

        WHAT TO COMPARE WITH THE OWNER
        ------------------------------
        This bundle is signed by the vault key with fingerprint:

            \(fingerprint)

        Anyone can sign a bundle with a key of their own, so a signature alone does not
        show who made it. Ask the owner, in a way you trust (in person, by phone), for the
        anchor they printed with `keepsake anchor` (it starts with KS2-), or at least for
        their key fingerprint, and compare. `keepsake verify THIS-FOLDER --anchor KS2-...`
        does it for you: it fails if the bundle was signed by another key, or if anything
        written before the anchor was changed or removed.

        WHAT TO OPEN
        ------------
        report.html      The record, ready to read and print: open it in any web browser.
                         Incidents are in the order they happened, with when each was
                         written down, and an index of every attached file.
        incidents.csv    The same incidents as a table, for a spreadsheet.
        attachments/     The attached photos, recordings and documents, unchanged.
        entries.json     The entries exactly as they were sealed, with their proofs.
        manifest.json    The fingerprint (SHA-256) of every file, and the vault's signed seal.
        manifest.json.minisig, keepsake-vault.pub
                         The signature over manifest.json and the key that made it.

        HOW TO CHECK THAT NOTHING WAS ALTERED
        -------------------------------------
        With Keepsake (one command checks everything, including that report.html,
        incidents.csv and this file say exactly what the signed entries say):

            keepsake verify THIS-FOLDER --anchor KS2-...   (the anchor the owner sent you)
            keepsake verify THIS-FOLDER                    (without one: "SIGNED", not "VERIFIED")

        With standard tools:

        1. The signature (minisign, https://jedisct1.github.io/minisign/):

               minisign -V -p keepsake-vault.pub -m manifest.json

           It must say "Signature and comment signature verified". Key id: \(keyId).

        2. Each file's fingerprint must equal the one in manifest.json:

               sha256sum report.html incidents.csv entries.json attachments/*     (Linux)
               shasum -a 256 report.html ...                                      (macOS)
               certutil -hashfile report.html SHA256                              (Windows)

        3. Each entry in entries.json carries an inclusion proof (RFC 9162, Certificate
           Transparency) against the signed tree head in manifest.json. `keepsake verify`
           checks every proof, and, given an anchor the owner shared earlier, that the
           record only grew since then: nothing written before it was changed, back-dated
           or removed. Entries written after the anchor are signed by the same key, but the
           anchor says nothing about them.

        This bundle's anchor (the fingerprint of the whole record at export, with its key):
            \(pinnedAnchor)

        TIMES
        -----
        \(ReportLayout.writtenDownSentence) "When it happened" is what the owner entered. The gap
        between the two is shown for each incident, except where the device clock was behind.

        Keep this bundle private: it holds sensitive personal information.
        """
    }

    /// The README of layout 1 (Keepsake 0.1.0), kept so its bundles are still checked.
    private static func renderLayoutOne(exportedAt: String, incidents: Int, attachments: Int, anchor: String, keyId: String) -> String {
        """
        KEEPSAKE BUNDLE
        ===============

        This folder is a record of incidents written down by the person who gave it to you,
        exported on \(exportedAt). It holds \(incidents) incident(s) and \(attachments) attached file(s).

        WHAT TO OPEN
        ------------
        report.html      The record, ready to read and print: open it in any web browser.
                         Incidents are in the order they happened, with when each was
                         written down, and an index of every attached file.
        incidents.csv    The same incidents as a table, for a spreadsheet.
        attachments/     The attached photos, recordings and documents, unchanged.
        entries.json     The entries exactly as they were sealed, with their proofs.
        manifest.json    The fingerprint (SHA-256) of every file, and the vault's signed seal.
        manifest.json.minisig, keepsake-vault.pub
                         The signature over manifest.json and the key that made it.

        HOW TO CHECK THAT NOTHING WAS ALTERED
        -------------------------------------
        With Keepsake (one command checks everything):

            keepsake verify THIS-FOLDER
            keepsake verify THIS-FOLDER --anchor KS1-...   (if the owner sent you an anchor earlier)

        With standard tools:

        1. The signature (minisign, https://jedisct1.github.io/minisign/):

               minisign -V -p keepsake-vault.pub -m manifest.json

           It must say "Signature and comment signature verified". Key id: \(keyId).

        2. Each file's fingerprint must equal the one in manifest.json:

               sha256sum report.html incidents.csv entries.json attachments/*     (Linux)
               shasum -a 256 report.html ...                                      (macOS)
               certutil -hashfile report.html SHA256                              (Windows)

        3. Each entry in entries.json carries an inclusion proof (RFC 9162, Certificate
           Transparency) against the signed tree head in manifest.json. `keepsake verify`
           checks every proof, and, given an anchor the owner shared earlier, that the
           record only grew since then: nothing written before it was changed, back-dated
           or removed.

        This bundle's anchor (the fingerprint of the whole record at export):
            \(anchor)
        If the owner sent you an anchor before, `keepsake verify --anchor` compares them.

        TIMES
        -----
        "Written down" is when the owner saved the entry, by their device's clock. "When it
        happened" is what the owner entered. The gap between the two is shown for each
        incident.

        Keep this bundle private: it holds sensitive personal information.
        """
    }
}
