"""An open index: the Chroma store, the BM25 side index and the catalog of speeches,
kept in step with each other and with other processes writing to the same store."""

from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import numpy as np
from langchain_core.embeddings import Embeddings

from config import Settings
from index.chunk import chunk_id, lexical_text, speech_of
from index.embed import batch_size_for, load_embeddings, model_id
from index.formats import STRUCTURED_FORMATS
from index.furniture import read_lines, readable
from index.glossary import Glossary
from index.glossary import load as load_glossary
from index.lexical import LexicalIndex, Term
from index.names import load_tagger
from index.records import Attribution, Chunk, Passage, Span, StoreError
from index.store import DocumentRecord, SpeechStore, passage_of, where
from index.text import is_cjk
from index.vectors import MAX_EXACT_CHUNKS, VectorTable

# Documents' source texts kept in memory, with where their chunks lie (`StoredText`), up to this
# many characters in all (the least recently read go first; the last one read stays whatever
# its size): about 100k chunks' documents (267 characters a chunk on the dev pages), 30-60 MiB.
TEXT_MEMORY_CHARS = 32_000_000
# A store too large for the vectors in memory is searched through Chroma's HNSW index, except:
EXACT_SEARCH_CHUNKS = 500  # a filter over at most this many chunks is ranked exactly on their vectors
# Chroma turns a speech filter into one SQL variable per speech: past this many speeches (a wide
# date range in a large store) the search runs unfiltered, deep enough, and keeps the filter's.
MAX_FILTER_SPEECHES = 1_000
MAX_OVERSAMPLE = 10_000
T = TypeVar("T")
BatchProgress = Callable[[int, int], None]  # (chunks embedded, chunks in all)


@dataclass(frozen=True)
class CatalogSpeech:
    """One speech of a visible document, as filters, listings and answers need it."""

    who: Attribution  # placed in the visible document version
    chunks: int
    start: int
    end: int
    date: str = ""  # the meeting's day (ISO), "" when unknown
    meeting: str = ""  # the meeting's name, else the document's title (DocumentRecord.meeting_name)

    @property
    def key(self) -> str:
        """The speech key: doc_id:version:speech_index."""
        return self.who.speech_key

    def row(self) -> dict:
        """Who said it and where, as the who-said-what table and its JSON show it."""
        return self.who.row(_ROW_FIELDS, date=self.date, meeting=self.meeting)


_ROW_FIELDS = (
    "speaker",
    "units",
    "roles",
    "titles",
    "heading",
    "doc_title",
    "source",
    "date",
    "meeting",
    "doc_id",
    "version",
    "speech_index",
)


def documents_named(records: Iterable[DocumentRecord], ref: str, *, partial: bool = False) -> list[DocumentRecord]:
    """The documents a user names by `ref`: by doc id; else by source (as given, as a
    resolved path, as uploaded); else by file name; else by title or meeting name, exactly
    or (`partial`) as a part of either. The first of these that names any wins."""
    ref, records = ref.strip(), list(records)
    if not ref:
        return []
    sources = {ref, str(Path(ref).resolve()), f"upload:{ref}"}
    for named in (
        [r for r in records if r.doc_id == ref],
        [r for r in records if r.source in sources],
        [r for r in records if r.file_name == ref],
        [r for r in records if ref in (r.title, r.meeting)],
        [r for r in records if partial and (ref in r.title or ref in r.meeting)],
    ):
        if named:
            return named
    return []


def _described(record: DocumentRecord) -> tuple[str, ...]:
    """What a catalog entry takes from its document record (a user may change it)."""
    return (record.title, record.source, record.date, record.meeting_name)


def _catalog_entry(record: DocumentRecord, summaries: list) -> tuple[tuple, list, tuple[CatalogSpeech, ...]]:
    """A visible document version's description, speech summaries and catalog entries."""
    speeches = tuple(
        CatalogSpeech(
            who=s.who.placed(
                doc_id=record.doc_id, version=record.version, doc_title=record.title, source=record.source
            ),
            chunks=s.chunks,
            start=s.start,
            end=s.end,
            date=record.date,
            meeting=record.meeting_name,
        )
        for s in summaries
    )
    return _described(record), summaries, speeches


@dataclass(frozen=True, eq=False)
class Catalog:
    """The visible documents and their speeches as of one change token. Never changed once
    made: `Library` makes a new one on each change and swaps it in whole, so a reader that
    took one sees one consistent catalog while another thread refreshes."""

    token: str | None = None  # None: the store not read yet
    records: tuple[DocumentRecord, ...] = ()
    speeches: tuple[CatalogSpeech, ...] = ()
    _derived: dict[Callable, object] = field(default_factory=dict, init=False, repr=False)
    _derived_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def derived(self, build: Callable[[tuple[CatalogSpeech, ...]], T]) -> T:
        """`build(speeches)`, computed once for this catalog (`build` is the key: a function
        of a module, e.g. `qa.resolve.CatalogIndex.build`, or a method of the library that
        owns the catalog), so readers keep what they derive from the catalog here, not in
        module state."""
        with self._derived_lock:
            if build not in self._derived:
                self._derived[build] = build(self.speeches)
            return self._derived[build]


def chunk_total(speeches: tuple[CatalogSpeech, ...]) -> int:
    """How many chunks the speeches have (kept per catalog: `Catalog.derived`)."""
    return sum(s.chunks for s in speeches)


def speeches_by_key(speeches: tuple[CatalogSpeech, ...]) -> dict[str, CatalogSpeech]:
    """Each speech by its key (kept per catalog: `Catalog.derived`)."""
    return {s.key: s for s in speeches}


def lexical_folder(settings: Settings) -> Path:
    """Where the BM25 cache of a store lives (per machine, even for a Chroma server)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", settings.chroma_url or "embedded")
    return Path(settings.data_dir) / "lexical" / f"{settings.collection}-{name}"


def rows_from_store(
    ids: list[str], texts: list[str], metadatas: list[dict], furniture: tuple[Span, ...] = ()
) -> list[tuple[str, str]]:
    """(chunk id, lexical text) rows rebuilt from stored chunks: the same text that
    `chunk.chunk_speech` gave the lexical index when the chunk was made (`furniture`: the
    document's, in source offsets)."""
    rows = []
    for chunk, text, meta in zip(ids, texts, metadatas):
        passage = passage_of(text, meta)
        start = passage.start
        shifted = tuple((a - start, b - start) for a, b in furniture if b > start and a < start + len(text))
        rows.append((chunk, lexical_text(readable(text, 0, len(text), shifted), passage.who)))
    return rows


@dataclass(eq=False)
class StoredText:
    """A document version's source text as answers read it, kept in memory: the text, where
    each of its chunks lies in it (a chunk's passage is a slice of it), and its furniture
    once asked for. A version's text and chunks never change."""

    text: str
    keys: np.ndarray  # int64, ascending: speech index << 32 | chunk index, one per chunk
    spans: np.ndarray  # (chunks, 2) int64: the start and end of each chunk in `text`
    furniture: tuple[Span, ...] | None = None

    @classmethod
    def of(cls, text: str, places: list[tuple[int, int, int, int]]) -> StoredText:
        """From the text and its chunks' (speech index, chunk index, start, end)."""
        places = sorted(places)
        keys = np.array([(speech << 32) | chunk for speech, chunk, _, _ in places], dtype=np.int64)
        spans = np.array([(start, end) for _, _, start, end in places], dtype=np.int64).reshape(-1, 2)
        return cls(text, keys, spans)

    def span(self, speech_index: int, chunk_index: int) -> tuple[int, int] | None:
        """Where a chunk lies in the text; None for a chunk the store does not hold."""
        key = (speech_index << 32) | chunk_index
        row = int(np.searchsorted(self.keys, key))
        if row == len(self.keys) or self.keys[row] != key:
            return None
        start, end = self.spans[row]
        return int(start), int(end)


class Library:
    """The index as the rest of the product reads it. Call `refresh()` before reading:
    it notices changes made by other processes (one cheap token read when nothing changed).
    Searches are primitives — `dense`, `similarities`, `bm25`, `chunks_with_words`, then
    `passages` for the ids found — so how Chroma is queried and filtered stays in `index`;
    writes go through a `LibraryWriter`. Safe to share between threads (the app answers and
    indexes concurrently)."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None, check_model: bool = True):
        """Open the store; refuses (ModelMismatch) a store built with another embedding
        model, unless `check_model` is off (only `rebuild` needs that). `embeddings`: the
        model to use (default: the one the settings name, loaded on first use)."""
        self.settings = settings
        self._embeddings = embeddings
        self._model_lock = threading.Lock()
        self._glossary: Glossary | None = None
        self._glossary_lock = threading.Lock()
        self._store = SpeechStore(settings, model_id(settings))
        if check_model:
            self._store.check_model()
        self._lexical = LexicalIndex.load(lexical_folder(settings))
        self.catalog = Catalog()  # replaced whole on each change (`refresh`)
        self._texts: OrderedDict[tuple[str, str], StoredText] = OrderedDict()  # least recently read first
        self._texts_lock = threading.Lock()
        # (doc_id, version) → (description, speech summaries, catalog entries) of versions seen
        self._versions: dict[tuple[str, str], tuple[tuple, list, tuple[CatalogSpeech, ...]]] = {}
        self._lock = threading.RLock()  # serialises refreshes and guards the BM25 index
        self._vectors: VectorTable | None = None  # the last table built, whose rows the next reuses
        self._vectors_lock = threading.Lock()
        self.refresh()
        self._verify_lexical()

    def refresh(self) -> bool:
        """Reload the catalog and bring the BM25 index in step if the store changed."""
        with self._lock:
            return self._refresh()

    def _refresh(self) -> bool:
        token = self._store.change_token()
        if token == self.token:
            return False
        if not token and (self.token or self._lexical.token):
            known = (
                "it had one when this process read it"
                if self.token
                else f"the BM25 cache in {self._lexical.folder} knows one"
            )
            raise StoreError(
                f"store damaged: the Chroma store ({where(self.settings)}) has lost its state record, but {known}; "
                "restore the store from a backup, or delete the data folder to start anew"
            )
        if self.token is not None and token != self._store.written_token:
            self._store.reopen_after_outside_change()  # another process wrote: see its vectors
        records = [r for r in self._store.documents() if r.visible]
        versions = [(r.doc_id, r.version) for r in records]
        fetched = self._store.speeches([v for v in versions if v not in self._versions])
        seen = {}
        for record, version in zip(records, versions):
            # a version's speeches never change: read each once per process; a new title or
            # date only re-labels them
            cached = self._versions.get(version)
            if cached is None or cached[0] != _described(record):
                cached = _catalog_entry(record, cached[1] if cached else fetched.get(version, []))
            seen[version] = cached
            record.speeches = cached[1]  # (records are read anew: no published one changes)
        catalog = Catalog(token, tuple(records), tuple(s for version in versions for s in seen[version][2]))
        self._sync_lexical(catalog)
        self._versions, self.catalog = seen, catalog
        return True

    def _sync_lexical(self, catalog: Catalog) -> None:
        """Make the BM25 index hold exactly the chunks of the catalog's document versions."""
        token = catalog.token or ""
        if self._lexical.token == token:
            return
        active = {r.doc_id: r.version for r in catalog.records}
        for doc_id in list(self._lexical.docs):
            if active.get(doc_id) != self._lexical.docs[doc_id].version:
                self._lexical.remove_document(doc_id)
        for record in catalog.records:  # (the catalog being made: `record()` still reads the last one)
            if record.doc_id not in self._lexical.docs:
                furniture = self._furniture_of(record.doc_id, record.version, record.format in STRUCTURED_FORMATS)
                rows = rows_from_store(*self._store.chunk_rows(record.doc_id, record.version), furniture)
                self._lexical.add_document(record.doc_id, record.version, rows)
        self._lexical.token = token
        self._lexical.save()

    def _verify_lexical(self) -> None:
        """Check the BM25 cache as loaded against Chroma — the chunk ids of each visible
        document version — and rebuild what differs (a damaged, stale or hand-edited cache
        would otherwise answer from part of the chunks). One line on stderr says so."""
        with self._lock:
            stored: dict[str, set[str]] = {r.doc_id: set() for r in self.records}
            versions = {r.doc_id: r.version for r in self.records}
            collection = self._store.chunks()
            for chunk_id in collection.get(include=[])["ids"] if collection is not None else []:
                doc_id, version, _ = chunk_id.split(":", 2)
                if versions.get(doc_id) == version:
                    stored[doc_id].add(chunk_id)
            wrong = [
                doc_id
                for doc_id, ids in stored.items()
                if getattr(self._lexical.docs.get(doc_id), "version", None) != versions[doc_id]
                or set(self._lexical.rows_of(doc_id)) != ids
            ]
            if self._lexical.chunk_ids - set().union(*stored.values()):  # rows of no visible document
                self._lexical, wrong = LexicalIndex(self._lexical.folder), list(stored)
            if wrong:
                for doc_id in wrong:
                    self._lexical.remove_document(doc_id)
                self._lexical.token = ""  # _sync_lexical re-reads every document it lacks
                self._sync_lexical(self.catalog)
            problem, self._lexical.problem = self._lexical.problem, ""
            if problem or wrong:  # an unreadable cache was rebuilt by the first refresh
                print(
                    f"speechqa: the BM25 cache in {self._lexical.folder} "
                    + (
                        f"was unreadable ({problem})"
                        if problem
                        else f"differed from the store in {len(wrong)} documents"
                    )
                    + "; rebuilt from Chroma",
                    file=sys.stderr,
                    flush=True,
                )

    # -- what `qa` and the app read: the narrow surface over the store ------------------
    def snapshot(self) -> Catalog:
        """The catalog, refreshed first."""
        self.refresh()
        return self.catalog

    @property
    def records(self) -> tuple[DocumentRecord, ...]:
        """The visible documents as of the last refresh (`catalog.records`)."""
        return self.catalog.records

    @property
    def speeches(self) -> tuple[CatalogSpeech, ...]:
        """The speeches of the visible documents as of the last refresh (`catalog.speeches`)."""
        return self.catalog.speeches

    def _model(self) -> Embeddings:
        """The embedding model, loaded on first use (once, even if threads race for it)."""
        with self._model_lock:
            if self._embeddings is None:
                self._embeddings = load_embeddings(self.settings)
            return self._embeddings

    def embed_query(self, text: str) -> list[float]:
        """The question's vector (the embedding model loads on first use)."""
        return self._model().embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passages' vectors, e.g. sentences compared with a question."""
        return self._model().embed_documents(texts)

    def warm_up(self) -> None:
        """Load the embedding model, the chunk vectors, the glossary and jieba's name tags now
        (so the first question is not slowed down: 0.4 s for 10k chunks' vectors, 0.1 s the
        glossary, 0.7 s the tags)."""
        self._model()
        self._vector_table()
        if self.catalog.derived(self._holds_chinese):
            self.glossary()
            load_tagger()

    def glossary(self) -> Glossary:
        """The English → Chinese glossary (`index.glossary`), loaded on first use: kept in the
        cache folder, built there from CC-CEDICT the first time on a machine."""
        with self._glossary_lock:
            if self._glossary is None:
                self._glossary = load_glossary(Path(self.settings.cache_dir))
            return self._glossary

    def bridged(self, tokens: tuple[str, ...]) -> tuple[Term, ...]:
        """English query tokens with the Chinese words of the indexed text they translate to,
        as BM25 terms (`Glossary.translated`); as they are where nothing indexed is Chinese."""
        if not self.catalog.derived(self._holds_chinese):
            return tokens
        glossary = self.glossary()
        with self._lock:
            return glossary.translated(tokens, self._lexical.known)

    def _holds_chinese(self, speeches: tuple[CatalogSpeech, ...]) -> bool:
        """Whether the BM25 index has Chinese words (kept per catalog: `Catalog.derived`)."""
        with self._lock:
            return any(is_cjk(term[0]) for segment in self._lexical.segments for term in segment.terms)

    def vectorstore(self):
        """The chunk collection as a LangChain `Chroma` vector store, with this library's
        embedding model; None while nothing is indexed. For anyone composing LangChain
        chains over the index: answers rank the chunks with `dense` (tests check that they
        rank alike)."""
        from langchain_chroma import Chroma

        collection = self._store.chunks()
        if collection is None:
            return None
        return Chroma(
            client=self._store.client,
            collection_name=collection.name,
            embedding_function=self._model(),
            create_collection_if_not_exists=False,
        )

    def _vector_table(self, catalog: Catalog | None = None) -> VectorTable | None:
        """The catalog's chunk vectors in memory, for exact search (`index.vectors`); built on
        first use per catalog, reading from Chroma only the chunks the last table lacked. None
        for a store of more than MAX_EXACT_CHUNKS chunks (searched through Chroma's index)."""
        catalog = catalog or self.catalog
        if catalog.derived(chunk_total) > MAX_EXACT_CHUNKS:
            return None
        return catalog.derived(self._build_vector_table)

    def _build_vector_table(self, speeches: tuple[CatalogSpeech, ...]) -> VectorTable:
        with self._vectors_lock:
            self._vectors = VectorTable.build([(s.key, s.chunks) for s in speeches], self._vectors, self._store.vectors)
            return self._vectors

    def dense(self, vector: list[float], k: int, speeches: Collection[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k visible chunks nearest `vector`, best first,
        among the chunks of `speeches` (speech keys; all when None). Ranked exactly on the
        vectors held in memory (`index.vectors`), or, in a store too large for that, through
        Chroma's HNSW index. There a filter covering few chunks is ranked exactly on their
        vectors read now (Chroma's filtered HNSW query costs 40-90 ms at 100k chunks whatever
        the filter, fetching a few hundred vectors ~2 ms), and one of more speeches than
        MAX_FILTER_SPEECHES is searched unfiltered, deep enough, and applied after."""
        catalog = self.catalog
        table = self._vector_table(catalog)
        if table is not None:
            return table.nearest(vector, k, speeches)
        known = catalog.derived(speeches_by_key)
        if speeches is not None:
            ids = [chunk_id(key, i) for key in speeches if key in known for i in range(known[key].chunks)]
            if len(ids) <= EXACT_SEARCH_CHUNKS:
                return self._ranked_among(vector, k, ids)
        n, within = k, speeches
        if speeches is not None and len(speeches) > MAX_FILTER_SPEECHES:
            total = catalog.derived(chunk_total)
            share = sum(known[key].chunks for key in speeches if key in known) / max(total, 1)
            n, within = max(k, min(int(2 * k / max(share, 1e-6)) + k, MAX_OVERSAMPLE, total)), None
        return [
            (i, 1.0 - distance)
            for i, distance in self._store.nearest(vector, n, within)
            if speech_of(i) in known  # a speech of a visible document version
            and (speeches is None or speech_of(i) in speeches)
        ][:k]

    def similarities(self, vector: list[float], ids: Collection[str]) -> dict[str, float]:
        """Each given chunk's cosine similarity to `vector` (a chunk not stored is left out)."""
        table = self._vector_table()
        if table is not None:
            near = dict(table.nearest(vector, len(table.ids), {speech_of(i) for i in ids}))
        else:
            near = dict(self._ranked_among(vector, len(ids), list(ids)))
        return {i: near[i] for i in ids if i in near}

    def _ranked_among(self, vector: list[float], k: int, ids: list[str]) -> list[tuple[str, float]]:
        """The k stored chunks among `ids` nearest to `vector`, ranked exactly on their vectors
        read now (a few hundred: a store too large for the table in memory)."""
        stored = self._store.vectors(ids)
        return VectorTable.of(list(stored), list(stored.values())).nearest(vector, k)

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        """id → passage (verbatim text, attribution, span) of the given chunks that are stored:
        cut from the source texts kept in memory (`stored_text`), with the attribution of
        their speech in the catalog; read from Chroma for a chunk of no visible speech."""
        speeches = self.catalog.derived(speeches_by_key)
        found, other = {}, []
        for chunk in ids:
            speech = speeches.get(speech_of(chunk))
            stored = self.stored_text(speech.who.doc_id, speech.who.version) if speech else None
            span = stored.span(speech.who.speech_index, int(chunk.rpartition(":")[2])) if stored else None
            if span is None:
                other.append(chunk)
            else:
                found[chunk] = Passage(stored.text[span[0] : span[1]], speech.who, *span)
        return found | self._store.passages(other) if other else found

    def count_chunks(self) -> int:
        """How many chunks the store holds (of every version)."""
        return self._store.count_chunks()

    def bm25(self, query, k: int, speeches: Collection[str] | None = None) -> list[tuple[str, float, float]]:
        """(chunk id, BM25 score, coverage) of the k best matches of the query, among the
        chunks of `speeches` (all when None; see `LexicalIndex.search`)."""
        with self._lock:
            return self._lexical.search(query, k=k, speeches=None if speeches is None else set(speeches))

    def chunks_with_words(self, tokens: tuple[str, ...], every: tuple[str, ...] = ()) -> set[str]:
        """Ids of indexed chunks holding every token of `every`, or without it any of `tokens`."""
        with self._lock:
            return self._lexical.containing(tokens, every)

    def term_weights(self, query) -> dict[str, tuple[float, int]]:
        """Each query token's IDF and document frequency (`LexicalIndex.term_weights`)."""
        with self._lock:
            return self._lexical.term_weights(query)

    def unseen_share(self, query, speeches: set[str] | None = None) -> float:
        """How much of a query (by IDF) no indexed chunk (of these speeches) contains
        (`LexicalIndex.unseen_share`)."""
        with self._lock:
            return self._lexical.unseen_share(query, speeches)

    def bm25_rows(self, doc_id: str) -> set[str]:
        """The ids of a document's chunks in the BM25 index (none for a document it lacks)."""
        with self._lock:
            return set(self._lexical.rows_of(doc_id))

    def record(self, doc_id: str) -> DocumentRecord | None:
        return next((r for r in self.records if r.doc_id == doc_id), None)

    def doc_ids_named(self, ref: str) -> list[str]:
        """Visible documents a user names (`documents_named`, a part of a title or meeting
        name too); none when nothing matches."""
        return [r.doc_id for r in documents_named(self.records, ref, partial=True)]

    @property
    def token(self) -> str | None:
        """The store's change token as of the last refresh (changes with every commit)."""
        return self.catalog.token

    def speech_at(self, doc_id: str, speech_index: int) -> CatalogSpeech | None:
        """A visible speech by document and position."""
        return next((s for s in self.speeches if s.who.doc_id == doc_id and s.who.speech_index == speech_index), None)

    def furniture(self, doc_id: str, version: str | None = None) -> tuple[Span, ...]:
        """The line and page numbers and running headers of a document's source text
        (`index.furniture`), as its parser found them; none for JSON and XML transcripts,
        whose source text is a rendering."""
        record = self.record(doc_id)
        version = version or (record.version if record else "")
        return self._furniture_of(doc_id, version, record is not None and record.format in STRUCTURED_FORMATS)

    def _furniture_of(self, doc_id: str, version: str, rendered: bool) -> tuple[Span, ...]:
        stored = self.stored_text(doc_id, version)
        if stored is None:
            return ()
        if stored.furniture is None:  # (two threads may both work it out: the same result)
            stored.furniture = () if rendered else read_lines(stored.text).furniture
        return stored.furniture

    def readable(self, doc_id: str, start: int, end: int, version: str | None = None) -> str:
        """A span of a document as a reader sees it: furniture left out, breaks squashed."""
        return readable(self.source_text(doc_id, version), start, end, self.furniture(doc_id, version))

    def source_text(self, doc_id: str, version: str | None = None) -> str:
        """A document's source text — the visible version, or the given one while it is
        still stored (a citation made before a replace names its version)."""
        record = self.record(doc_id)
        stored = self.stored_text(doc_id, version or (record.version if record else ""))
        return stored.text if stored else ""

    def stored_text(self, doc_id: str, version: str) -> StoredText | None:
        """A document version's source text and its chunks' places, kept in memory (up to
        TEXT_MEMORY_CHARS in all) once read from the store: two reads, then none."""
        if not version:
            return None
        key = (doc_id, version)
        with self._texts_lock:
            if key in self._texts:
                self._texts.move_to_end(key)
                return self._texts[key]
        text = self._store.source_text(doc_id, version)
        return self._keep(key, StoredText.of(text, self._store.chunk_places(doc_id, version) if text else []))

    def _keep(self, key: tuple[str, str], stored: StoredText) -> StoredText:
        with self._texts_lock:
            self._texts[key] = stored
            self._texts.move_to_end(key)
            held = sum(len(t.text) for t in self._texts.values())
            while held > TEXT_MEMORY_CHARS and len(self._texts) > 1:
                held -= len(self._texts.popitem(last=False)[1].text)
        return stored


class LibraryWriter:
    """The write side of a library, the one door through which the store is changed (by the
    indexer, and the retrieval benchmark): the records as the store holds them now, the write
    claims, and the writes, each keeping the library's BM25 index and texts in step."""

    def __init__(self, library: Library):
        self.library = library
        self._store = library._store

    def documents(self) -> list[DocumentRecord]:
        """Every document record as the store holds it now (pending, removing and stale ones too)."""
        return self._store.documents()

    def document(self, doc_id: str) -> DocumentRecord | None:
        """A document's record as the store holds it now."""
        return self._store.document(doc_id)

    def raw_text(self, doc_id: str, version: str) -> str:
        """The text a document version was parsed from (the file's, decoded)."""
        return self._store.raw_text(doc_id, version)

    def check_model(self) -> None:
        """Refuse (ModelMismatch) a store built with another embedding model."""
        self._store.check_model()

    def recover(self, keep: set[str] = frozenset()) -> list[str]:
        """Finish or roll back the writes of dead writers (`SpeechStore.recover`)."""
        return self._store.recover(keep)

    def claim(self, doc_id: str):
        """Hold a document's write claim (other writers wait up to `max_write_wait`)."""
        return self._store.claim(doc_id, self.library.settings.max_write_wait)

    def rebuilding(self):
        """Hold the rebuild claim: other writers wait until the block ends."""
        return self._store.rebuilding(self.library.settings.max_write_wait)

    def write_version(
        self,
        record: DocumentRecord,
        version: str,
        chunks: list[Chunk],
        *,
        source_text: str,
        raw_text: str,
        progress: BatchProgress | None = None,
        **committed,
    ) -> DocumentRecord:
        """Write `version` of a document as one journalled transaction: mark it pending with
        its source text (and the raw text it was parsed from), embed and store its chunks —
        on a resumed write only those not stored yet — then commit the record with the
        `committed` fields (its speeches, title, …) and put the chunks in the BM25 index.
        The caller holds the document's write claim (`claim`)."""
        resuming = record.pending == version
        if not resuming:
            self._store.drop_abandoned(record)  # a dead writer's unfinished write of other text
        self._store.begin(record, version, source_text, raw_text)
        done = self._store.existing_chunk_ids([c.id for c in chunks]) if resuming else set()
        self.embed_chunks([c for c in chunks if c.id not in done], progress=progress)
        committed_record = replace(record, **committed, chunks=len(chunks))
        self.commit_version(committed_record, chunks)
        places = [(c.who.speech_index, c.chunk_index, c.start, c.end) for c in chunks]
        self.library._keep((record.doc_id, version), StoredText.of(source_text, places))  # no need to read it back
        self.library.refresh()
        return committed_record

    def embed_chunks(self, chunks: list[Chunk], *, into: str = "", progress: BatchProgress | None = None) -> None:
        """Embed chunks in batches, storing each batch as it is done (so an interrupted write
        resumes) in the active chunk collection, or `into` (a rebuild's new one)."""
        size = batch_size_for(self.library.settings)
        ordered = sorted(chunks, key=lambda c: len(c.embed_text))  # even batches pad less (+14 % on English)
        for start in range(0, len(ordered), size):
            batch = ordered[start : start + size]
            self._store.write_chunks(batch, self.library.embed_documents([c.embed_text for c in batch]), into=into)
            if progress:
                progress(start + len(batch), len(ordered))

    def commit_version(self, record: DocumentRecord, chunks: list[Chunk]) -> None:
        """Make the record's pending version the active one and index its chunks for BM25."""
        self._store.commit(record)
        with self.library._lock:
            self.library._lexical.add_document(record.doc_id, record.version, [(c.id, c.lexical_text) for c in chunks])

    def describe(self, record: DocumentRecord) -> None:
        """Store a document's new title, date, meeting or place (nothing is re-embedded)."""
        self._store.describe(record)

    def remove(self, doc_id: str) -> None:
        """Remove a document, its texts and its chunks from the store and the BM25 index."""
        self._store.remove(doc_id)
        with self.library._lock:
            self.library._lexical.remove_document(doc_id)

    def new_collection(self) -> str:
        """A new, empty chunk collection for a rebuild (the name of), once dead writers' writes
        are finished and the collections of unfinished rebuilds dropped."""
        self._store.recover()
        self._store.drop_orphan_collections()
        return self._store.rebuild_into_new_collection()

    def switch_collection(self, name: str) -> None:
        """Make a rebuild's collection the one readers search, in one step."""
        self._store.switch_collection(name)
