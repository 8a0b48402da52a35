"""Speeches → chunks: sentence-aware windows that never cross a speech boundary.

Sizes are measured in *weight*, not characters, so Chinese and English chunks carry a
similar amount of content: a CJK character weighs 1, any other character 1/4 (an
English word and its space weigh about 1.5). The default window is about 150 weight
(≈ 150 Chinese characters, ≈ 100 English words), at most 220, and repeats the last
sentence of the previous window so a statement split across windows is still found
whole in one of them. See docs/ARCHITECTURE.md for how the size was chosen.
"""

from __future__ import annotations

from index.furniture import readable
from index.records import Attribution, Chunk, ParsedDocument, Speech
from index.text import sentence_spans, weight

TARGET_WEIGHT = 150
MAX_WEIGHT = 220


def windows(weights: list[float], target: float = TARGET_WEIGHT, maximum: float = MAX_WEIGHT) -> list[tuple[int, int]]:
    """Group consecutive sentences (by weight) into windows (first, last index inclusive)
    of about `target`, at most `maximum`, each repeating the previous window's last sentence."""
    result: list[tuple[int, int]] = []
    first, count = 0, len(weights)
    while first < count:
        last, total = first, weights[first]
        while last + 1 < count and total < target and total + weights[last + 1] <= maximum:
            last += 1
            total += weights[last]
        result.append((first, last))
        if last == count - 1:
            break
        first = last if last > first else last + 1
    return result


def dense_text(clean: str, who: Attribution) -> str:
    """What the embedder sees: the speaker's unit(s) (or, without any, their roles) — words a
    question may use — then the clean text (`index.furniture.readable`). Personal names and
    slogan-like headings are left to the lexical side: measured on the dev questions they
    only blur the embedding (docs/ARCHITECTURE.md, "Chunking")."""
    header = "、".join(who.units or who.roles) if who.speaker else who.doc_title
    return f"{header}\n{clean}" if header else clean


def lexical_text(clean: str, who: Attribution) -> str:
    """What BM25 indexes: every name of the speaker (name, titles, units, roles) and the
    heading, then the clean text, so a question naming a person or unit matches."""
    names = [who.speaker, *who.titles, *who.units, *who.roles] if who.speaker else [who.doc_title]
    header = " ".join([*names, who.heading])
    return f"{header.strip()}\n{clean}"


def chunk_id(speech: str, chunk_index: int) -> str:
    """A chunk's id: its speech key and its place in the speech (so a speech's chunk ids
    are known without asking the store)."""
    return f"{speech}:{chunk_index}"


def speech_of(chunk: str) -> str:
    """The speech key inside a chunk id."""
    return chunk.rpartition(":")[0]


def chunk_speech(
    doc: ParsedDocument,
    speech: Speech,
    speech_index: int,
    *,
    doc_id: str,
    version: str,
    source: str,
) -> list[Chunk]:
    """The chunks of one speech, in order."""
    text = doc.text
    sentences = [s for start, end in speech.paragraphs for s in sentence_spans(text, start, end, MAX_WEIGHT)]
    who = speech.who.placed(
        doc_id=doc_id, version=version, speech_index=speech_index, doc_title=doc.title, source=source
    )
    chunks = []
    for index, (first, last) in enumerate(windows([weight(text[s:e]) for s, e in sentences])):
        start, end = sentences[first][0], sentences[last][1]
        clean = readable(text, start, end, doc.furniture)
        chunks.append(
            Chunk(
                id=chunk_id(who.speech_key, index),
                who=who,
                chunk_index=index,
                text=text[start:end],
                embed_text=dense_text(clean, who),
                lexical_text=lexical_text(clean, who),
                start=start,
                end=end,
            )
        )
    return chunks


def chunk_document(
    doc: ParsedDocument,
    *,
    doc_id: str,
    version: str,
    source: str,
) -> list[Chunk]:
    """All chunks of a document, speech by speech."""
    return [
        chunk
        for index, speech in enumerate(doc.speeches)
        for chunk in chunk_speech(doc, speech, index, doc_id=doc_id, version=version, source=source)
    ]
