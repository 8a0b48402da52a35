"""Work bounded by the input: a file under the size limit cannot make parsing or chunking
quadratic (a speaker repeating tens of thousands of short turns; speech-to-text with no
punctuation). The timings compare the same code on a small and a four-times larger input
(best of three each), so a busy machine does not make them fail; speed itself is measured
in bench/."""

from __future__ import annotations

import time

from index.formats import parse_document
from index.text import sentence_spans, weight

SPEAKERS = ("张三", "李四")


def best_of_three(work) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def test_many_turns_of_one_speaker_parse_in_linear_time():
    def turns(n: int) -> str:
        return "".join(f"{SPEAKERS[(i // 50) % 2]}：好，我们继续第{i}项。\n\n" for i in range(n))

    small, large = turns(5_000), turns(20_000)
    doc = parse_document(large)
    assert len(doc.speeches) == 20_000 // 50 and doc.format == "turns"
    ratio = best_of_three(lambda: parse_document(large)) / best_of_three(lambda: parse_document(small))
    assert ratio < 8, ratio  # linear work is about 4x; quadratic would be about 16x


def test_unpunctuated_text_is_cut_into_pieces_in_linear_time():
    small, large = "我们继续推进改革发展工作" * 8_000, "我们继续推进改革发展工作" * 32_000
    pieces = sentence_spans(large, 0, len(large), 220)
    assert all(weight(large[a:b]) <= 220 for a, b in pieces) and "".join(large[a:b] for a, b in pieces) == large
    ratio = best_of_three(lambda: sentence_spans(large, 0, len(large), 220)) / best_of_three(
        lambda: sentence_spans(small, 0, len(small), 220)
    )
    assert ratio < 8, ratio
