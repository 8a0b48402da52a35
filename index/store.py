"""The Chroma store: the single source of truth for documents, their text and their chunks.

Two collections per store (names start with the configured prefix):

- `<prefix>-docs`: one *document record* per transcript (source, title, speeches, the
  active version and any operation in progress), the document's source text in parts,
  and one `@state` record (embedding model, name of the chunk collection, change token).
- the chunk collection named by `@state`: one record per chunk, its verbatim text as
  the Chroma document, its embedding, and speaker/unit/offset metadata.

Chroma has no multi-record transactions, so every change is journalled in the document
record first and committed by one atomic upsert of that record (the same upsert moves the
store's change token, so a reader never sees the record change while its token stands still):

    add/replace:  record.pending = V  →  write text + chunks of V  →  record.version = V,
                  record.stale = old  →  delete chunks of old, clear stale
    remove:       record.removing = True  →  delete chunks and text  →  delete record

Readers only trust chunks of a record's active `version` (and not `removing`), so a crash
at any point leaves every document wholly old or wholly new; `recover()` (run before
every write command) finishes or rolls back what a dead writer left behind.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import shutil
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from config import Settings
from index.locks import folder_lock
from index.records import Attribution, Chunk, OcrReport, Passage, SpeechSummary, StoreError, one_line

STATE_ID = "@state"
REBUILD_ID = "@rebuild"  # the claim a rebuild holds: document writers wait for it (`SpeechStore.claim`)
CLAIM_POLL_SECONDS = 0.2
TEXT_PART_CHARS = 100_000
# Chroma says only "Error in compaction: Failed to apply logs…" when the disk fills; SQLite
# needs room for its journal, so writes fail with some space still free.
LOW_DISK_BYTES = 64 * 2**20
ORPHAN_PENDING_SECONDS = 6 * 3600  # a writer on another host silent this long is dead
_NO_VECTOR = [0.0]
# A file's modification time advances in ticks of the kernel's clock (a few ms): a token read
# is trusted to stand while the database file is unchanged only once the file is this much older.
SETTLED_NS = 1_000_000_000  # the docs collection holds records, not vectors; Chroma wants one


class ModelMismatch(StoreError):
    """The store was built with another embedding model."""


@dataclass
class DocumentRecord:
    """One transcript in the store, with the journal of any change in progress."""

    doc_id: str
    source: str
    title: str = ""
    date: str = ""  # the meeting's day, ISO (index.meeting), or as the user set it
    meeting: str = ""  # the meeting's name, when the page names one
    place: str = ""
    given: dict[str, str] = field(default_factory=dict)  # title/date/meeting/place the user set: kept over detection
    format: str = ""
    file_sha256: str = ""
    content_hash: str = ""
    version: str = ""  # the active version; "" until the first commit
    pending: str = ""  # the version being written
    pending_owner: str = ""  # host:pid of the writer of `pending`
    pending_at: float = 0.0
    stale: str = ""  # a replaced version whose chunks still await deletion
    removing: bool = False
    chunks: int = 0
    chars: int = 0
    added_at: float = 0.0
    notes: list[str] = field(default_factory=list)
    warning: str = ""  # what the parser found worth a second look (index.preview.warning)
    speaker_roles: dict[str, str] = field(default_factory=dict)  # from a sidecar file, kept for rebuilds
    ocr_pages: int = 0  # pages of the file read by OCR (index.ocr); 0: none
    ocr_confidence: float = 0.0  # their recogniser's mean confidence per character
    # The active version's speeches. Stored in a record of their own (`speeches:<doc>:<version>`)
    # so that listing documents stays cheap with thousands of them; see `SpeechStore.speeches`.
    speeches: list[SpeechSummary] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        """The name of the file the document was added from (an upload's own name)."""
        return Path(self.source.removeprefix("upload:")).name

    @property
    def meeting_name(self) -> str:
        """The meeting as citations name it: its name, else the document's title."""
        return self.meeting or self.title

    @property
    def ocr(self) -> OcrReport | None:
        """How OCR read the document's file, when it did."""
        return OcrReport(self.ocr_pages, self.ocr_confidence) if self.ocr_pages else None

    @property
    def visible(self) -> bool:
        """Whether readers see this document (committed and not being removed)."""
        return bool(self.version) and not self.removing

    def to_metadata(self) -> dict:
        """Chroma metadata: scalars as they are, lists and dicts as JSON strings (the
        speeches are not part of it)."""
        meta = {k: v for k, v in asdict(self).items() if k != "speeches"}
        for name in _JSON_FIELDS:
            meta[name] = json.dumps(meta[name], ensure_ascii=False)
        meta["kind"] = "doc"
        return meta

    @classmethod
    def from_metadata(cls, meta: dict) -> "DocumentRecord":
        """A record without its speeches (`SpeechStore.speeches` reads those)."""
        values = {k: meta[k] for k in cls.__dataclass_fields__ if k in meta and k != "speeches"}
        for name in _JSON_FIELDS:
            values[name] = json.loads(values.get(name) or "null") or cls.__dataclass_fields__[name].default_factory()
        return cls(**values)


_JSON_FIELDS = ("notes", "speaker_roles", "given")
_VERSIONED_KINDS = ["text", "raw", "speeches"]  # records that belong to one version of a document


def writer_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _writer_is_dead(owner: str, since: float) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname():
        return time.time() - since > ORPHAN_PENDING_SECONDS
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Busy(StoreError):
    """Another live process holds the claim on what this one wants to write."""


def _holding(who: str, holder: dict, doing: str = "writing it") -> str:
    """`another process (host:pid) has been writing it since 10:02:03`, for a Busy line."""
    since = time.strftime("%H:%M:%S", time.localtime(holder["at"]))
    return f"{who} ({holder['owner']}) has been {doing} since {since}"


def connect(settings: Settings) -> chromadb.ClientAPI:
    """An embedded PersistentClient under the data folder, or an HttpClient for a server URL."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url if "//" in settings.chroma_url else f"http://{settings.chroma_url}")
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        path = Path(settings.data_dir) / "chroma"
        if problem := damage(settings):
            raise StoreError(problem)
        path.mkdir(parents=True, exist_ok=True)
        # Chroma creates a new store's tables without a lock: processes opening one folder at
        # the same moment raced into "table collections already exists".
        with folder_lock(Path(settings.data_dir), ".chroma-open.lock"):
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except StoreError:
        raise
    except Exception as error:  # chromadb raises plain ValueError/Exception for connection failures
        raise StoreError(f"cannot open the Chroma store ({where(settings)}): {one_line(error)}") from error


def damage(settings: Settings) -> str:
    """Why an embedded store's folder is damaged, or "": its database file is missing or
    empty while the folder still holds Chroma's segment folders (Chroma would silently start
    a new, empty store there). The database's own side files (`-journal`, `-wal`) do not
    count: a process creating a new store has them beside an empty database for a moment."""
    path = Path(settings.data_dir) / "chroma"
    database = path / "chroma.sqlite3"
    if settings.chroma_url or not path.is_dir() or (database.is_file() and database.stat().st_size > 0):
        return ""
    others = [p for p in path.iterdir() if p.is_dir()]
    if not others:
        return ""
    state = "empty" if database.exists() else "missing"
    return (
        f"store damaged: {database} is {state}, but the folder holds {len(others)} Chroma segment folders; "
        f"restore the folder from a backup, or move it away to start a new store"
    )


def where(settings: Settings) -> str:
    return f"server {settings.chroma_url}" if settings.chroma_url else f"folder {Path(settings.data_dir) / 'chroma'}"


@contextlib.contextmanager
def store_errors(settings: Settings):
    """Turn Chroma/network failures into one-line `StoreError`s (used at the edges: CLI, app)."""
    try:
        yield
    except StoreError:
        raise
    except Exception as error:
        module = type(error).__module__
        if problem := damage(settings):  # e.g. the database file deleted or emptied under us
            raise StoreError(problem) from error
        chroma = module.startswith(("chromadb", "httpx", "httpcore"))
        if chroma and not settings.chroma_url and (free := free_bytes(settings)) < LOW_DISK_BYTES:
            raise StoreError(
                f"store write failed: disk full ({where(settings)}: {_size(free)} free; {one_line(error)})"
            ) from error
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:  # our own files (the BM25 cache)
            raise StoreError(f"store write failed: disk full ({one_line(error)})") from error
        if chroma or isinstance(error, (ConnectionError, TimeoutError)):
            raise StoreError(f"the Chroma store ({where(settings)}) failed: {one_line(error)}") from error
        raise


def free_bytes(settings: Settings) -> float:
    """Free space on the disk of the data folder (an embedded store's); infinite when it
    cannot be told."""
    folder = Path(settings.data_dir)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return float(shutil.disk_usage(folder).free)
    except OSError:
        return math.inf


def _size(count: float) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.0f} KB"


def record_id(kind: str, key: str, *parts: str | int) -> str:
    """The id of a record in the docs collection: `doc:<doc_id>`, `text:<doc_id>:<version>:<part>`,
    `raw:<doc_id>:<version>`, `speeches:<doc_id>:<version>` or `claim:<key>`."""
    return ":".join((kind, key, *map(str, parts)))


# Attribution ↔ Chroma metadata: the only place that knows the stored shape. Chunks and
# speech summaries store the attribution's fields flat, under their own names; lists as
# lists (left out of chunk metadata when empty: Chroma refuses empty lists).
_ATTRIBUTION_LISTS = ("titles", "units", "roles")


def chunk_metadata(chunk: Chunk) -> dict:
    """Chroma metadata for a chunk."""
    who = chunk.who
    meta = {
        "doc_id": who.doc_id,
        "version": who.version,
        "speech_index": who.speech_index,
        "chunk_index": chunk.chunk_index,
        "speech_key": who.speech_key,
        "start": chunk.start,
        "end": chunk.end,
        "speaker": who.speaker,
        "heading": who.heading,
        "cue": who.cue,
        "doc_title": who.doc_title,
        "source": who.source,
    }
    for name in _ATTRIBUTION_LISTS:
        if getattr(who, name):
            meta[name] = list(getattr(who, name))
    return meta


def attribution_of(meta: dict) -> Attribution:
    """The attribution stored with a chunk or a speech summary (absent fields: empty)."""
    return Attribution(
        speaker=meta.get("speaker", ""),
        titles=tuple(meta.get("titles", ())),
        units=tuple(meta.get("units", ())),
        roles=tuple(meta.get("roles", ())),
        heading=meta.get("heading", ""),
        cue=meta.get("cue", ""),
        doc_id=meta.get("doc_id", ""),
        version=meta.get("version", ""),
        speech_index=int(meta.get("speech_index", 0)),
        doc_title=meta.get("doc_title", ""),
        source=meta.get("source", ""),
    )


def passage_of(text: str, meta: dict) -> Passage:
    """A stored chunk (its text and Chroma metadata) as readers use it."""
    return Passage(text, attribution_of(meta), int(meta.get("start", 0)), int(meta.get("end", 0)))


def summary_row(summary: SpeechSummary) -> dict:
    """A speech summary as stored in a version's `speeches:` record (JSON)."""
    who = summary.who
    return {
        "speech_index": who.speech_index,
        "speaker": who.speaker,
        "units": list(who.units),
        "roles": list(who.roles),
        "titles": list(who.titles),
        "heading": who.heading,
        "cue": who.cue,
        "chunks": summary.chunks,
        "start": summary.start,
        "end": summary.end,
    }


def summary_of(row: dict) -> SpeechSummary:
    """A speech summary read back from a `speeches:` record."""
    return SpeechSummary(
        attribution_of(row), chunks=row.get("chunks", 0), start=row.get("start", 0), end=row.get("end", 0)
    )


class SpeechStore:
    """Document records, source texts and chunk vectors in Chroma. It stores vectors made
    elsewhere (`Library` owns the embedding model) and records the name of the `model`
    that made them, refusing another (`check_model`)."""

    def __init__(self, settings: Settings, model: str):
        self.settings = settings
        self.model = model
        self.written_token = ""  # the change token this process wrote last
        self.rebuild_token = ""  # this store's rebuild claim while it rebuilds (its own writes go on)
        self._open()

    def _open(self) -> None:
        self.client = connect(self.settings)
        with store_errors(self.settings):
            self.docs = self.client.get_or_create_collection(
                f"{self.settings.collection}-docs", embedding_function=None, metadata={"hnsw:space": "l2"}
            )
        self._state: dict | None = None
        self._token_mark: tuple[int, ...] | None = None  # the database file when its token was read
        self._chunks = None
        self._chunks_name = ""

    def reopen_after_outside_change(self) -> None:
        """Embedded Chroma keeps a collection's vector index in memory as it was loaded, so
        vectors another process added to the same folder are invisible to this one's
        searches. Open a fresh client (Chroma shares one per folder and process, hence the
        cache entry is dropped first). A Chroma server needs nothing of this."""
        if self.settings.chroma_url:
            return
        from chromadb.api.shared_system_client import SharedSystemClient

        identifier = getattr(self.client, "_identifier", None)  # chromadb 1.5: the folder
        SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)
        self._open()

    # -- state and collections -------------------------------------------------------
    def state(self) -> dict:
        """The `@state` record, read now (and remembered for `chunks()`)."""
        got = self.docs.get(ids=[STATE_ID], include=["metadatas"])
        self._state = dict(got["metadatas"][0]) if got["ids"] else {}
        return self._state

    def _write_state(self, **changes) -> None:
        state = self._new_state(**changes)
        self.docs.upsert(ids=[STATE_ID], embeddings=[_NO_VECTOR], metadatas=[state], documents=[""])
        self._state = state

    def _new_state(self, **changes) -> dict:
        """The state record with `changes` and a new change token (remembered as ours)."""
        self.written_token = uuid.uuid4().hex
        return {**self.state(), **changes, "kind": "state", "token": self.written_token}

    def change_token(self) -> str:
        """Changes whenever any document is committed or removed, or the store is rebuilt
        (by any process). Reading it also refreshes what `chunks()` knows. An embedded
        store's token is read again only when its database file has changed since the last
        read (`_file_mark`: a stat, 2 µs, instead of a Chroma read, 0.3-0.7 ms)."""
        taken = time.time_ns()
        mark = self._file_mark()
        if mark is not None and mark == self._token_mark and self._state is not None:
            return self._state.get("token", "")
        token = self.state().get("token", "")
        # trusted only when the file was older than the clock's coarseness as it was marked:
        # a write in the same tick as the marked one could leave the same time (and size)
        self._token_mark = mark if mark is not None and mark[0] < taken - SETTLED_NS else None
        return token

    def _file_mark(self) -> tuple[int, ...] | None:
        """(modification time, size, inode) of an embedded store's database and of its
        write-ahead log if it keeps one: every write changes them (Chroma keeps records in
        SQLite); None for a Chroma server."""
        if self.settings.chroma_url:
            return None
        database = Path(self.settings.data_dir) / "chroma" / "chroma.sqlite3"
        try:
            stat = os.stat(database)
        except OSError:
            return None
        try:
            log = os.stat(f"{database}-wal")
        except OSError:
            return stat.st_mtime_ns, stat.st_size, stat.st_ino
        return max(stat.st_mtime_ns, log.st_mtime_ns), stat.st_size, stat.st_ino, log.st_size

    @contextlib.contextmanager
    def claim(self, key: str, wait: float):
        """Hold the store-wide write claim on `key` (a doc id, or STATE_ID) for the block,
        waiting up to `wait` seconds while another live writer holds it (then `Busy`).
        A document's claim also waits while another process rebuilds (`rebuilding`).

        A claim is a record added to the docs collection: Chroma's `add` keeps an id that
        exists, so the first writer's record stands and a read-back says who won; a dead
        writer's claim is deleted only if it is still that writer's (a delete by id *and*
        its token). This works the same for an embedded folder and a Chroma server shared
        by several machines, where a lock file could not be seen (docs/ARCHITECTURE.md)."""
        deadline = time.monotonic() + wait
        while True:
            mine = self._take(key, deadline, wait)
            rebuild = self._live_claim(REBUILD_ID) if key not in (STATE_ID, REBUILD_ID) else None
            if rebuild is None or rebuild["token"] == self.rebuild_token:
                break
            self._release(key, mine)  # the rebuild switches collections under it: let it finish first
            if time.monotonic() >= deadline:
                raise Busy(
                    f"{key}: {_holding('a rebuild', rebuild, 'running')}; waited {wait:g} s (SPEECHQA_MAX_WRITE_WAIT)"
                )
            time.sleep(CLAIM_POLL_SECONDS)
        try:
            yield mine
        finally:
            self._release(key, mine)

    def _take(self, key: str, deadline: float, wait: float) -> str:
        """Add this writer's claim record on `key` once no live writer holds one; its token."""
        claim_id, mine = record_id("claim", key), uuid.uuid4().hex
        while True:
            meta = {"kind": "claim", "key": key, "owner": writer_id(), "at": time.time(), "token": mine}
            self.docs.add(ids=[claim_id], embeddings=[_NO_VECTOR], metadatas=[meta], documents=[""])
            holder = self._live_claim(key)
            if holder is None:  # released (or its writer dead) between the add and the read
                continue
            if holder["token"] == mine:
                return mine
            if time.monotonic() >= deadline:
                raise Busy(f"{key}: {_holding('another process', holder)}; waited {wait:g} s (SPEECHQA_MAX_WRITE_WAIT)")
            time.sleep(CLAIM_POLL_SECONDS)

    def _live_claim(self, key: str) -> dict | None:
        """The claim record on `key`, or None; a dead writer's is deleted (if still its)."""
        claim_id = record_id("claim", key)
        got = self.docs.get(ids=[claim_id], include=["metadatas"])
        holder = got["metadatas"][0] if got["ids"] else None
        if holder is not None and _writer_is_dead(holder["owner"], holder["at"]):
            self.docs.delete(ids=[claim_id], where={"token": holder["token"]})
            return None
        return holder

    def _release(self, key: str, token: str) -> None:
        self.docs.delete(ids=[record_id("claim", key)], where={"token": token})

    @contextlib.contextmanager
    def rebuilding(self, wait: float):
        """Hold the rebuild claim for the block, once the writers already holding a
        document's claim are done (up to `wait` seconds, then `Busy`). Meanwhile other
        writers wait in `claim`: what they committed into the collection a rebuild is
        about to drop would be lost, and a rebuild would put back what they removed."""
        with self.claim(REBUILD_ID, wait) as token:
            self.rebuild_token = token
            try:
                deadline = time.monotonic() + wait
                while writing := [
                    meta
                    for meta in self.docs.get(where={"kind": "claim"}, include=["metadatas"])["metadatas"]
                    if meta.get("key") not in (STATE_ID, REBUILD_ID) and not _writer_is_dead(meta["owner"], meta["at"])
                ]:
                    if time.monotonic() >= deadline:
                        raise Busy(
                            f"rebuild: {_holding('another process', writing[0])} (document {writing[0].get('key')}); "
                            f"waited {wait:g} s (SPEECHQA_MAX_WRITE_WAIT)"
                        )
                    time.sleep(CLAIM_POLL_SECONDS)
                yield
            finally:
                self.rebuild_token = ""

    def check_model(self) -> None:
        """Refuse to mix embedding models in one store."""
        recorded = self.state().get("model")
        if recorded and recorded != self.model:
            raise ModelMismatch(
                f"this store was built with the embedding model {recorded!r}, not {self.model!r}; "
                f"use --embedding-model {recorded!r}, or run `python -m index rebuild` to re-embed everything with {self.model!r}"
            )

    def chunks(self, create: bool = False):
        """The active chunk collection (None when nothing was ever indexed and not `create`),
        as of the last state read: readers call `change_token()` first (Library.refresh)."""
        state = self.state() if create or self._state is None else self._state
        name = state.get("chunks_collection", "")
        if not name and create:
            with self.claim(STATE_ID, self.settings.max_write_wait):  # two first writers make one
                name = self.state().get("chunks_collection", "")
                if not name:
                    self.check_model()
                    name = self._new_chunks_name()
                    self._write_state(model=self.model, chunks_collection=name)
        if not name:
            return None
        if name != self._chunks_name:
            self._chunks = self._chunk_collection(name)
            self._chunks_name = name
        return self._chunks

    def _new_chunks_name(self) -> str:
        return f"{self.settings.collection}-chunks-{uuid.uuid4().hex[:8]}"

    def _chunk_collection(self, name: str):
        """The chunk collection `name` (created if missing), ranked by cosine distance."""
        return self.client.get_or_create_collection(name, embedding_function=None, metadata={"hnsw:space": "cosine"})

    # -- reading ---------------------------------------------------------------------
    def documents(self) -> list[DocumentRecord]:
        """Every document record (without speeches), including ones not (yet / any longer) visible."""
        got = self.docs.get(where={"kind": "doc"}, include=["metadatas"])
        records = [DocumentRecord.from_metadata(m) for m in got["metadatas"]]
        return sorted(records, key=lambda r: (r.added_at, r.doc_id))

    def document(self, doc_id: str) -> DocumentRecord | None:
        got = self.docs.get(ids=[record_id("doc", doc_id)], include=["metadatas"])
        return DocumentRecord.from_metadata(got["metadatas"][0]) if got["ids"] else None

    def speeches(self, versions: list[tuple[str, str]]) -> dict[tuple[str, str], list[SpeechSummary]]:
        """The speeches of the given (doc_id, version)s, read in one request."""
        if not versions:
            return {}
        got = self.docs.get(ids=[record_id("speeches", d, v) for d, v in versions], include=["documents", "metadatas"])
        return {
            (meta["doc_id"], meta["version"]): [summary_of(row) for row in json.loads(text)]
            for text, meta in zip(got["documents"], got["metadatas"])
        }

    def source_text(self, doc_id: str, version: str) -> str:
        """The document's source text (what every chunk's offsets point into)."""
        got = self.docs.get(
            where={"$and": [{"kind": "text"}, {"doc_id": doc_id}, {"version": version}]},
            include=["documents", "metadatas"],
        )
        parts = sorted(zip(got["metadatas"], got["documents"]), key=lambda pair: pair[0]["part"])
        return "".join(text for _, text in parts)

    def raw_text(self, doc_id: str, version: str) -> str:
        """The text the document was parsed from (differs from the source text for JSON)."""
        got = self.docs.get(ids=[record_id("raw", doc_id, version)], include=["documents"])
        return got["documents"][0] if got["ids"] else self.source_text(doc_id, version)

    def chunk_rows(self, doc_id: str, version: str) -> tuple[list[str], list[str], list[dict]]:
        """(ids, texts, metadatas) of one document version's chunks."""
        collection = self.chunks()
        if collection is None:
            return [], [], []
        got = collection.get(
            where={"$and": [{"doc_id": doc_id}, {"version": version}]}, include=["documents", "metadatas"]
        )
        return got["ids"], got["documents"], got["metadatas"]

    def chunk_places(self, doc_id: str, version: str) -> list[tuple[int, int, int, int]]:
        """(speech index, chunk index, start, end) of one document version's chunks."""
        collection = self.chunks()
        if collection is None:
            return []
        got = collection.get(where={"$and": [{"doc_id": doc_id}, {"version": version}]}, include=["metadatas"])
        return [(m["speech_index"], m["chunk_index"], m["start"], m["end"]) for m in got["metadatas"]]

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        """id → passage for the given chunk ids that exist."""
        collection = self.chunks()
        if collection is None or not ids:
            return {}
        got = collection.get(ids=list(ids), include=["documents", "metadatas"])
        return {i: passage_of(t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}

    def nearest(self, vector: list[float], n: int, speeches: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the `n` chunks nearest `vector` by the HNSW index, of
        the given speeches (all when None: Chroma turns each key into one SQL variable); ids of
        any version (callers keep visible ones)."""
        collection = self.chunks()
        if collection is None:
            return []
        where = None if speeches is None else {"speech_key": {"$in": sorted(speeches)}}
        got = collection.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
        return list(zip(got["ids"][0], got["distances"][0]))

    def vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """id → stored vector of the given chunk ids that exist."""
        collection = self.chunks()
        found: dict[str, list[float]] = {}
        for batch in _batches(ids, 5000) if collection is not None else ():
            got = collection.get(ids=batch, include=["embeddings"])
            found.update(zip(got["ids"], got["embeddings"]))
        return found

    def existing_chunk_ids(self, ids: list[str]) -> set[str]:
        collection = self.chunks()
        if collection is None or not ids:
            return set()
        found: set[str] = set()
        for batch in _batches(ids, 5000):
            found.update(collection.get(ids=batch, include=[])["ids"])
        return found

    def count_chunks(self) -> int:
        collection = self.chunks()
        return collection.count() if collection is not None else 0

    # -- writing ---------------------------------------------------------------------
    def _put(self, record: DocumentRecord, announce: bool = False, speeches: bool = True) -> None:
        """Upsert the record; with `announce`, also its active version's speeches (unless
        not `speeches`) and a new change token, in the same upsert (one log write): no
        reader can see the record change without its speeches or without the token moving."""
        rows = [(record_id("doc", record.doc_id), record.to_metadata(), record.title or record.source)]
        state = self._new_state() if announce else None
        if state is not None:
            if speeches and record.version and not record.removing:
                speeches = json.dumps([summary_row(s) for s in record.speeches], ensure_ascii=False)
                meta = {"kind": "speeches", "doc_id": record.doc_id, "version": record.version}
                rows.append((record_id("speeches", record.doc_id, record.version), meta, speeches))
            rows.append((STATE_ID, state, ""))
        ids, metadatas, documents = (list(column) for column in zip(*rows))
        self.docs.upsert(ids=ids, embeddings=[_NO_VECTOR] * len(ids), metadatas=metadatas, documents=documents)
        if state is not None:
            self._state = state

    def begin(self, record: DocumentRecord, version: str, source_text: str, raw_text: str) -> DocumentRecord:
        """Journal that `version` of the document is being written by this process, and store
        its source text (and the raw text it was parsed from, when that differs) in the same
        upsert — each Chroma write costs a tenth of a second or more on a large store."""
        record.pending, record.pending_owner, record.pending_at = version, writer_id(), time.time()
        doc_id = record.doc_id
        parts = [source_text[i : i + TEXT_PART_CHARS] for i in range(0, len(source_text), TEXT_PART_CHARS)] or [""]
        ids = [record_id("doc", doc_id), *(record_id("text", doc_id, version, n) for n in range(len(parts)))]
        metas = [
            record.to_metadata(),
            *({"kind": "text", "doc_id": doc_id, "version": version, "part": n} for n in range(len(parts))),
        ]
        documents = [record.title or record.source, *parts]
        if raw_text != source_text:
            ids.append(record_id("raw", doc_id, version))
            metas.append({"kind": "raw", "doc_id": doc_id, "version": version, "part": -1})
            documents.append(raw_text)
        self.docs.upsert(ids=ids, documents=documents, metadatas=metas, embeddings=[_NO_VECTOR] * len(ids))
        return record

    def write_chunks(self, chunks: list[Chunk], vectors: list[list[float]], into: str = "") -> None:
        """Upsert chunks with their vectors into the active chunk collection (or `into`)."""
        collection = self.client.get_collection(into) if into else self.chunks(create=True)
        limit = self.client.get_max_batch_size()
        for batch, batch_vectors in zip(_batches(chunks, limit), _batches(vectors, limit)):
            collection.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                metadatas=[chunk_metadata(c) for c in batch],
                embeddings=batch_vectors,
            )

    def commit(self, record: DocumentRecord) -> DocumentRecord:
        """Make the pending version the active one (one atomic upsert), then drop the old."""
        if record.version and record.version != record.pending:
            record.stale = record.version
        record.version, record.pending, record.pending_owner, record.pending_at = record.pending, "", "", 0.0
        self._put(record, announce=True)
        return self._finish(record)

    def describe(self, record: DocumentRecord) -> None:
        """Store a record's new title, date, meeting or place and announce the change (its
        version, chunks and speeches stay as they are)."""
        self._put(record, announce=True, speeches=False)

    def remove(self, doc_id: str) -> bool:
        record = self.document(doc_id)
        if record is None:
            return False
        record.removing = True
        self._put(record, announce=True)
        self._finish(record)
        return True

    def drop_abandoned(self, record: DocumentRecord) -> None:
        """Delete the chunks and text of the record's pending version when its writer is
        dead (before another version is begun: nothing would ever clean them up after)."""
        if record.pending and _writer_is_dead(record.pending_owner, record.pending_at):
            self._delete_version(record.doc_id, record.pending)

    def _delete_version(self, doc_id: str, version: str) -> None:
        selector = {"$and": [{"doc_id": doc_id}, {"version": version}]}
        collection = self.chunks()
        if collection is not None:
            collection.delete(where=selector)
        self.docs.delete(where={"$and": [{"kind": {"$in": _VERSIONED_KINDS}}, *selector["$and"]]})

    def _finish(self, record: DocumentRecord) -> DocumentRecord:
        """Complete the journalled cleanup of a record: stale versions, removal."""
        if record.removing:
            collection = self.chunks()
            if collection is not None:
                collection.delete(where={"doc_id": record.doc_id})
            self.docs.delete(where={"$and": [{"kind": {"$in": _VERSIONED_KINDS}}, {"doc_id": record.doc_id}]})
            self.docs.delete(ids=[record_id("doc", record.doc_id)])
            return record
        if record.stale:
            self._delete_version(record.doc_id, record.stale)
            record.stale = ""
            self._put(record)
        return record

    def rollback(self, record: DocumentRecord) -> None:
        """Forget an unfinished version (its chunks and text) written by a dead process."""
        self._delete_version(record.doc_id, record.pending)
        record.pending, record.pending_owner, record.pending_at = "", "", 0.0
        if record.version:
            self._put(record)
        else:
            self.docs.delete(ids=[record_id("doc", record.doc_id)])

    def recover(self, keep: set[str] = frozenset()) -> list[str]:
        """Finish or roll back what crashed writers left behind; returns the doc ids touched.
        Pending versions of documents in `keep` are left for the caller to resume."""
        touched = []
        for record in self.documents():  # filtered here: Chroma's $ne/$or filters scan slowly
            if record.removing or record.stale:
                self._finish(record)
                touched.append(record.doc_id)
            elif (
                record.pending
                and record.doc_id not in keep
                and _writer_is_dead(record.pending_owner, record.pending_at)
            ):
                self.rollback(record)
                touched.append(record.doc_id)
        return touched + self.drop_orphan_versions()

    def drop_orphan_versions(self) -> list[str]:
        """Delete chunks and texts of versions that no record names (active, pending or
        stale): what a writer overtaken by another left behind. Each document is cleaned
        under its claim, re-read there, and skipped while a live writer holds it (a version
        begun since the first read is not an orphan). Returns the doc ids cleaned."""
        live = sorted({v for r in self.documents() for v in (r.version, r.pending, r.stale) if v})
        unnamed = {"version": {"$nin": live}} if live else {"version": {"$ne": ""}}
        collection = self.chunks()
        found = collection.get(where=unnamed, include=["metadatas"])["metadatas"] if collection is not None else []
        found += self.docs.get(where={"$and": [{"kind": {"$in": _VERSIONED_KINDS}}, unnamed]}, include=["metadatas"])[
            "metadatas"
        ]
        cleaned = []
        for doc_id in sorted({m["doc_id"] for m in found}):
            try:
                with self.claim(doc_id, wait=0):
                    record = self.document(doc_id)
                    keep = [v for v in (record.version, record.pending, record.stale) if v] if record else []
                    selector = (
                        {"$and": [{"doc_id": doc_id}, {"version": {"$nin": keep}}]} if keep else {"doc_id": doc_id}
                    )
                    if collection is not None:
                        collection.delete(where=selector)
                    self.docs.delete(where={"$and": [{"kind": {"$in": _VERSIONED_KINDS}}, selector]})
                    cleaned.append(doc_id)
            except Busy:
                continue
        return cleaned

    def rebuild_into_new_collection(self) -> str:
        """Start a fresh chunk collection for the configured model; returns its name.
        The switch happens in `switch_collection`, so readers keep the old one meanwhile."""
        name = self._new_chunks_name()
        self._chunk_collection(name)
        return name

    def switch_collection(self, name: str) -> None:
        old = self.state().get("chunks_collection", "")
        self._write_state(model=self.model, chunks_collection=name)
        self._chunks_name = ""
        if old and old != name:
            with contextlib.suppress(Exception):
                self.client.delete_collection(old)

    def drop_orphan_collections(self) -> None:
        """Delete chunk collections of interrupted rebuilds (not named by the state)."""
        active = self.state().get("chunks_collection", "")
        prefix = f"{self.settings.collection}-chunks-"
        for collection in self.client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith(prefix) and name != active:
                self.client.delete_collection(name)


def _batches(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]
