"""Answering a question: read it, gather and gate the evidence, have a writer write the answer.

`Answerer` resolves the question (names, periods, follow-ups), retrieves, keeps the hits that
are evidence (`qa.evidence`) — the best per speaker, as many as the question's intent asks —
and has its writer answer from them: `ExtractiveWriter` quotes their best sentences grouped by
speaker (`qa.compose`: offline, deterministic), `qa.llm.LLMWriter` has a chat model write and
checks it. "What did X say" and "which speeches say “X”" are answered from the speeches
themselves. When the evidence is weak, or the question names a unit or person the index does
not have, the answer says nothing was found and cites nobody: a wrong attribution is worse
than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import numpy as np

from index.library import Catalog, Library
from index.records import MODERATOR, BadInput
from index.text import sentence_spans
from qa.compose import compose, message, not_found, period_note
from qa.evidence import best_sentences, is_evidence, key_points, quoted_from, shown
from qa.records import Answer, Statement
from qa.resolve import CatalogIndex, Conversation, Resolution, catalog_index, resolve
from qa.retrieve import Hit, Phrases, compact, retrieve

ALSO_WHO_COVERAGE = 0.75  # a second speaker answers "who" only when matching this fully
MAX_SPEAKERS = {"who": 2, "which": 8, "ask": 3}
MAX_SAID_SPEECHES = 3  # "what did X say" quotes X's longest speeches, at most this many
# A question about asking (`谁问了…`, `Who asked…`): there an interviewer's turn is the answer.
_ASKING = re.compile(r"提问|询问|问了|问到|问过|问起|\bask(?:s|ed|ing)?\b|\bquestion(?:s|ed)?\b", re.I)


def check_question(question: str, limit: int) -> None:
    """BadInput, one line, for a question (or topic) longer than `limit` characters
    (SPEECHQA_MAX_QUESTION_CHARS): refused before any work, never cut."""
    if len(question) > limit:
        raise BadInput(
            f"问题过长 / The question is {len(question):,} characters, over the {limit:,} limit "
            "(SPEECHQA_MAX_QUESTION_CHARS)."
        )


class Writer(Protocol):
    """Writes an answer from the evidence chosen for a question."""

    mode: str  # "extractive", or the chat model's provider

    def write(self, library: Library, res: Resolution, hits: list[Hit], vector: np.ndarray, on_token) -> Answer:
        """The answer from `hits` (`on_token` receives text as it is written, if streamed)."""
        ...


class ExtractiveWriter:
    """The answer is the hits' best sentences, grouped by speaker (offline, deterministic)."""

    mode = "extractive"

    def write(self, library: Library, res: Resolution, hits: list[Hit], vector: np.ndarray, on_token=None) -> Answer:
        embed = library.embed_documents
        return compose(res, shown(library, best_sentences(hits, res.lexical_query, vector, embed)))


class Answerer:
    """Answers questions over a library: reads the question, gathers and gates the evidence,
    and has its `writer` (extractive by default, or a chat model: `qa.llm`) write the answer."""

    def __init__(self, library: Library, writer: Writer | None = None):
        self.library = library
        self.writer = writer or ExtractiveWriter()

    @property
    def mode(self) -> str:
        return self.writer.mode

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        *,
        speaker=(),
        unit=(),
        doc_id=(),
        since: str = "",
        until: str = "",
        k: int = 8,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer a question; records the cited speakers in `conversation` for follow-ups.
        `since`/`until` (ISO dates) keep to meetings in that range. `on_token` receives the
        answer text as it is written (LLM mode streams it). BadInput for a question over
        SPEECHQA_MAX_QUESTION_CHARS (`check_question`)."""
        check_question(question, self.library.settings.max_question_chars)
        question = " ".join(question.split())
        catalog = self.library.snapshot()  # one catalog for the whole request, whatever else changes
        index = catalog_index(self.library, catalog)
        phrases = Phrases(self.library)  # the request's lookups of quoted words, sharing what they read
        resolution = resolve(
            question,
            index,
            conversation,
            speaker=speaker,
            unit=unit,
            doc_id=doc_id,
            since=since,
            until=until,
            says=phrases.says,
            bridge=self.library.bridged,
        )
        answer = self._answer(resolution, conversation, k, on_token, catalog, index, phrases)
        if resolution.periods and answer.found:  # say which meetings were searched
            answer.text = period_note(resolution) + answer.text
        for c in answer.citations:  # the document as it is described now (a user may retitle it)
            if record := self.library.record(c.who.doc_id):
                c.who = replace(c.who, doc_title=record.title)
                c.date, c.meeting = record.date or None, record.meeting_name
        if conversation is not None:
            conversation.remember(
                question, answer.speakers, [(c.who.doc_id, c.start) for c in answer.citations], answer
            )
        return answer

    def _answer(
        self,
        res: Resolution,
        conversation: Conversation | None,
        k: int,
        on_token,
        catalog: Catalog,
        index: CatalogIndex,
        phrases: Phrases,
    ) -> Answer:
        """The answer from the request's catalog (and its index, what retrieval reads)."""
        if not any(ch.isalnum() for ch in res.question):  # empty, or punctuation only
            return Answer(res.question, message(res.language, "empty"), False)
        if not catalog.records:
            return Answer(res.question, message(res.language, "no_index"), False)
        if res.speeches is not None and not res.speeches:
            return Answer(res.question, not_found(res), False)
        if res.intent == "said" and not res.topic:
            skip = conversation.cited if conversation and res.follow_up else set()
            speeches = [s for s in catalog.speeches if s.key in res.speeches]
            longest = sorted(sorted(speeches, key=lambda s: -s.chunks)[:MAX_SAID_SPEECHES], key=speeches.index)
            statements = [p for s in longest for p in key_points(self.library, s, skip)]
            if not statements:
                return Answer(res.question, not_found(res), False)
            answer = compose(res, statements)
            if len(speeches) > len(longest):  # the longest speeches are shown; say what is left out
                answer.text += message(res.language, "more_speeches").format(len(speeches) - len(longest))
            return answer
        if res.phrases and res.intent == "which" and (statements := self._phrase_statements(res, phrases)):
            return compose(res, statements, verbatim=True)  # every speech that says it, not the top few
        if res.phrases and res.intent in ("who", "which") and self._only_narration_says(res, phrases):
            return Answer(res.question, message(res.language, "unattributed"), False)
        vector = np.asarray(self.library.embed_query(res.question), dtype=np.float32)
        hits = retrieve(
            self.library,
            res.question,
            speeches=res.speeches,
            k=max(k, 12),
            vector=vector.tolist(),
            by_speaker=res.intent in ("who", "which"),
            lexical_query=res.lexical_query,
            index=index,
        )
        if res.phrases and res.intent == "who" and (said := self._phrase_hits(res, phrases)):
            hits = _phrase_first(hits, said)  # who said these very words, the best match first
        intent = res.intent if res.intent in MAX_SPEAKERS else "ask"
        unseen = self.library.unseen_share(res.topic, res.speeches)  # of what is searched
        evidence = _select(
            _askers_last(
                [
                    h
                    for h in hits
                    if is_evidence(
                        h, res.language, unseen=unseen, about_speech=res.about_speech, whether=res.asks_whether
                    )
                    and (h.speaker or not res.asks_whether)  # whether anyone said it: narration says nothing
                ],
                res,
            ),
            intent,
        )
        if not evidence and res.units and not res.speakers and not res.filtered:
            evidence = _select(self._unit_as_topic(res, vector, unseen, index), intent)
        if not evidence:
            return Answer(res.question, not_found(res), False)
        return self.writer.write(self.library, res, evidence, vector, on_token)

    def _phrase_statements(self, res: Resolution, phrases: Phrases) -> list[Statement]:
        """ "Who / which … “X”": every speech that holds the quoted words, each quoted at the
        sentence that holds them (all of them, not the top few). Empty when no speech has
        the words verbatim (then the question is answered by meaning, as any other)."""
        statements, seen = [], set()
        for hit in self._phrase_hits(res, phrases):
            if hit.speech_key in seen:
                continue
            for start, end in sentence_spans(hit.text, 0, len(hit.text)):
                sentence = self.library.readable(hit.who.doc_id, hit.start + start, hit.start + end, hit.who.version)
                if any(compact(p) in compact(sentence) for p in res.phrases):
                    seen.add(hit.speech_key)
                    statements.append(quoted_from(hit, start, end, 1.0, shown=sentence))
                    break
        return statements

    def _only_narration_says(self, res: Resolution, phrases: Phrases) -> bool:
        """The quoted words are printed, but only where the page names no speaker: asked who
        said them, any speaker the meaning suggests would be a guess."""
        found = [h for phrase in res.phrases for h in phrases.find(phrase, res.speeches)]
        return bool(found) and not any(h.speaker for h in found)

    def _phrase_hits(self, res: Resolution, phrases: Phrases) -> list[Hit]:
        """The attributed chunks holding a quoted phrase of the question word for word."""
        return [h for phrase in res.phrases for h in phrases.find(phrase, res.speeches) if h.speaker]

    def _unit_as_topic(self, res: Resolution, vector: np.ndarray, unseen: float, index: CatalogIndex) -> list[Hit]:
        """A unit a question names may be part of what was said, not who said it (`Who said
        the President called the mayors of Tampa and Clearwater?`): when no speech of that
        unit answers, the evidence anywhere that quotes the unit's name itself."""
        hits = retrieve(
            self.library,
            res.question,
            k=12,
            vector=vector.tolist(),
            by_speaker=res.intent in ("who", "which"),
            index=index,
        )
        named = [u for u in res.units if u in res.question]
        return [h for h in hits if is_evidence(h, res.language, unseen=unseen) and any(u in h.text for u in named)]


def _phrase_first(hits: list[Hit], said: list[Hit]) -> list[Hit]:
    """The retrieved chunks that hold the question's quoted words, in their ranking, then
    the other chunks that hold them (ranked as no match: they back the answer only when
    retrieval found none of them)."""
    holding = {h.chunk_id for h in said}
    ranked = [h for h in hits if h.chunk_id in holding]
    found = {h.chunk_id for h in ranked}
    rest = [Hit(h.chunk_id, h.passage, 0.0, coverage=0.0, dense=h.dense) for h in said if h.chunk_id not in found]
    return ranked + rest


def _askers_last(hits: list[Hit], res: Resolution) -> list[Hit]:
    """The hits with the turns of people asking (an interviewer, `Q`, a reader's question)
    after the others when a speaker holds the question's words as fully: asking about a
    subject is not saying it. An asker whose turn holds more of them (`Q: …750,000 customers
    in Puerto Rico…`) keeps its rank; a question about asking puts the askers first."""
    if _ASKING.search(res.question):
        return sorted(hits, key=lambda h: MODERATOR not in h.who.roles)  # stable: rank kept within each
    best_said = max((h.coverage for h in hits if MODERATOR not in h.who.roles), default=-1.0)
    return sorted(hits, key=lambda h: MODERATOR in h.who.roles and h.coverage <= best_said)


def _select(hits: list[Hit], intent: str) -> list[Hit]:
    """The hits an answer quotes: the best one per speaker, up to the intent's limit
    (an 'ask' may quote one speaker twice)."""
    chosen, per_speaker = [], {}
    for hit in hits:
        if intent != "ask" and not hit.speaker:  # narration cannot answer "who"
            continue
        if per_speaker.get(hit.speaker, 0) >= (2 if intent == "ask" else 1):
            continue
        if hit.speaker not in per_speaker and len(per_speaker) >= MAX_SPEAKERS[intent]:
            continue
        if intent == "who" and per_speaker and hit.coverage < ALSO_WHO_COVERAGE:
            continue
        per_speaker[hit.speaker] = per_speaker.get(hit.speaker, 0) + 1
        chosen.append(hit)
        if intent == "ask" and len(chosen) >= MAX_SPEAKERS["ask"]:
            break
    return chosen
