"""Scoring answers on development questions (qa/eval.py)."""

from __future__ import annotations

from index.records import Attribution
from qa.eval import _score, reading_order
from qa.records import Answer, Citation


def answer(*speakers: str, found: bool = True) -> Answer:
    who = (Attribution(speaker=s, doc_id="d", version="v") for s in speakers)
    citations = [Citation(n, w, 0, 1, "x", 1.0) for n, w in enumerate(who, 1)]
    return Answer("q", "text", found, citations)


def test_exact_scores_precision_and_recall_of_the_speakers_cited():
    item = {"q": "哪些发言提到了“候鸟”？", "speakers": ["黄兴武", "李若平"], "kind": "exact"}
    row = _score(item, answer("黄兴武", "李若平"))
    assert (row["precision"], row["recall"], row["exact"]) == (1.0, 1.0, 1.0)
    row = _score(item, answer("黄兴武", "王东"))
    assert (row["precision"], row["recall"], row["exact"]) == (0.5, 0.5, 0.0)


def test_unknown_and_negative_count_refusals():
    for kind in ("unknown", "negative"):
        item = {"q": "海口市教育局说了什么？", "speakers": [], "kind": kind}
        assert _score(item, answer(found=False))["refused"] == 1.0
        assert _score(item, answer("吴萍"))["refused"] == 0.0


def test_a_label_s_honorifics_do_not_make_another_speaker():
    """The index names `Dr David Blaney` David Blaney; an expected name printed with the
    label's honorific or post-nominal is the same speaker, another name is not."""
    item = {"q": "Who said universities are cutting core capacity?", "speakers": ["Dr David Blaney"], "kind": "lexical"}
    assert _score(item, answer("David Blaney"))["hit@1"] == 1.0
    assert _score({**item, "speakers": ["Suzy Davies AM"]}, answer("Suzy Davies"))["hit@1"] == 1.0
    assert _score(item, answer("Bethan Owen"))["hit@1"] == 0.0


def test_a_roll_s_surname_first_name_is_the_same_speaker():
    """Australian Hansard's name attributes print `CURTIN, Daniel`; the index prints Daniel
    Curtin. A suffix after the comma is no given name."""
    item = {"q": "Who compared the Prime Minister to an old nag?", "speakers": ["CURTIN, Daniel"], "kind": "paraphrase"}
    assert _score(item, answer("Daniel Curtin"))["hit@1"] == 1.0
    assert _score(item, answer("Daniel Mulvihill"))["hit@1"] == 0.0
    assert reading_order("Smith, Jr.") == "Smith, Jr."
    # a riding in brackets is the label's, an initial in brackets tells two councillors apart
    assert _score({**item, "speakers": ["Mr. Kody Blois (KingsHants, Lib.)"]}, answer("Kody Blois"))["hit@1"] == 1.0
    assert _score({**item, "speakers": ["Collins (M)"]}, answer("Collins (J)"))["hit@1"] == 0.0
