"""Extractive answers: offline, deterministic, every statement attributed and cited.

The answer is assembled from verbatim sentences of the retrieved chunks, grouped by
speaker, in the question's language. A citation's quote is always exactly
`source_text[start:end]`; the answer text shows it with page breaks squashed. When the
evidence is weak, or the question names a unit or person the index does not have, the
answer says nothing was found and cites nobody: a wrong attribution is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from index.lexical import tokenize
from index.library import CatalogSpeech, Library
from index.records import MODERATOR, Attribution
from index.text import sentence_spans, squash_breaks, weight
from index.titles import grouped_units
from qa.records import Answer, Citation
from qa.resolve import Conversation, Resolution, catalog_index, language_of, resolve
from qa.retrieve import Hit, compact, phrase_search, retrieve

MAX_QUESTION_CHARS = 1000
QUOTE_DISPLAY_CHARS = 160
# Evidence a hit needs before an answer may quote it: it holds most of the question's words
# (coverage, by IDF), or its dense similarity reaches the level of a relevant passage for
# that pair of languages (multilingual-e5 similarities sit in a narrow band whose height
# depends on the languages, so one number cannot serve), or some of both. Calibrated on the
# dev questions, QMSum's 133 queries and off-topic questions: docs/ARCHITECTURE.md.
MIN_COVERAGE = 0.4
PARTIAL_COVERAGE = 0.25
MIN_DENSE = {("zh", "zh"): 0.87, ("en", "zh"): 0.70, ("zh", "en"): 0.78, ("en", "en"): 0.84}
PARTIAL_DENSE = {("zh", "zh"): 0.83, ("en", "zh"): 0.68, ("zh", "en"): 0.76, ("en", "en"): 0.81}
# A chunk shorter than this (weight: a CJK character 1, another ¼) answers by its words only:
# short turns such as `Thank you.` or `Good evening.` are about as close in meaning to any question.
MIN_MEANING_WEIGHT = 20
MOSTLY_UNSEEN = 0.5  # share of a question's words (by IDF) that no indexed text contains
ALSO_WHO_COVERAGE = 0.75  # a second speaker answers "who" only when matching this fully
MAX_SPEAKERS = {"who": 2, "which": 8, "ask": 3}
MAX_SENTENCES = 12  # sentences of a chunk considered for its quote
MAX_SAID_SPEECHES = 3  # "what did X say" quotes X's longest speeches, at most this many
# A question about asking (`谁问了…`, `Who asked…`): there an interviewer's turn is the answer.
_ASKING = re.compile(r"提问|询问|问了|问到|问过|问起|\bask(?:s|ed|ing)?\b|\bquestion(?:s|ed)?\b", re.I)
_POINT = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|再次|最后|下一步)")


@dataclass
class Statement:
    """One quoted sentence attributed to a speaker, before numbering."""

    who: Attribution
    start: int
    end: int
    quote: str
    score: float
    by_meaning: bool = False  # found by embedding alone: no word of the question in it
    shown: str = ""  # the quote as a reader sees it (furniture left out), when known


def quoted_from(hit: Hit, start: int, end: int, score: float, **extra) -> Statement:
    """The statement quoting `hit.text[start:end]` (offsets within the hit), placed in its document."""
    return Statement(hit.who, hit.start + start, hit.start + end, hit.text[start:end], score, **extra)


def _display(st: Statement) -> str:
    text = st.shown or squash_breaks(st.quote)
    return text if len(text) <= QUOTE_DISPLAY_CHARS else text[:QUOTE_DISPLAY_CHARS] + "…"


def _overlap(sentence: str, topic: set[str]) -> float:
    return float(sum(len(t) for t in set(tokenize(sentence)) & topic))


def best_sentences(hits: list[Hit], topic: tuple[str, ...], vector: np.ndarray, embed) -> list[Statement]:
    """For each hit, the sentence that best answers the question: the one sharing most topic
    words, or, when none shares any (a paraphrase, another language), the one closest to the
    question by embedding — all such sentences embedded in one call."""
    spans = [sentence_spans(h.text, 0, len(h.text))[:MAX_SENTENCES] or [(0, len(h.text))] for h in hits]
    scores = [[_overlap(h.text[s:e], set(topic)) for s, e in hit_spans] for h, hit_spans in zip(hits, spans)]
    by_meaning = [i for i, row in enumerate(scores) if max(row) == 0 and len(row) > 1]
    texts = [hits[i].text[s:e] for i in by_meaning for s, e in spans[i]]
    similarities = iter(np.asarray(embed(texts)) @ vector if texts else [])
    for i in by_meaning:
        scores[i] = [next(similarities) for _ in spans[i]]
    statements, quoted = [], set()
    for hit, hit_spans, row in zip(hits, spans, scores):
        # overlapping chunks share a sentence: quote each sentence once, the hit's next best instead
        doc_id = hit.who.doc_id
        ranked = sorted(range(len(row)), key=lambda i: -row[i])
        fresh = [i for i in ranked if (doc_id, hit.start + hit_spans[i][0]) not in quoted]
        if not fresh:
            continue
        start, end = hit_spans[fresh[0]]
        quoted.add((doc_id, hit.start + start))
        statements.append(quoted_from(hit, start, end, hit.score, by_meaning=hit.coverage < PARTIAL_COVERAGE))
    return statements


def is_evidence(hit: Hit, question_language: str, *, unseen: float = 0.0, about_speech: bool = True) -> bool:
    """Whether a retrieved chunk is strong enough evidence to quote. `unseen`: the share of
    the question (by IDF) that no indexed text contains; when it is most of the question
    (`谁谈到了围棋比赛？` over pages that never say 围棋), the words the chunk does share
    are the lesser part, and only closeness in meaning counts. `about_speech`: whether the
    question asks who said what or names a speaker or unit. Across languages no word is
    shared, and closeness in meaning alone cannot tell a question about the speeches from
    gibberish or another subject (`asdf qwer zxcv` and `How do I bake sourdough bread?` sit
    as close to Chinese speeches as real questions do), so there it counts only for those."""
    pair = (question_language, language_of(hit.text))
    if pair[0] != pair[1] and not about_speech:
        return hit.coverage >= MIN_COVERAGE
    dense = hit.dense if hit.dense is not None else 0.0
    if weight(hit.text) < MIN_MEANING_WEIGHT:  # `Thank you.`, `Senate —`: close to any question
        dense = 0.0
    if dense >= MIN_DENSE[pair]:
        return True
    if unseen >= MOSTLY_UNSEEN and pair[0] == pair[1]:
        return False
    return hit.coverage >= MIN_COVERAGE or (hit.coverage >= PARTIAL_COVERAGE and dense >= PARTIAL_DENSE[pair])


def key_points(library: Library, speech: CatalogSpeech, skip: set[tuple[str, int]], limit: int = 6) -> list[Statement]:
    """A speech's own structure (一是/二是/… sentences), or its opening sentences."""
    text = library.source_text(speech.who.doc_id)
    sentences = sentence_spans(text, speech.start, speech.end)
    points = [s for s in sentences if _POINT.match(text[s[0] : s[1]])] or sentences
    fresh = [(s, e) for s, e in points if (speech.who.doc_id, s) not in skip]
    if not fresh:  # every point was already quoted: go on with the other sentences
        fresh = [(s, e) for s, e in sentences if (speech.who.doc_id, s) not in skip]
    return [
        Statement(speech.who, s, e, text[s:e], 1.0, shown=library.readable(speech.who.doc_id, s, e))
        for s, e in fresh[:limit]
    ]


def citation(n: int, st: Statement) -> Citation:
    """The numbered citation for a statement."""
    return Citation(n=n, who=st.who, start=st.start, end=st.end, quote=st.quote, score=round(float(st.score), 4))


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
        return compose(res, shown(library, best_sentences(hits, res.topic, vector, embed)))


def shown(library: Library, statements: list[Statement]) -> list[Statement]:
    """The statements with their quotes as a reader sees them (line numbers and running
    headers of a printed transcript left out)."""
    for st in statements:
        st.shown = library.readable(st.who.doc_id, st.start, st.end, st.who.version)
    return statements


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
        answer text as it is written (LLM mode streams it)."""
        question = " ".join(question.split())[:MAX_QUESTION_CHARS]
        self.library.refresh()
        resolution = resolve(
            question,
            catalog_index(self.library),
            conversation,
            speaker=speaker,
            unit=unit,
            doc_id=doc_id,
            since=since,
            until=until,
            says=lambda words: bool(phrase_search(self.library, words, None)),
        )
        answer = self._answer(resolution, conversation, k, on_token)
        if resolution.periods and answer.found:  # say which meetings were searched
            answer.text = _period_note(resolution) + answer.text
        for c in answer.citations:  # the document as it is described now (a user may retitle it)
            if record := self.library.record(c.who.doc_id):
                c.who = replace(c.who, doc_title=record.title)
                c.date, c.meeting = record.date or None, record.meeting_name
        if conversation is not None:
            conversation.remember(
                question, answer.speakers, [(c.who.doc_id, c.start) for c in answer.citations], answer
            )
        return answer

    def _answer(self, res: Resolution, conversation: Conversation | None, k: int, on_token) -> Answer:
        if not any(ch.isalnum() for ch in res.question):  # empty, or punctuation only
            return Answer(res.question, _text(res.language, "empty"), False)
        if not self.library.records:
            return Answer(res.question, _text(res.language, "no_index"), False)
        if res.speeches is not None and not res.speeches:
            return Answer(res.question, _not_found(res), False)
        if res.intent == "said" and not res.topic:
            skip = conversation.cited if conversation and res.follow_up else set()
            speeches = [s for s in self.library.speeches if s.key in res.speeches]
            shown = sorted(sorted(speeches, key=lambda s: -s.chunks)[:MAX_SAID_SPEECHES], key=speeches.index)
            statements = [p for s in shown for p in key_points(self.library, s, skip)]
            if not statements:
                return Answer(res.question, _not_found(res), False)
            answer = compose(res, statements)
            if len(speeches) > len(shown):  # the longest speeches are shown; say what is left out
                answer.text += _text(res.language, "more_speeches").format(len(speeches) - len(shown))
            return answer
        if res.phrases and res.intent == "which" and (statements := self._phrase_statements(res)):
            return compose(res, statements, verbatim=True)  # every speech that says it, not the top few
        vector = np.asarray(self.library.embed_query(res.question), dtype=np.float32)
        hits = retrieve(
            self.library,
            res.question,
            speeches=res.speeches,
            k=max(k, 12),
            vector=vector.tolist(),
            by_speaker=res.intent in ("who", "which"),
            lexical_query=res.topic,
        )
        if res.phrases and res.intent == "who" and (said := self._phrase_hits(res)):
            hits = _phrase_first(hits, said)  # who said these very words, the best match first
        intent = res.intent if res.intent in MAX_SPEAKERS else "ask"
        unseen = self.library.unseen_share(res.topic, res.speeches)  # of what is searched
        evidence = _select(
            _askers_last(
                [h for h in hits if is_evidence(h, res.language, unseen=unseen, about_speech=res.about_speech)], res
            ),
            intent,
        )
        if not evidence and res.units and not res.speakers and not res.filtered:
            evidence = _select(self._unit_as_topic(res, vector, unseen), intent)
        if not evidence:
            return Answer(res.question, _not_found(res), False)
        return self.writer.write(self.library, res, evidence, vector, on_token)

    def _phrase_statements(self, res: Resolution) -> list[Statement]:
        """ "Who / which … “X”": every speech that holds the quoted words, each quoted at the
        sentence that holds them (all of them, not the top few). Empty when no speech has
        the words verbatim (then the question is answered by meaning, as any other)."""
        statements, seen = [], set()
        for hit in self._phrase_hits(res):
            if hit.speech_key in seen:
                continue
            for start, end in sentence_spans(hit.text, 0, len(hit.text)):
                shown = self.library.readable(hit.who.doc_id, hit.start + start, hit.start + end, hit.who.version)
                if any(compact(p) in compact(shown) for p in res.phrases):
                    seen.add(hit.speech_key)
                    statements.append(quoted_from(hit, start, end, 1.0, shown=shown))
                    break
        return statements

    def _phrase_hits(self, res: Resolution) -> list[Hit]:
        """The attributed chunks holding a quoted phrase of the question word for word."""
        return [h for phrase in res.phrases for h in phrase_search(self.library, phrase, res.speeches) if h.speaker]

    def _unit_as_topic(self, res: Resolution, vector: np.ndarray, unseen: float) -> list[Hit]:
        """A unit a question names may be part of what was said, not who said it (`Who said
        the President called the mayors of Tampa and Clearwater?`): when no speech of that
        unit answers, the evidence anywhere that quotes the unit's name itself."""
        hits = retrieve(
            self.library, res.question, k=12, vector=vector.tolist(), by_speaker=res.intent in ("who", "which")
        )
        named = [u for u in res.units if u in res.question]
        return [h for h in hits if is_evidence(h, res.language, unseen=unseen) and any(u in h.text for u in named)]


def compose(res: Resolution, statements: list[Statement], *, verbatim: bool = False) -> Answer:
    """Statements grouped by speaker into an answer with numbered citations (`verbatim`: the
    complete list of speeches that hold the question's quoted words, counted)."""
    citations, lines = [], []
    groups: dict[tuple, list[Statement]] = {}
    person = _people(statements)
    for statement in statements:
        groups.setdefault(person(statement), []).append(statement)
    for (speaker, _), group in groups.items():
        numbered = []
        for st in group:
            citations.append(citation(len(citations) + 1, st))
            numbered.append((len(citations), st))
        lines.append(_statement_text(res, group[0].who, numbered))
    opening = _opening(res, statements, len(groups), verbatim)
    return Answer(res.question, opening + "\n".join(lines), True, citations)


def _people(statements: list[Statement]) -> Callable[[Statement], tuple[str, str]]:
    """Who a statement is by: its speaker and unit (grouped as across meetings,
    `index.titles.grouped_units`), so a name shared by people of two units is two speakers."""
    units = grouped_units(u for st in statements for u in st.who.units[:1])

    def person(st: Statement) -> tuple[str, str]:
        first = st.who.units[:1]
        return st.who.speaker, units[first[0]] if first else ""

    return person


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
    asking = [MODERATOR in h.who.roles for h in hits]
    if _ASKING.search(res.question):
        return [h for h, a in zip(hits, asking) if a] + [h for h, a in zip(hits, asking) if not a]
    best_said = max((h.coverage for h, a in zip(hits, asking) if not a), default=-1.0)
    later = [a and h.coverage <= best_said for h, a in zip(hits, asking)]
    return [h for h, lt in zip(hits, later) if not lt] + [h for h, lt in zip(hits, later) if lt]


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


_TEXTS = {
    "empty": ("请输入一个问题。/ Please type a question.", "请输入一个问题。/ Please type a question."),
    "no_index": (
        "索引中还没有任何讲话稿。请先添加：在“讲话稿 / Transcripts”页上传文件，或运行 `python -m index add 文件或文件夹`。",
        "No transcripts are indexed yet. Upload some on the Transcripts tab, or run `python -m index add FILE_OR_FOLDER`.",
    ),
    "more_speeches": (
        "\n（另有 {} 篇发言未列出：可用发言人、单位或文档筛选缩小范围，或问得更具体。）",
        "\n({} more speeches not shown: narrow the question, or filter by speaker, unit or document.)",
    ),
    "nothing": ("没有找到与这个问题相关的发言。", "No indexed speech addresses this question."),
    "by_meaning": (
        "（问题中的词语大多没有出现在讲话稿中，以下是意思最接近的发言。）\n",
        "(Most words of the question do not occur in the transcripts; these are the passages closest in meaning.)\n",
    ),
}


def _text(language: str, key: str) -> str:
    return _TEXTS[key][0 if language == "zh" else 1]


def _ranges(res: Resolution) -> str:
    return "；".join(p.describe(res.language) for p in res.periods)


def _period_note(res: Resolution) -> str:
    return f"（会议日期：{_ranges(res)}）\n" if res.language == "zh" else f"(Meetings: {_ranges(res)}.)\n"


def _not_found(res: Resolution) -> str:
    if res.periods and res.speeches is not None and not res.speeches:
        return (
            f"没有找到相关发言：会议日期（{_ranges(res)}）内没有符合条件的已索引发言。"
            if res.language == "zh"
            else f"Nothing found: no indexed speech from the meetings asked for ({_ranges(res)}) matches."
        )
    if res.unknown:
        names = "、".join(f"“{u}”" for u in res.unknown)
        if res.language == "zh":
            nearby = f"已索引的有：{'、'.join(res.suggestions)}。" if res.suggestions else ""
            return f"没有找到相关发言：已索引的讲话稿中没有{names}的发言，无法回答。{nearby}"
        nearby = f" Indexed: {', '.join(res.suggestions)}." if res.suggestions else ""
        return f"Nothing found: no indexed speech is by {', '.join(res.unknown)}.{nearby}"
    if res.speeches is not None and (res.speakers or res.units):
        who = "、".join([*res.speakers, *res.units])
        return (
            f"没有找到{who}与这个问题相关的发言。"
            if res.language == "zh"
            else f"Nothing found: no speech by {who} addresses this question."
        )
    return _text(res.language, "nothing")


def _opening(res: Resolution, statements: list[Statement], speakers: int, verbatim: bool = False) -> str:
    if verbatim:
        quoted = "、".join(f"“{p}”" for p in res.phrases)
        if res.language == "zh":
            return f"共有{len(statements)}篇发言（{speakers}位发言人）原文提到{quoted}：\n"
        return f"{len(statements)} speeches ({speakers} speakers) say {quoted} word for word:\n"
    opening = _text(res.language, "by_meaning") if statements and all(st.by_meaning for st in statements) else ""
    if res.intent == "which" and speakers > 1:
        opening += (
            f"共有{speakers}位发言人谈到相关内容：\n"
            if res.language == "zh"
            else f"{speakers} speakers addressed this:\n"
        )
    return opening


def _statement_text(res: Resolution, by: Attribution, numbered: list[tuple[int, Statement]]) -> str:
    speaker, who = by.speaker, by.introduced()
    zh = res.language == "zh"
    if not speaker:  # the document's own narration: say so, never guess a speaker
        name = f"《{by.doc_title}》导语" if zh else f"the introduction of “{by.doc_title}”"
    else:
        name = (f"{speaker}（{who}）" if who else speaker) if zh else (f"{speaker} ({who})" if who else speaker)
    if res.intent == "said" and len(numbered) > 1:
        heading = by.heading
        if zh:
            intro = f"{name}" + (f"在“{heading}”发言中" if heading else "") + "主要讲了："
            return intro + "\n" + "\n".join(f"- {_display(st)}[{n}]" for n, st in numbered)
        intro = f"{name}" + (f", speaking on “{heading}”," if heading else "") + " made these points:"
        return intro + "\n" + "\n".join(f"- “{_display(st)}” [{n}]" for n, st in numbered)
    quotes = (
        "".join(f"“{_display(st)}”[{n}]" for n, st in numbered)
        if zh
        else " ".join(f"“{_display(st)}” [{n}]" for n, st in numbered)
    )
    if zh:
        return f"{name}：{quotes}" if not speaker else f"{name}提到：{quotes}"
    return f"{name}: {quotes}" if not speaker else f"{name} said: {quotes}"
