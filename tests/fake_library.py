"""An in-memory stand-in for `index.library.Library`, to test answering rules without Chroma
or an embedding model, as httpx's `MockTransport` stands in for the network. Transcripts are
parsed and chunked by the real parsers and searched by the real BM25 index; dense search ranks
exactly on the vectors of the embedder given (by default the hashing one: shared words, no
meaning). It offers the read surface `qa` uses — the catalog, the search primitives, texts —
and `test_the_fake_library_reads_as_the_real_one` holds it to the real library's answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from config import Settings
from index.chunk import chunk_document, speech_of
from index.embed import HashingEmbeddings
from index.formats import STRUCTURED_FORMATS, parse_document
from index.furniture import read_lines, readable
from index.lexical import LexicalIndex, Term
from index.library import Catalog, CatalogSpeech, _catalog_entry, documents_named, speeches_by_key
from index.meeting import described
from index.pipeline import content_hash, speech_summaries
from index.records import Passage, Span
from index.store import DocumentRecord
from index.vectors import VectorTable


class FakeLibrary:
    """Transcripts held in memory, read as `Library` reads a store."""

    def __init__(self, transcripts: dict[str, str] | None = None, embeddings: Embeddings | None = None):
        """`transcripts`: file name → text, added in order (`add`)."""
        self.settings = Settings.from_env(environ={}, data_dir=Path("/nonexistent"))
        self.embeddings = embeddings or HashingEmbeddings()
        self.catalog = Catalog(token="0")
        self._lexical = LexicalIndex()
        self._texts: dict[str, str] = {}  # doc id → source text
        self._vectors: dict[str, list[float]] = {}  # chunk id → vector
        self._spans: dict[str, tuple[int, int]] = {}  # chunk id → where it lies in its text
        self._table = VectorTable.of([], [])
        for name, text in (transcripts or {}).items():
            self.add(name, text)

    def add(self, name: str, text: str) -> DocumentRecord:
        """Index a transcript as `Indexer.add_file` would, as a new catalog."""
        doc = parse_document(text, name=name)
        about = described(doc, name, {})
        doc = replace(doc, title=about["title"])
        doc_id, version = f"doc{len(self._texts)}", content_hash(text)[:16]
        chunks = chunk_document(doc, doc_id=doc_id, version=version, source=name)
        record = DocumentRecord(
            doc_id, name, **about, format=doc.format, version=version, chunks=len(chunks), chars=len(doc.text)
        )
        record.speeches = speech_summaries(doc, chunks)
        speeches = _catalog_entry(record, record.speeches)[2]
        self._texts[doc_id] = doc.text
        self._lexical.add_document(doc_id, version, [(c.id, c.lexical_text) for c in chunks])
        self._spans |= {c.id: (c.start, c.end) for c in chunks}
        self._vectors |= dict(
            zip((c.id for c in chunks), self.embeddings.embed_documents([c.embed_text for c in chunks]))
        )
        all_speeches = self.catalog.speeches + speeches
        self._table = VectorTable.build([(s.key, s.chunks) for s in all_speeches], self._table, self._fetch)
        self.catalog = Catalog(str(len(self._texts)), (*self.catalog.records, record), all_speeches)
        return record

    def _fetch(self, ids: list[str]) -> dict[str, list[float]]:
        return {i: self._vectors[i] for i in ids}

    # -- the catalog --------------------------------------------------------------------
    def refresh(self) -> bool:
        return False

    def snapshot(self) -> Catalog:
        return self.catalog

    @property
    def token(self) -> str | None:
        return self.catalog.token

    @property
    def records(self) -> tuple[DocumentRecord, ...]:
        return self.catalog.records

    @property
    def speeches(self) -> tuple[CatalogSpeech, ...]:
        return self.catalog.speeches

    def record(self, doc_id: str) -> DocumentRecord | None:
        return next((r for r in self.records if r.doc_id == doc_id), None)

    def doc_ids_named(self, ref: str) -> list[str]:
        return [r.doc_id for r in documents_named(self.records, ref, partial=True)]

    def speech_at(self, doc_id: str, speech_index: int) -> CatalogSpeech | None:
        return next((s for s in self.speeches if s.who.doc_id == doc_id and s.who.speech_index == speech_index), None)

    # -- the model ------------------------------------------------------------------------
    def warm_up(self) -> None:
        pass

    def embed_query(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embeddings.embed_documents(texts)

    def bridged(self, tokens: tuple[str, ...]) -> tuple[Term, ...]:
        return tokens  # no glossary

    # -- the search primitives ------------------------------------------------------------
    def dense(self, vector: list[float], k: int, speeches=None) -> list[tuple[str, float]]:
        return self._table.nearest(vector, k, speeches)

    def similarities(self, vector: list[float], ids) -> dict[str, float]:
        near = dict(self._table.nearest(vector, len(self._table.ids), {speech_of(i) for i in ids}))
        return {i: near[i] for i in ids if i in near}

    def bm25(self, query, k: int, speeches=None) -> list[tuple[str, float, float]]:
        return self._lexical.search(query, k=k, speeches=None if speeches is None else set(speeches))

    def chunks_with_words(self, tokens: tuple[str, ...], every: tuple[str, ...] = ()) -> set[str]:
        return self._lexical.containing(tokens, every)

    def term_weights(self, query) -> dict[str, tuple[float, int]]:
        return self._lexical.term_weights(query)

    def unseen_share(self, query, speeches: set[str] | None = None) -> float:
        return self._lexical.unseen_share(query, speeches)

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        speeches = self.catalog.derived(speeches_by_key)
        found = {}
        for chunk in ids:
            speech = speeches.get(speech_of(chunk))
            if speech is not None and chunk in self._spans:
                start, end = self._spans[chunk]
                found[chunk] = Passage(self._texts[speech.who.doc_id][start:end], speech.who, start, end)
        return found

    # -- texts ------------------------------------------------------------------------------
    def source_text(self, doc_id: str, version: str | None = None) -> str:
        return self._texts.get(doc_id, "")

    def furniture(self, doc_id: str, version: str | None = None) -> tuple[Span, ...]:
        record = self.record(doc_id)
        if record is None or record.format in STRUCTURED_FORMATS:
            return ()
        return read_lines(self._texts[doc_id]).furniture

    def readable(self, doc_id: str, start: int, end: int, version: str | None = None) -> str:
        return readable(self.source_text(doc_id), start, end, self.furniture(doc_id))
