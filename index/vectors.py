"""The visible chunks' vectors in memory, searched exactly.

Chroma's HNSW index is approximate, and not even repeatable: on CMRC2018's 848 passages its
40 nearest lacked on average 0.3 of the true 40 (up to 4), dense hit@1 moved between 0.935
and 0.942 from one run to the next on the same store, and the exact ranking gave 0.945
(docs/PERFORMANCE.md, 12). Up to `MAX_EXACT_CHUNKS` the library therefore keeps the vectors
of the visible chunks (read from Chroma, the store of record) in one matrix per catalog and
ranks them exactly: one matrix product, 0.12 ms at 10k chunks (Chroma's query: 0.75 ms). A larger
store is searched through the HNSW index, where exact search would cost memory and time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index.chunk import chunk_id

MAX_EXACT_CHUNKS = 50_000  # ≈ 73 MiB of 384-dimensional float32 vectors


@dataclass(frozen=True)
class VectorTable:
    """Unit vectors of a catalog's chunks, a speech's chunks in consecutive rows."""

    ids: tuple[str, ...]
    matrix: np.ndarray  # (chunks, dimensions), float32, rows of length 1
    rows: dict[str, tuple[int, int]]  # speech key → its rows [start, end)

    @classmethod
    def build(
        cls,
        speeches: Sequence[tuple[str, int]],
        reuse: VectorTable | None,
        fetch: Callable[[list[str]], dict[str, Sequence[float]]],
    ) -> VectorTable:
        """The table of these (speech key, chunk count) pairs: rows already in `reuse` are
        copied from it, the others read with `fetch` (chunk ids → vectors) in one call."""
        wanted = [(key, chunk_id(key, i)) for key, count in speeches for i in range(count)]
        known = dict(zip(reuse.ids, range(len(reuse.ids)))) if reuse is not None else {}
        fetched = fetch([chunk for _, chunk in wanted if chunk not in known])
        ids, vectors, rows = [], [], {}
        for key, chunk in wanted:
            if chunk in known:
                vector = reuse.matrix[known[chunk]]
            elif chunk in fetched:
                vector = np.asarray(fetched[chunk], dtype=np.float32)
            else:  # not stored (a damaged store): it cannot be found by meaning
                continue
            start, _ = rows.get(key, (len(ids), 0))
            rows[key] = (start, len(ids) + 1)
            ids.append(chunk)
            vectors.append(vector)
        return cls.of(ids, vectors, rows)

    @classmethod
    def of(
        cls, ids: Sequence[str], vectors: Sequence[Sequence[float]], rows: dict[str, tuple[int, int]] | None = None
    ) -> VectorTable:
        """The table of these chunks and their vectors (made unit length)."""
        matrix = np.vstack(vectors).astype(np.float32) if len(vectors) else np.zeros((0, 0), dtype=np.float32)
        if len(matrix):
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return cls(tuple(ids), matrix, rows or {})

    def nearest(
        self, vector: Sequence[float], k: int, speeches: Iterable[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks, best first, among the
        chunks of `speeches` (all when None)."""
        if not len(self.matrix) or k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        if speeches is None:
            candidates = None
            similarity = _products(self.matrix, query)
        else:
            spans = [self.rows[key] for key in speeches if key in self.rows]
            if not spans:
                return []
            candidates = np.concatenate([np.arange(a, b) for a, b in sorted(spans)])
            similarity = _products(self.matrix[candidates], query)
        k = min(k, len(similarity))
        top = np.argpartition(-similarity, k - 1)[:k]
        top = top[np.lexsort((top, -similarity[top]))]  # best first; ties in row order
        rows = top if candidates is None else candidates[top]
        return [(self.ids[row], float(similarity[i])) for row, i in zip(rows, top)]


def _products(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Each row's dot product with the query, in this thread. Not BLAS's matrix-vector
    product: OpenBLAS hands one this size to a second thread, which on two busy cores waits
    for a scheduler tick (8 ms instead of 0.07; the median over 300 questions at load 3 on
    3,148 chunks was 0.07 ms, the 95th percentile 8 ms; here 0.22 and 0.5-2.5 ms)."""
    return np.einsum("ij,j->i", matrix, query)
