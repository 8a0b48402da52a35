"""Hybrid retrieval: dense (Chroma) and BM25 (the side index) fused by reciprocal rank.

The lexical side only contributes chunks that share a token with the question, so an
English question over Chinese speeches is not drowned in zero-score noise. A filter is a
set of speech keys (from `qa.resolve`); an empty set finds nothing, it never means "all".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.chunk import speech_of
from index.lexical import Term, inner_words, tokenize
from index.library import Library
from index.records import Attribution, Passage
from index.text import CJK_WORD
from qa.resolve import CatalogIndex, catalog_index

# k=20 rather than the customary 60: the top ranks of each side carry the signal here
# (measured on CMRC2018, QMSum and the dev questions; docs/PERFORMANCE.md).
RRF_K = 20
DEPTH = 40  # candidates taken from each retriever before fusion


@dataclass
class Hit:
    """One retrieved chunk with its scores and, once fetched, its stored passage."""

    chunk_id: str
    passage: Passage | None  # verbatim text, attribution and span; None until fetched
    score: float  # fused reciprocal-rank score
    dense: float | None = None  # cosine similarity, when the dense side found it
    lexical: float | None = None  # BM25 score, when the lexical side found it
    coverage: float = 0.0  # share of the question's words (by IDF) the chunk contains

    @property
    def who(self) -> Attribution:
        return self.passage.who if self.passage else Attribution()

    @property
    def text(self) -> str:
        return self.passage.text if self.passage else ""

    @property
    def speaker(self) -> str:
        return self.who.speaker

    @property
    def speech_key(self) -> str:
        return self.who.speech_key

    @property
    def start(self) -> int:
        return self.passage.start if self.passage else 0


def dense_search(
    library: Library,
    vector: list[float],
    k: int,
    speeches: frozenset[str] | None,
    *,
    fetch: bool = True,
    index: CatalogIndex | None = None,
) -> list[Hit]:
    """Nearest chunks by cosine similarity, only from committed document versions
    (`Library.dense`). Without `fetch`, hits carry only their scores (`fetch_hits`): Chroma
    reads 40 results' texts and metadata in ~3 ms. `index`: the catalog the request reads
    (default: the library's now)."""
    index = index or catalog_index(library)
    hits = [
        Hit(i, None, 0.0, dense=similarity)
        for i, similarity in library.dense(vector, k, speeches)
        if speech_of(i) in index.chunk_counts  # (a refresh may have made a newer catalog)
    ]
    return fetch_hits(library, hits) if fetch else hits


def lexical_search(
    library: Library, question: str | tuple[Term, ...], k: int, speeches: frozenset[str] | None, *, fetch: bool = True
) -> list[Hit]:
    """BM25 matches (score > 0 only), with their stored passages unless `fetch` is off."""
    hits = [Hit(i, None, 0.0, lexical=s, coverage=c) for i, s, c in library.bm25(question, k, speeches)]
    return fetch_hits(library, hits) if fetch else hits


def fetch_hits(library: Library, hits: list[Hit]) -> list[Hit]:
    """The hits with their stored passages, read in one request for those that lack
    them; a chunk no longer stored (removed meanwhile) is left out."""
    stored = library.passages([h.chunk_id for h in hits if not h.passage])
    for hit in hits:
        if not hit.passage:
            hit.passage = stored.get(hit.chunk_id)
    return [h for h in hits if h.passage]


class Phrases:
    """Quoted words looked up in the indexed chunks, for one request. The chunks read and
    their readable texts are kept: one question's checks may look up many phrases over the
    same chunks (`the Governor of Ohio` tries two phrasings for each indexed governor)."""

    def __init__(self, library: Library):
        self.library = library
        self._read: dict[str, tuple[Passage, str]] = {}  # chunk id → (passage, its readable text)
        self._words: dict[tuple[str, bool], str] = {}  # (chunk id, loose) → its words compacted

    def find(self, phrase: str, speeches: frozenset[str] | None, *, loose: bool = False) -> list[Hit]:
        """Every chunk whose words hold `phrase` verbatim (page breaks and a printed page's
        furniture read past), in document order — not a top k: for "who mentioned “X”" the
        list must be complete. BM25's postings give the candidates, the text decides. `loose`
        (words an asker quotes): punctuation inside a sentence is read past too."""
        wanted = compact(phrase, loose)
        if not wanted:
            return []
        candidates = self.library.chunks_with_words(tuple(tokenize(phrase)) or (phrase,), every=inner_words(phrase))
        if speeches is not None:
            candidates = {c for c in candidates if speech_of(c) in speeches}
        for chunk, passage in self.library.passages(sorted(c for c in candidates if c not in self._read)).items():
            who = passage.who
            self._read[chunk] = (passage, self.library.readable(who.doc_id, passage.start, passage.end, who.version))
        hits = [
            Hit(chunk, self._read[chunk][0], 1.0, coverage=1.0)
            for chunk in candidates
            if chunk in self._read and wanted in self._compacted(chunk, loose)
        ]
        return sorted(hits, key=lambda h: (h.who.doc_id, h.start))

    def _compacted(self, chunk: str, loose: bool) -> str:
        if (chunk, loose) not in self._words:
            self._words[chunk, loose] = compact(self._read[chunk][1], loose)
        return self._words[chunk, loose]

    def says(self, words: str, speeches: frozenset[str] | None = None) -> bool:
        """Whether any indexed chunk (of `speeches`, when given) holds these words verbatim."""
        return bool(self.find(words, speeches))


def phrase_search(library: Library, phrase: str, speeches: frozenset[str] | None) -> list[Hit]:
    """Every chunk whose words hold `phrase` verbatim (`Phrases.find`, for one lookup)."""
    return Phrases(library).find(phrase, speeches)


_SENTENCE_END = re.compile(r"[.!?。！？;；]+")
_NOT_WORD = re.compile(r"[^\w]+")
_SPACE_BY_HAN = re.compile(rf" (?=[{CJK_WORD}])|(?<=[{CJK_WORD}]) ")


def compact(text: str, loose: bool = False) -> str:
    """Text compared as words: case and spacing ignored (Chinese has no spaces to keep);
    `loose`, punctuation inside a sentence too (`'Please proceed, governor'` is printed `Please
    proceed governor.`), not sentence ends. Never loose for the phrasings the question's
    checks build: `Ohio Governor Cox` is not `…Governor DeWine of Ohio, Governor Cox of Utah`."""
    if not loose:
        return re.sub(r"\s+", " ", text).strip().lower()
    pieces = (_SPACE_BY_HAN.sub("", _NOT_WORD.sub(" ", piece)).strip() for piece in _SENTENCE_END.split(text))
    return "\n".join(pieces).strip().lower()


def fuse(dense: Sequence[Hit], lexical: Sequence[Hit]) -> list[Hit]:
    """Reciprocal-rank fusion, keeping each side's own scores. A lexical rank counts in
    proportion to the chunk's coverage of the question relative to the best-covering chunk,
    so a BM25 match on one common word weighs little beside one that holds the question's
    rarer words too."""
    best = max((h.coverage for h in lexical), default=0.0) or 1.0
    fused: dict[str, Hit] = {}
    for ranking, weighted in ((dense, False), (lexical, True)):
        for rank, hit in enumerate(ranking):
            merged = fused.setdefault(hit.chunk_id, Hit(hit.chunk_id, hit.passage, 0.0))
            merged.score += (hit.coverage / best if weighted else 1.0) / (RRF_K + rank + 1)
            merged.dense = hit.dense if hit.dense is not None else merged.dense
            merged.lexical = hit.lexical if hit.lexical is not None else merged.lexical
            merged.coverage = max(merged.coverage, hit.coverage)
    return sorted(fused.values(), key=lambda h: -h.score)


def diversify(hits: Sequence[Hit], speaker_of: dict[str, str] | None = None) -> list[Hit]:
    """Each speaker once (in rank order) before any speaker twice (`speaker_of`: speech key →
    speaker, for hits not fetched yet)."""
    rounds: dict[str, int] = {}
    keyed = []
    for rank, hit in enumerate(hits):
        speaker = hit.speaker if speaker_of is None else speaker_of.get(speech_of(hit.chunk_id), "")
        seen = rounds.get(speaker, 0)
        rounds[speaker] = seen + 1
        keyed.append((seen, rank, hit))
    return [hit for _, _, hit in sorted(keyed, key=lambda t: (t[0], t[1]))]


def retrieve(
    library: Library,
    question: str,
    *,
    speeches: frozenset[str] | None = None,
    k: int = 8,
    vector: list[float] | None = None,
    by_speaker: bool = False,
    depth: int = DEPTH,
    lexical_query: tuple[Term, ...] | None = None,
    index: CatalogIndex | None = None,
) -> list[Hit]:
    """The k best chunks for a question (fused), optionally diversified by speaker.
    `lexical_query` (tokens, some with translations: `LexicalIndex.search`) replaces the question on
    the BM25 side, e.g. without the names that are already applied as filters, or with an
    English question's Chinese translations. `index`: the catalog the request reads."""
    if speeches is not None and not speeches:
        return []
    index = index or catalog_index(library)
    vector = vector if vector is not None else library.embed_query(question)
    lexical = lexical_search(
        library, question if lexical_query is None else lexical_query, depth, speeches, fetch=False
    )
    lexical = [h for h in lexical if speech_of(h.chunk_id) in index.chunk_counts]  # the request's catalog
    hits = fuse(dense_search(library, vector, depth, speeches, fetch=False, index=index), lexical)
    ranked = diversify(hits, index.speaker_of) if by_speaker else hits
    kept = fetch_hits(library, ranked[:k])  # texts read for the k kept, not for 2 × depth candidates
    return with_similarity(library, vector, kept)


def with_similarity(library: Library, vector: list[float], hits: list[Hit]) -> list[Hit]:
    """The hits, each with its similarity to the question: one found by its words alone was
    not among the nearest `depth` chunks, but its similarity is still what the evidence gate
    reads. (An English question's nearest chunks in a store of both languages are English
    ones: English-English similarities sit higher. A Chinese chunk its translated words found
    would otherwise count as unrelated in meaning.)"""
    missing = [h.chunk_id for h in hits if h.dense is None]
    if not missing:
        return hits
    near = library.similarities(vector, missing)
    for hit in hits:
        hit.dense = near.get(hit.chunk_id) if hit.dense is None else hit.dense
    return hits
