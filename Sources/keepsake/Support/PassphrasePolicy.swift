import KeepsakeCrypto

/// Refuses passphrases that are too short or too common, kindly, and suggests a strong one
/// made of random everyday words.
enum PassphrasePolicy {
    /// Fewer bytes than this is too short.
    static let minimumByteCount = 10

    /// Checks a new passphrase.
    /// - Throws: `CLIError.weakPassphrase` with an explanation and a suggestion.
    static func check(_ passphrase: Passphrase) throws(CLIError) {
        let tooShort = passphrase.byteCount < minimumByteCount
        let common = passphrase.secret.withUnsafeBytes { bytes in
            commonPassphrases.contains { candidate in
                candidate.utf8.count == bytes.count
                    && zip(candidate.utf8, bytes).allSatisfy { $0 == Self.lowercased($1) }
            } || Set(bytes).count <= 2
        }
        if tooShort || common {
            let why = tooShort
                ? "That passphrase is too short to keep the vault safe (it needs at least \(minimumByteCount) characters)."
                : "That passphrase is one that people often use, so it is easy to guess."
            throw .weakPassphrase(
                "\(why) Several random words are strong and easy to remember, for example: \"\(suggestion())\". Nothing was changed.")
        }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    /// Five random everyday words (8 bits each from a list of 256: about 40 bits, multiplied
    /// by the Argon2id cost of every guess).
    static func suggestion(words count: Int = 5) -> String {
        (0..<count).map { _ in wordList[Int(SecureRandom.uniform(UInt32(wordList.count)))] }.joined(separator: " ")
    }

    static let commonPassphrases: [String] = [
        "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789",
        "1234567890", "qwertyuiop", "qwerty123", "iloveyou", "iloveyou1", "sunshine1", "princess1",
        "football1", "baseball1", "welcome123", "letmein123", "abc1234567", "monkey1234", "dragon1234",
        "trustno1234", "1q2w3e4r5t", "qwertyuiop1", "1qaz2wsx3edc", "zaq12wsx", "password!",
        "changeme123", "keepsake123", "mypassword", "secret1234", "iloveyou123", "loveyou123",
    ]

    static let wordList: [String] = [
        "apple", "river", "candle", "garden", "window", "pencil", "ocean", "forest", "button", "pillow",
        "ladder", "basket", "bridge", "castle", "cookie", "dragon", "feather", "guitar", "harbor", "island",
        "jacket", "kettle", "lemon", "marble", "needle", "orange", "parrot", "quilt", "rabbit", "saddle",
        "tunnel", "violin", "walnut", "yellow", "zipper", "anchor", "bamboo", "cactus", "dolphin", "engine",
        "falcon", "ginger", "hammer", "igloo", "jungle", "kitten", "lantern", "meadow", "nutmeg", "olive",
        "pepper", "quartz", "ribbon", "silver", "teapot", "umbrella", "velvet", "wagon", "yogurt", "zebra",
        "acorn", "blanket", "cherry", "desert", "eagle", "fossil", "glacier", "hollow", "insect", "jigsaw",
        "koala", "lobster", "magnet", "napkin", "oyster", "pebble", "rocket", "saucer", "timber", "unicorn",
        "valley", "whistle", "almond", "beacon", "cobalt", "daisy", "ember", "fabric", "goblet", "honey",
        "ivory", "jasmine", "kayak", "lilac", "mango", "nectar", "orchid", "pillar", "quiver", "raven",
        "sparrow", "thistle", "uplift", "vessel", "willow", "yonder", "zenith", "arrow", "breeze", "copper",
        "dune", "echo", "fjord", "grove", "harvest", "indigo", "juniper", "kiln", "lagoon", "maple",
        "nimbus", "oasis", "prairie", "quarry", "rain", "summit", "tide", "urchin", "vine", "wren",
        "yarrow", "zephyr", "attic", "biscuit", "cottage", "doorway", "easel", "fiddle", "gravel", "hearth",
        "inkwell", "jam", "knot", "loaf", "mitten", "nest", "oven", "porch", "quill", "rug",
        "scarf", "thimble", "utensil", "vase", "wool", "yarn", "almanac", "bicycle", "compass", "domino",
        "envelope", "flannel", "gazebo", "hammock", "iron", "jersey", "kite", "locket", "mosaic", "notebook",
        "origami", "puzzle", "radio", "sketch", "trumpet", "ukulele", "vinyl", "wallet", "xylophone", "yacht",
        "bakery", "canal", "dairy", "estuary", "ferry", "garage", "hostel", "inlet", "jetty", "kiosk",
        "library", "market", "orchard", "pantry", "quay", "rooftop", "stable", "tower", "village", "wharf",
        "avocado", "broccoli", "carrot", "dumpling", "eggplant", "fig", "grape", "hazelnut", "icing", "jelly",
        "kiwi", "lentil", "muffin", "noodle", "oatmeal", "pancake", "radish", "spinach", "tomato", "waffle",
        "autumn", "blossom", "cloud", "dawn", "evening", "frost", "gale", "horizon", "iceberg", "lightning",
        "moonlight", "north", "orbit", "puddle", "rainbow", "snowflake", "sunrise", "thunder", "twilight", "winter",
        "badger", "beaver", "camel", "donkey", "ferret", "gecko", "heron", "jaguar", "lemur", "moose",
        "otter", "panda", "puffin", "salmon", "turtle", "walrus",
    ]
}
