"""The BM25 side index: derived from the Chroma store, kept in step with it, incremental.

Chroma (local) has no sparse index, so lexical search lives here. The index is a list
of immutable *segments* (a term-frequency matrix per batch of documents, like Lucene's)
plus a per-row "alive" mask: adding a transcript writes one small segment, removing one
clears its rows, and segments merge logarithmically in the background of later adds.
Nothing already indexed is re-tokenised. BM25 statistics (document frequency, average
length) are computed from live rows at query time, so they are always exact.

Why not bm25s: its index is one static matrix; every add or remove rebuilds it over the
whole corpus, which at 100k chunks costs far more than the embedding of a new transcript.
The scoring here is the same Okapi BM25 (k1=1.5, b=0.75) that bm25s defaults to ("lucene").

The index is a cache: it is saved under the data folder so a restart need not re-tokenise,
and `sync()` reconciles it with the store's active document versions whenever the store's
change token moves (another process added or removed a transcript).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jieba
import numpy as np
import Stemmer
from scipy import sparse

from index.chunk import speech_of
from index.locks import folder_lock
from index.text import CJK_WORD, has_han, simplifier

K1, B = 1.5, 0.75
MAX_SEGMENT_RATIO = 2  # merge the newest segments while the older is at most this times the newer
# the tokens a saved index holds: bump when `tokenize` changes (a saved index of another is
# rebuilt from the store once). 2: Chinese in simplified characters. 3: dotted abbreviations whole.
TOKENIZER = 3
MIN_TRANSLATED_TERMS = 2  # words of a question whose translations a row must hold to be read in translation

_STEMMER = Stemmer.Stemmer("english")
# a dotted abbreviation is one token (`U.S.` → `u.s`, not the letters `u` and `s`, each rare
# enough to weigh as much as a question's subject)
_TOKEN = re.compile(rf"[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[{CJK_WORD}]+")
_ENGLISH_STOP = frozenset(
    "a an and are as at be but by did do does for from had has have he her his i if in into is it its "
    "me my of on or our she so that the their them they this to was we were what when where which who "
    "whom why will with would you your about said say says tell".split()
)
_CHINESE_STOP = frozenset(
    "的 了 是 在 和 与 及 等 也 都 就 而 并 对 把 被 将 要 会 说 谁 哪 哪些 哪个 哪位 什么 怎么 如何 吗 呢 吧 啊 之 其 这 那 有 为 以 中 上 下 个 位 些".split()
)


def tokenize(text: str) -> list[str]:
    """BM25 tokens: jieba search-mode words for Chinese, in simplified characters (a
    question typed in either script finds a record printed in the other: 医生 and 醫生 are
    one word), stemmed lower-case words for English, without stop words (so a question
    shares no tokens with unrelated text)."""
    if not jieba.dt.initialized:  # loading the dictionary logs two lines to stderr: not for users
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
    if has_han(text):
        text = simplifier()(text)
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word[0] >= "\u3400":
            tokens.extend(t for t in jieba.lcut_for_search(word) if t not in _CHINESE_STOP)
        else:
            word = word.lower()
            if "." in word:
                tokens.append(word.rstrip("."))
            elif word not in _ENGLISH_STOP:
                tokens.append(_STEMMER.stemWord(word))
    return tokens


Term = str | tuple[str, ...]  # a token, or (token, *its translations): see `LexicalIndex.search`
Query = str | tuple[Term, ...]


def _terms(query: Query) -> list[Term]:
    return list(tokenize(query) if isinstance(query, str) else query)


def _synonyms(term: Term) -> tuple[str, ...]:
    return term if isinstance(term, tuple) else (term,)


def inner_words(phrase: str) -> tuple[str, ...]:
    """The tokens of a phrase's English words that lie inside it, not at either end: any text
    holding the phrase verbatim holds each of them as a token. (A word at an end may go on
    in the text, `Ohio` in `Ohioans`; jieba's Chinese words depend on their neighbours.)"""
    words = [
        m.group() for m in _TOKEN.finditer(phrase) if 0 < m.start() and m.end() < len(phrase) and m.group() < "\u3400"
    ]
    return tuple(tokenize(" ".join(words)))


@dataclass
class Segment:
    """An immutable batch of rows: chunk ids, token counts and a CSC term-frequency matrix."""

    name: str
    ids: list[str]
    lengths: np.ndarray  # tokens per row
    terms: dict[str, int]  # term → column
    matrix: sparse.csc_matrix  # rows × columns, term frequencies
    alive: np.ndarray = field(default=None)  # type: ignore[assignment]

    def __post_init__(self):
        if self.alive is None:
            self.alive = np.ones(len(self.ids), dtype=bool)

    @classmethod
    def build(cls, rows: list[tuple[str, str]]) -> "Segment":
        """A segment from (chunk id, text) rows."""
        terms: dict[str, int] = {}
        indptr, indices, counts = [0], [], []
        lengths = np.zeros(len(rows), dtype=np.int32)
        for r, (_, text) in enumerate(rows):
            bag: dict[int, int] = {}
            tokens = tokenize(text)
            lengths[r] = len(tokens)
            for token in tokens:
                column = terms.setdefault(token, len(terms))
                bag[column] = bag.get(column, 0) + 1
            indices.extend(bag)
            counts.extend(bag.values())
            indptr.append(len(indices))
        csr = sparse.csr_matrix(
            (np.array(counts, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
            shape=(len(rows), len(terms)),
        )
        return cls(uuid.uuid4().hex, [i for i, _ in rows], lengths, terms, csr.tocsc())

    @classmethod
    def merge(cls, segments: list["Segment"]) -> "Segment":
        """One segment holding the live rows of several (dead rows are dropped)."""
        terms: dict[str, int] = {}
        blocks, ids, lengths = [], [], []
        for seg in segments:
            columns = np.array([terms.setdefault(t, len(terms)) for t in seg.terms], dtype=np.int64)
            live = seg.matrix[np.flatnonzero(seg.alive)].tocoo()
            blocks.append((live, columns))
            ids.extend(i for i, a in zip(seg.ids, seg.alive) if a)
            lengths.append(seg.lengths[seg.alive])
        rows, cols, data, offset = [], [], [], 0
        for live, columns in blocks:
            rows.append(live.row + offset)
            cols.append(columns[live.col] if live.nnz else live.col)
            data.append(live.data)
            offset += live.shape[0]
        matrix = sparse.csc_matrix(
            (
                np.concatenate(data) if data else [],
                (np.concatenate(rows) if rows else [], np.concatenate(cols) if cols else []),
            ),
            shape=(offset, len(terms)),
            dtype=np.float32,
        )
        return cls(uuid.uuid4().hex, ids, np.concatenate(lengths) if lengths else np.zeros(0, np.int32), terms, matrix)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, term frequencies) of the live rows containing term."""
        column = self.terms.get(term)
        if column is None:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        lo, hi = self.matrix.indptr[column], self.matrix.indptr[column + 1]
        rows, tfs = self.matrix.indices[lo:hi], self.matrix.data[lo:hi]
        keep = self.alive[rows]
        return rows[keep], tfs[keep]

    def postings_of_any(self, synonyms: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(rows, summed term frequencies) of the live rows containing any of the tokens
        (one token: its postings)."""
        if len(synonyms) == 1:
            return self.postings(synonyms[0])
        parts = [self.postings(term) for term in synonyms]
        rows = np.concatenate([r for r, _ in parts])
        if not len(rows):
            return rows, np.zeros(0, np.float32)
        unique, where = np.unique(rows, return_inverse=True)
        return unique, np.bincount(where, weights=np.concatenate([t for _, t in parts])).astype(np.float32)

    def save(self, folder: Path) -> None:
        path = folder / f"{self.name}.npz"
        if path.exists():
            return
        tmp = folder / f".{self.name}.tmp.npz"
        np.savez(
            tmp,
            ids=np.array(self.ids, dtype=str),
            lengths=self.lengths,
            terms=np.array(list(self.terms), dtype=str),
            data=self.matrix.data,
            indices=self.matrix.indices,
            indptr=self.matrix.indptr,
            shape=np.array(self.matrix.shape),
        )
        os.replace(tmp, path)

    @classmethod
    def load(cls, folder: Path, name: str) -> "Segment":
        """A saved segment, checked whole: ValueError when its arrays disagree (a row or
        column out of range, ids and lengths of different counts) — a damaged cache must be
        rebuilt when it is opened, not fail at question time."""
        with np.load(folder / f"{name}.npz") as z:
            matrix = sparse.csc_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
            ids, lengths, terms = z["ids"].tolist(), z["lengths"], z["terms"].tolist()
        matrix.check_format(full_check=True)  # every row index inside the matrix
        if not matrix.shape[0] == len(ids) == len(lengths) or matrix.shape[1] != len(terms):
            raise ValueError(f"segment {name}: {len(ids)} ids, {len(lengths)} lengths, {matrix.shape} matrix")
        return cls(name, ids, lengths, {t: i for i, t in enumerate(terms)}, matrix)


@dataclass
class DocRows:
    """Where a document's chunks live: one version, one segment, rows [start, end)."""

    version: str
    segment: str
    start: int
    end: int


class LexicalIndex:
    """BM25 over chunk texts, updated document by document."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.segments: list[Segment] = []
        self.docs: dict[str, DocRows] = {}
        self.token = ""  # the store change token this index reflects
        self.problem = ""  # why the saved index could not be used, when it could not

    # -- updates ---------------------------------------------------------------------
    def add_document(self, doc_id: str, version: str, rows: list[tuple[str, str]]) -> None:
        """Index a document version's (chunk id, text) rows, replacing any other version."""
        self.remove_document(doc_id)
        if not rows:
            self.docs[doc_id] = DocRows(version, "", 0, 0)
            return
        segment = Segment.build(rows)
        self.segments.append(segment)
        self.docs[doc_id] = DocRows(version, segment.name, 0, len(rows))
        self._merge_tail()

    def remove_document(self, doc_id: str) -> None:
        entry = self.docs.pop(doc_id, None)
        if entry and entry.segment:
            self._segment(entry.segment).alive[entry.start : entry.end] = False

    def _segment(self, name: str) -> Segment:
        return next(s for s in self.segments if s.name == name)

    def _merge_tail(self) -> None:
        while len(self.segments) > 1 and len(self.segments[-2].ids) <= MAX_SEGMENT_RATIO * len(self.segments[-1].ids):
            self._replace_with_merge(self.segments[-2:])

    def _replace_with_merge(self, old: list[Segment]) -> None:
        merged = Segment.merge(old)
        position = {chunk_id: row for row, chunk_id in enumerate(merged.ids)}
        names = {s.name for s in old}
        for entry in self.docs.values():
            if entry.segment in names:  # a live document's rows stay contiguous and in order
                start = position[self._segment(entry.segment).ids[entry.start]]
                entry.segment, entry.start, entry.end = merged.name, start, start + entry.end - entry.start
        self.segments = [s for s in self.segments if s.name not in names] + [merged]

    # -- queries ---------------------------------------------------------------------
    @property
    def chunk_ids(self) -> set[str]:
        """Ids of every live row (what must equal the store's active chunk ids)."""
        return {i for s in self.segments for i, a in zip(s.ids, s.alive) if a}

    def search(self, query: Query, k: int = 20, speeches: set[str] | None = None) -> list[tuple[str, float, float]]:
        """The k best (chunk id, BM25 score, coverage) rows that match at least one query
        token, optionally only rows of the given speeches (speech keys, see
        `chunk.speech_key`). Coverage is the share of the query's IDF mass the row
        contains (a term no row has counts at full IDF): 1.0 means every word matched.
        `query` is text, or tokens already made by `tokenize`.

        A token may come with its translations, `(token, *translations)` (an English word
        and the Chinese words it may be: `index.glossary`): the token and its translations
        are then one term, a synonym set whose postings are their union and whose frequency
        in a row their sum (the structured queries of dictionary-based cross-language
        retrieval, Pirkola 1998: a word with many translations weighs as one word, rarer the
        fewer rows hold any of them). A row holding the translations of fewer than two of
        the question's words (an English row holds none) keeps the coverage of the question
        as asked: the words a question shares with text in its own language weigh as they
        did without translations, and one translated word alone may be another sense of it
        (tiger, 老虎, in 夜老虎: night tigers, a unit's nickname)."""
        terms = _terms(query)
        scored = self._scores([_synonyms(t) for t in terms])
        if scored is None:
            return []
        translated = [_synonyms(t)[1:] for t in terms if len(_synonyms(t)) > 1]
        if translated:
            asked = self._scores([_synonyms(t)[:1] for t in terms]) or []
            enough = min(MIN_TRANSLATED_TERMS, len(translated))
            for seg, (_, cover), (_, asked_cover) in zip(self.segments, scored, asked):
                held = np.zeros(len(seg.ids), dtype=np.int32)
                for words in dict.fromkeys(translated):
                    held[seg.postings_of_any(words)[0]] += 1
                as_asked = held < enough
                cover[as_asked] = asked_cover[as_asked]
        found: list[tuple[str, float, float]] = []
        for seg, (score, cover) in zip(self.segments, scored):
            hits = np.flatnonzero(score)
            if speeches is not None:
                hits = [r for r in hits if speech_of(seg.ids[r]) in speeches]
            found.extend((seg.ids[r], float(score[r]), float(cover[r])) for r in hits)
        found.sort(key=lambda row: -row[1])
        return found[:k]

    def _scores(self, reading: list[tuple[str, ...]]) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Per segment, each row's BM25 score and coverage for a question read as these
        synonym sets; None when the index or the question is empty."""
        weights = self._weights(reading)
        live_rows = sum(int(s.alive.sum()) for s in self.segments)
        if not weights or not live_rows:
            return None
        average_length = max(sum(float(s.lengths[s.alive].sum()) for s in self.segments) / live_rows, 1.0)
        total_idf = sum(idf for idf, _ in weights.values())
        scored = []
        for seg in self.segments:
            score = np.zeros(len(seg.ids), dtype=np.float32)
            cover = np.zeros(len(seg.ids), dtype=np.float32)
            for synonyms, (idf, _) in weights.items():
                rows, tfs = seg.postings_of_any(synonyms)
                norm = K1 * (1 - B + B * seg.lengths[rows] / average_length)
                score[rows] += idf * tfs * (K1 + 1) / (tfs + norm)
                cover[rows] += idf
            scored.append((score, cover.astype(np.float64) / total_idf))
        return scored

    def containing(self, tokens: tuple[str, ...], every: tuple[str, ...] = ()) -> set[str]:
        """Ids of live rows holding every token of `every` when it is given, else at least
        one of `tokens` (candidates for a phrase: see `inner_words`)."""
        found: set[str] | None = None
        for term in dict.fromkeys(every):
            found = self._holding(term) if found is None else found & self._holding(term)
        if found is not None:
            return found
        return set().union(*(self._holding(term) for term in dict.fromkeys(tokens)))

    def _holding(self, term: str) -> set[str]:
        held: set[str] = set()
        for seg in self.segments:
            rows, _ = seg.postings(term)
            held.update(seg.ids[r] for r in rows if seg.alive[r])
        return held

    def term_weights(self, query: Query) -> dict[Term, tuple[float, int]]:
        """Each distinct query term's IDF and document frequency over the live rows (a term
        no row has weighs full IDF; a token with translations counts the rows holding any
        of them). Empty when the index is."""
        return {t if len(t) > 1 else t[0]: w for t, w in self._weights([_synonyms(t) for t in _terms(query)]).items()}

    def _weights(self, reading: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[float, int]]:
        live_rows = sum(int(s.alive.sum()) for s in self.segments)
        if not live_rows:
            return {}
        weights = {}
        for synonyms in dict.fromkeys(reading):
            df = sum(len(s.postings_of_any(synonyms)[0]) for s in self.segments)
            weights[synonyms] = (float(np.log1p((live_rows - df + 0.5) / (df + 0.5))), df)
        return weights

    def unseen_share(self, query: Query, speeches: set[str] | None = None) -> float:
        """The share of a query's IDF mass in terms no live row contains (no row of the
        given speeches, when given: speech keys, see `chunk.speech_key`): how much of what
        is asked the text searched never says in these words (or their translations)."""
        weights = self.term_weights(query)
        total = sum(idf for idf, _ in weights.values())
        if not total:
            return 0.0

        def unseen(term: Term, df: int) -> bool:
            if df == 0 or speeches is None:
                return df == 0
            rows = ((seg, seg.postings_of_any(_synonyms(term))[0]) for seg in self.segments)
            return not any(speech_of(seg.ids[r]) in speeches for seg, found in rows for r in found)

        return sum(idf for term, (idf, df) in weights.items() if unseen(term, df)) / total

    def known(self, tokens) -> set[str]:
        """The tokens some live row contains."""
        return {t for t in tokens if any(t in s.terms and len(s.postings(t)[0]) for s in self.segments)}

    # -- persistence -----------------------------------------------------------------
    def save(self) -> None:
        """Write new segments and the state file atomically (under a lock: several
        processes may share a data folder)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for segment in self.segments:
            segment.save(self.folder)
        state = {
            "tokenizer": TOKENIZER,
            "token": self.token,
            "segments": [{"name": s.name, "dead": np.flatnonzero(~s.alive).tolist()} for s in self.segments],
            "docs": {d: vars(e) for d, e in self.docs.items()},
        }
        with folder_lock(self.folder):
            tmp = self.folder / f".state.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, self.folder / "state.json")
            self._remove_unreferenced({s.name for s in self.segments})

    def _remove_unreferenced(self, keep: set[str]) -> None:
        # Another process may have just written a segment it has not referenced yet.
        cutoff = time.time() - 3600
        for path in self.folder.glob("*.npz"):
            if path.stem not in keep and not path.name.startswith(".") and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        """The saved index, or an empty one when nothing (readable) was saved."""
        index = cls(folder)
        state_path = folder / "state.json"
        if not state_path.exists():
            return index
        try:
            with folder_lock(folder):
                state = json.loads(state_path.read_text(encoding="utf-8"))
                if state.get("tokenizer", 1) != TOKENIZER:
                    raise ValueError(
                        f"its tokens are tokenizer {state.get('tokenizer', 1)}'s, this version reads {TOKENIZER}'s"
                    )
                segments = [Segment.load(folder, s["name"]) for s in state["segments"]]
            for segment, saved in zip(segments, state["segments"]):
                if any(not 0 <= row < len(segment.ids) for row in saved["dead"]):
                    raise ValueError(f"segment {segment.name}: a dead row out of range")
                segment.alive[np.asarray(saved["dead"], dtype=np.int64)] = False
            docs = {d: DocRows(**e) for d, e in state["docs"].items()}
            lengths = {s.name: len(s.ids) for s in segments}
            for doc_id, rows in docs.items():
                if rows.segment and not 0 <= rows.start <= rows.end <= lengths.get(rows.segment, -1):
                    raise ValueError(f"document {doc_id}: rows out of range")
            token = str(state["token"])
        except (
            OSError,
            EOFError,
            zipfile.BadZipFile,
            ValueError,
            KeyError,
            TypeError,
            IndexError,
            AttributeError,
        ) as error:
            index.problem = f"{type(error).__name__}: {error}"
            return index  # a damaged cache is rebuilt from the store
        index.segments, index.docs, index.token = segments, docs, token
        return index

    def rows_of(self, doc_id: str) -> list[str]:
        """The chunk ids indexed for a document (its live rows)."""
        entry = self.docs.get(doc_id)
        if entry is None or not entry.segment:
            return []
        segment = self._segment(entry.segment)
        return [i for i, a in zip(segment.ids[entry.start : entry.end], segment.alive[entry.start : entry.end]) if a]
