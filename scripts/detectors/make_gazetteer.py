#!/usr/bin/env python3
"""Builds Sources/DocketDecide/Classify/NameGazetteer+Lists.swift: the given names and surnames the
person detector looks words up in, and the common words that are no evidence of a name.

Names: mimesis (MIT licence, (c) Isaak Uchakaev), its person datasets for the EU and EEA languages
and for the countries most EU residents come from, in Latin script. Each name is split into its word
parts ("Jean-Pierre" gives "jean" and "pierre"); particles ("van", "de") stay out.

Common words are the ones that appear in running text in lower case: in the English of 463 CUAD
contracts (The Atticus Project, CC BY 4.0; three times or more; only which words are lower case is
used, nothing of the text is kept), in the German, French and English word lists of Faker (MIT), a
short list of German nouns and French words that are also common surnames, and the towns of the
non-English mimesis locales. A capitalised common word ("Licensed Marks", "Fee") is not taken for an
unknown name part; a name part that is a common word too ("will", "grant", "rose", "richter") is a
name only next to another name part or after a title. Without ../shared/data the CUAD words are
missing: regenerate only where it is.

Run by `make gazetteer` (a throw-away virtual environment with mimesis and Faker); the output is
committed, so building Docket needs none of this.
"""

import argparse
import collections
import json
import re
from pathlib import Path

import mimesis
from faker.providers.lorem.de_DE import Provider as GermanLorem
from faker.providers.lorem.en_US import Provider as EnglishLorem
from faker.providers.lorem.fr_FR import Provider as FrenchLorem

LOCALES = [
    "cs", "da", "de", "de-at", "de-ch", "en", "en-gb", "en-au", "en-ca", "es", "et", "fi", "fr", "hr", "hu", "is",
    "it", "nl", "nl-be", "no", "pl", "pt", "sk", "sv", "tr",
]
PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "le", "la", "ten", "ter", "zu", "af",
    "al", "el", "bin", "ibn", "y", "e", "i", "st", "mc", "mac", "dos", "das", "do", "het", "op", "und", "and",
}
# Common nouns and words that are also frequent surnames, where no word list of the languages here says so.
COMMON_WORDS = """
richter meister bauer koch könig kaiser graf winter sommer lange wolf vogel fuchs hahn jung klein groß lang kurz
schwarz weiß braun roth kaufmann zimmermann schreiber schäfer fischer schneider busch engel frei recht ernst heil
stein berg baum adler sauer petit blanc rose roux marchand boucher boulanger fontaine roy noël bonnet chevalier
mercier meunier berger renard gros grand lenoir
les des une aux bitte kraft sehr liebe herzlich unter ohne gemäß sowie laut vertrag recht summe preis
england scotland wales ireland britain europe paris london berlin frankfurt münchen hamburg wien vienna zürich
geneva genève bruxelles brussels luxembourg amsterdam rotterdam madrid rome roma milan milano lisbon lisboa
warsaw prague budapest dublin lyon marseille toulouse bordeaux lille nice nantes strasbourg delaware texas
california nevada florida washington york jersey virginia georgia carolina columbia ontario quebec
""".split()
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def docket_lower(word):
    """Lower case as Docket's word scanner makes it: ASCII, Latin-1 and Latin Extended-A letters only."""
    return "".join(lower_letter(c) for c in word)


def lower_letter(c):
    code = ord(c)
    if ("A" <= c <= "Z") or (0xC0 <= code <= 0xDE and code != 0xD7):
        return chr(code + 32)
    if 0x100 <= code <= 0x17F and extended_a_upper(code):
        return chr(0xFF if code == 0x178 else code + 1)
    return c


def extended_a_upper(code):
    """Capitals of Latin Extended-A (U+0100–U+017F): even code points, odd ones in U+0139–U+0148 and U+0179–U+017E."""
    if code in (0x130, 0x138, 0x149, 0x17F):  # İ, ĸ, ŉ, ſ
        return code == 0x130
    if 0x139 <= code <= 0x148 or 0x179 <= code <= 0x17E:
        return code % 2 == 1
    return code == 0x178 or code % 2 == 0


def mimesis_names(root):
    given, surnames = set(), set()
    for locale in LOCALES:
        data = json.loads((root / "datasets" / locale / "person.json").read_text(encoding="utf-8"))
        for key, target in (("names", given), ("surnames", surnames)):
            values = data.get(key, [])
            if isinstance(values, dict):
                values = [name for group in values.values() for name in group]
            for name in values:
                for part in WORD.findall(name):
                    lower = docket_lower(part)
                    if len(part) >= 2 and lower not in PARTICLES and part[0].isupper():
                        target.add(lower)
    return given, surnames


def place_names(root):
    """Cities and states of mimesis's address datasets: "Paris" and "Florence" are places first."""
    places = set()
    # English-speaking countries' towns are mostly named after people (Richardson, Jackson): left out.
    for locale in (locale for locale in LOCALES if not locale.startswith("en")):
        path = root / "datasets" / locale / "address.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("city", "state"):
            values = data.get(key, [])
            if isinstance(values, dict):
                values = [v for group in values.values() if isinstance(group, list) for v in group]
            for value in values:
                if isinstance(value, str) and " " not in value.strip():
                    places.add(docket_lower(value.strip()))
    return places


def lower_case_words(cuad_texts):
    """Words seen in lower case in running English text at least three times: between a lower-case
    word and a space or punctuation, so that the names in e-mail addresses do not count."""
    lower = collections.Counter()
    if cuad_texts.exists():
        for path in sorted(cuad_texts.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"(?<=[a-z,;] )([a-z]+)(?=[ ,;:.)])", text):
                lower[match.group(1)] += 1
    return {word for word, count in lower.items() if count >= 3 and len(word) >= 2}


def word_lists():
    words = set()
    for provider in (GermanLorem, EnglishLorem, FrenchLorem):
        words.update(docket_lower(word) for word in provider.word_list)
    return words


def swift_lines(words, indent="        "):
    lines, line = [], ""
    for word in sorted(words):
        # Counted in bytes: a line of names with diacritics is longer in bytes than in characters.
        if len((indent + line + word).encode()) > 119:
            lines.append(indent + line.rstrip())
            line = ""
        line += word + " "
    if line:
        lines.append(indent + line.rstrip())
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--cuad-texts", default=str(Path(__file__).resolve().parents[3] / "shared/data/cuad-train/texts"))
    args = parser.parse_args()
    root = Path(mimesis.__file__).parent
    given, surnames = mimesis_names(root)
    common = lower_case_words(Path(args.cuad_texts)) | word_lists() | set(COMMON_WORDS) | place_names(root)
    print(f"{len(given)} given names, {len(surnames)} surnames, {len(common)} common words, "
          f"{len((given | surnames) & common)} of them name parts too")
    source = f"""// Generated by scripts/detectors/make_gazetteer.py (`make gazetteer`); do not edit by hand.
// Names from mimesis (MIT licence, (c) Isaak Uchakaev): https://github.com/lk-geimfari/mimesis
// Common words: CUAD (The Atticus Project, CC BY 4.0), Faker's word lists, mimesis's towns.

extension NameGazetteer {{
    /// {len(given)} given-name parts, lowercase as `WordScanner` lowers them, separated by spaces.
    static let givenNameList = \"\"\"
{swift_lines(given)}
        \"\"\"

    /// {len(surnames)} surname parts.
    static let surnameList = \"\"\"
{swift_lines(surnames)}
        \"\"\"

    /// {len(common)} common words, name parts among them.
    static let commonWordList = \"\"\"
{swift_lines(common)}
        \"\"\"
}}
"""
    Path(args.output).write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()
