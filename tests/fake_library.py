"""A `Library` over transcripts held in memory, to test answering rules without Chroma or an
embedding model — as httpx's `MockTransport` stands in for the network under a real client.
Transcripts are parsed and chunked by the real parsers and indexed by the real BM25 index; the
library's own code reads them (the catalog, the search primitives over its vectors in memory,
passages cut from the source texts); only the store under it is a few dicts, and the vectors
come from the embedder given (by default the hashing one: shared words, no meaning).
`test_the_fake_library_reads_as_the_real_one` holds it to a library over Chroma."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from config import Settings
from index.chunk import chunk_document
from index.embed import HashingEmbeddings
from index.formats import parse_document
from index.lexical import LexicalIndex, Term
from index.library import Catalog, Library, _catalog_entry
from index.meeting import described
from index.pipeline import content_hash, speech_summaries
from index.records import Passage
from index.store import DocumentRecord


class MemoryStore:
    """What a library reads of its store once it has its catalog: vectors, texts, chunk places."""

    def __init__(self):
        self.texts: dict[tuple[str, str], str] = {}  # (doc id, version) → source text
        self.places: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}  # → its chunks' places
        self.vectors_of: dict[str, list[float]] = {}  # chunk id → vector

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        return {i: self.vectors_of[i] for i in ids if i in self.vectors_of}

    def source_text(self, doc_id: str, version: str) -> str:
        return self.texts.get((doc_id, version), "")

    def chunk_places(self, doc_id: str, version: str) -> list[tuple[int, int, int, int]]:
        return self.places.get((doc_id, version), [])

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        return {}  # only the visible versions are held


class FakeLibrary(Library):
    """A library whose transcripts are added in memory (`add`), each making a new catalog."""

    def __init__(self, transcripts: dict[str, str] | None = None, embeddings: Embeddings | None = None):
        """`transcripts`: file name → text, added in order. (`Library.__init__` is not called:
        it opens a store; these are the attributes it sets.)"""
        self.settings = Settings.from_env(environ={}, data_dir=Path("/nonexistent"))
        self._embeddings = embeddings or HashingEmbeddings()
        self._model_lock = threading.Lock()
        self._store = MemoryStore()
        self._lexical = LexicalIndex()
        self._lock = threading.RLock()
        self._texts, self._texts_lock = OrderedDict(), threading.Lock()
        self._vectors, self._vectors_lock = None, threading.Lock()
        self.catalog = Catalog(token="0")
        for name, text in (transcripts or {}).items():
            self.add(name, text)

    def add(self, name: str, text: str) -> DocumentRecord:
        """Index a transcript as `Indexer.add_file` would (doc ids: doc0, doc1, …)."""
        doc = parse_document(text, name=name)
        about = described(doc, name, {})
        doc = replace(doc, title=about["title"])
        doc_id, version = f"doc{len(self.records)}", content_hash(text)[:16]
        chunks = chunk_document(doc, doc_id=doc_id, version=version, source=name)
        record = DocumentRecord(doc_id, name, **about, format=doc.format, version=version, chunks=len(chunks))
        record.speeches = speech_summaries(doc, chunks)
        self._store.texts[doc_id, version] = doc.text
        self._store.places[doc_id, version] = [(c.who.speech_index, c.chunk_index, c.start, c.end) for c in chunks]
        self._store.vectors_of |= zip((c.id for c in chunks), self.embed_documents([c.embed_text for c in chunks]))
        self._lexical.add_document(doc_id, version, [(c.id, c.lexical_text) for c in chunks])
        speeches = self.catalog.speeches + _catalog_entry(record, record.speeches)[2]
        self.catalog = Catalog(str(len(self.records) + 1), (*self.records, record), speeches)
        return record

    def refresh(self) -> bool:
        return False  # nothing else writes to it

    def bridged(self, tokens: tuple[str, ...]) -> tuple[Term, ...]:
        return tokens  # no glossary
