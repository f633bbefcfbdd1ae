import KeepsakeCrypto

import KeepsakeStrength

/// Refuses passphrases that would be easy to guess, kindly, and suggests a strong one made of
/// random everyday words. The estimate is zxcvbn's (`KeepsakeStrength`): common passwords,
/// words, names, years and dates, keyboard walks, repeats, sequences, l33t; the floor is
/// about 50 bits, for a vault's passphrase and a bundle's alike.
enum PassphrasePolicy {
    /// Fewer bytes than this is too short.
    static let minimumByteCount = 10

    /// Checks a new passphrase.
    /// - Throws: `CLIError.weakPassphrase` with an explanation and a suggestion.
    static func check(_ passphrase: Passphrase) throws(CLIError) {
        let why: String?
        if passphrase.byteCount < minimumByteCount {
            why = "That passphrase is too short to keep the vault safe (it needs at least \(minimumByteCount) characters)."
        } else {
            // The estimate needs the text; it lives in this short-lived String only.
            let strength = passphrase.secret.withUnsafeBytes { PassphraseStrength(String(decoding: $0, as: UTF8.self)) }
            why = strength.isStrongEnough ? nil
                : "That passphrase would be easy for a guessing program to find: \(strength.reason ?? "it is too predictable")."
        }
        if let why {
            throw .weakPassphrase(
                "\(why) Several random words are strong and easy to remember, for example: \"\(suggestion())\". Nothing was changed.")
        }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    /// Six random everyday words (8 bits each from a list of 256: 48 bits, multiplied by the
    /// Argon2id cost of every guess), one the estimate accepts.
    static func suggestion(words count: Int = 6) -> String {
        while true {
            let words = (0..<count).map { _ in wordList[Int(SecureRandom.uniform(UInt32(wordList.count)))] }.joined(separator: " ")
            if PassphraseStrength(words).isStrongEnough { return words }
        }
    }

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
