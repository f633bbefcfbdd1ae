import KeepsakeVault
import Testing

@Suite struct SafeFileNameTests {
    @Test(arguments: [
        ("../x", "_x"), ("a/b", "a_b"), ("a\\b", "a_b"), ("C:evil", "C_evil"), ("..", "attachment"), (".", "attachment"),
        ("", "attachment"), ("   ", "attachment"), (".bashrc", "bashrc"), ("photo.jpg", "photo.jpg"),
        ("wrist bruise.png", "wrist bruise.png"), ("Prügel – Foto.jpg", "Prügel – Foto.jpg"),
        ("\u{1B}[2Jclear", "_[2Jclear"), ("invoice\u{202E}gpj.exe", "invoice_gpj.exe"),
        ("a\u{2066}b\u{2069}", "a_b_"), ("zero\u{200B}width", "zero_width"), ("nul\u{0}", "nul_"),
        ("c1\u{85}", "c1_"), ("trailing. ", "trailing"),
    ])
    func namesAreMadeSafe(input: String, expected: String) {
        #expect(SafeFileName.make(from: input) == expected)
    }

    @Test func aLongNameKeepsItsExtensionAndFits() {
        let long = String(repeating: "é", count: 300) + ".jpeg"
        let made = SafeFileName.make(from: long)
        #expect(made.utf8.count <= SafeFileName.maximumByteCount)
        #expect(made.hasSuffix(".jpeg"))
        #expect(made.hasPrefix("éé"))
    }
}
