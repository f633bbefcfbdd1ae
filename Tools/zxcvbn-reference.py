#!/usr/bin/env python3
"""Writes Tests/KeepsakeStrengthTests/zxcvbn-reference.json: log2 of the guesses the reference
zxcvbn 4.5.0 (`pip install zxcvbn==4.5.0`) estimates for each sample passphrase, for the
differential test of KeepsakeStrength."""
import json, math
from zxcvbn import zxcvbn
SAMPLES = [
    "iloveyou2024", "thanksgiving", "Password1234", "Jessica2019!", "letmein2024", "0123456789",
    "password", "Password1", "p@ssw0rd", "P@ssw0rd!", "qwertyuiop", "1qaz2wsx3edc", "zxcvbnm,./",
    "asdfghjkl;", "abcabcabcabc", "aaaaaaaaaaaa", "abcdefghijk", "9876543210", "1991-11-09", "09.11.1991",
    "19911109", "michaelsmith", "Jennifer1985", "sunshine", "football2010", "dragon", "monkey123",
    "correct horse battery staple", "stable river lantern quilt", "orbit walnut fjord ukulele",
    "maple harbor velvet ember", "brand new words here", "tr0ub4dor&3", "Tr0ub4dor&3", "drowssap",
    "elpmaxe", "letmein", "welcome1", "iloveyou", "princess", "trustno1", "batman", "superman1990",
    "kitchen table lamp", "my dog is called rex", "correcthorsebatterystaple", "xkcd.com/936",
    "Gh7#kL9!qR2$", "vD8qP2mX7zL4nB6w", "the quick brown fox", "summer2018!", "winter2019",
    "aaaaaaaaaaaaaaaaaaaa", "qazwsxedc", "!@#$%^&*()", "123123123", "abc123abc123",
]
out = []
for p in SAMPLES:
    r = zxcvbn(p)
    out.append({"password": p, "bits": round(math.log2(float(r["guesses"])), 3)})
with open("Tests/KeepsakeStrengthTests/zxcvbn-reference.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
