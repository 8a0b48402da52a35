"""Exact search over the chunk vectors held in memory (`index.vectors`)."""

from __future__ import annotations

import numpy as np

from index.vectors import VectorTable

RNG = np.random.default_rng(7)
SPEECHES = [("d:v1:0", 3), ("d:v1:1", 2), ("e:v1:0", 4)]
VECTORS = {f"{key}:{i}": RNG.normal(size=8).tolist() for key, count in SPEECHES for i in range(count)}


def fetch_recording(calls: list[list[str]]):
    def fetch(ids: list[str]) -> dict[str, list[float]]:
        calls.append(list(ids))
        return {i: VECTORS[i] for i in ids if i in VECTORS}

    return fetch


def brute_force(query, ids):
    unit = {i: np.asarray(VECTORS[i]) / np.linalg.norm(VECTORS[i]) for i in ids}
    q = np.asarray(query) / np.linalg.norm(query)
    return sorted(ids, key=lambda i: -float(unit[i] @ q))


def test_ranks_every_chunk_or_a_filters_chunks_exactly_as_cosine_similarity_does():
    table = VectorTable.build(SPEECHES, None, fetch_recording([]))
    for _ in range(20):
        query = RNG.normal(size=8)
        assert [i for i, _ in table.nearest(query, 9)] == brute_force(query, list(VECTORS))
        found = table.nearest(query, 3, {"d:v1:1", "e:v1:0", "no:such:speech"})
        wanted = brute_force(query, [i for i in VECTORS if i.startswith(("d:v1:1:", "e:v1:0:"))])[:3]
        assert [i for i, _ in found] == wanted
        best, similarity = found[0]
        expected = np.asarray(VECTORS[best]) @ query / np.linalg.norm(VECTORS[best]) / np.linalg.norm(query)
        assert abs(similarity - expected) < 1e-5


def test_a_new_catalog_reads_only_the_chunks_the_last_table_lacked():
    calls: list[list[str]] = []
    first = VectorTable.build(SPEECHES[:2], None, fetch_recording(calls))
    second = VectorTable.build(SPEECHES[1:], first, fetch_recording(calls))
    assert calls[1] == ["e:v1:0:0", "e:v1:0:1", "e:v1:0:2", "e:v1:0:3"]
    assert set(second.ids) == {i for i in VECTORS if not i.startswith("d:v1:0:")}  # the removed speech is gone
    assert second.rows == {"d:v1:1": (0, 2), "e:v1:0": (2, 6)}


def test_a_chunk_missing_from_the_store_is_left_out_and_nothing_is_found_in_an_empty_table():
    damaged = VectorTable.build([("d:v1:0", 4)], None, fetch_recording([]))  # there is no d:v1:0:3
    assert damaged.ids == ("d:v1:0:0", "d:v1:0:1", "d:v1:0:2")
    assert len(damaged.nearest(RNG.normal(size=8), 10)) == 3
    empty = VectorTable.build([], None, fetch_recording([]))
    assert empty.nearest(RNG.normal(size=8), 5) == [] and empty.nearest([1.0] * 8, 5, {"d:v1:0"}) == []
