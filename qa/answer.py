"""Answering a question: read it, gather and gate the evidence, have a writer write the answer.

`Answerer` resolves the question (names, periods, follow-ups), retrieves, keeps the hits that
are evidence (`qa.evidence`) — the best per speaker, as many as the question's intent asks —
and has its writer answer from them: `ExtractiveWriter` quotes their best sentences grouped by
speaker (`qa.compose`: offline, deterministic), `qa.llm.LLMWriter` has a chat model write and
checks it. "What did X say" is answered from X's speeches themselves, and "which speakers
mentioned X?" from every speech that says it (`qa.mentions`), not the top few. When the
evidence is weak, or the question names a unit or person the index does not have, the answer
says nothing was found and cites nobody: a wrong attribution is worse than none.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import numpy as np

from index.chunk import chunk_id
from index.lexical import tokenize
from index.library import Catalog, CatalogSpeech, Library, speeches_by_key
from index.records import MODERATOR, Attribution, BadInput, speech_key
from index.text import sentence_spans
from qa.compose import compose, message, not_found, period_note
from qa.evidence import (
    WHETHER_COVERAGE,
    best_sentences,
    close_in_own_language,
    figures_asked,
    is_evidence,
    key_points,
    outweighed,
    prints_figures,
    says_it_closely,
    shown,
    stands_out,
    weight,
)
from qa.mentions import (
    ASKING,
    PARTICIPANTS,
    MentionRequest,
    SpokenRequest,
    find_mentions,
    first_speeches,
    holds_kind,
    kinds_asked,
    listing_term,
    mention_request,
    names_asked,
    page_openings,
    page_scope,
    speakers_asked,
    spoken_request,
)
from qa.people import People, people_of
from qa.records import Answer, Listing, Statement
from qa.resolve import CatalogIndex, Conversation, Resolution, catalog_index, resolve, speeches_for
from qa.retrieve import Hit, Phrases, fetch_hits, retrieve
from qa.variants import Variants
from qa.variants import load as load_variants

ALSO_WHO_COVERAGE = 0.75  # a second speaker answers "who" only when matching this fully
MAX_SPEAKERS = {"who": 2, "which": 8, "ask": 3}
# An exchange: the evidence turns of the best one's meeting, each within this many speeches of
# another (children's rights: turns 82-88 of a committee, the next evidence 15 turns away)
EXCHANGE_GAP = 4
# A turn weighing less than this (IDF) passes the floor (`Mr. Trump?`: 2.5, `The honourable
# minister.`: 6, `Mr. Trump, would you like to go first?`: 9.5) rather than answers (North's
# `Those are from notes that I made in preparation for this session, sir.`: 17.5)
HANDOVER_WEIGHT = 10
MAX_HANDOVERS = 2  # … of which an answer may follow this many
# A reply joins an exchange when its turn puts a question, or addresses someone (`you`) and
# the reply says this many of the question's words: a committee member's turn may end in a
# statement the witness answers (`…so you don't see a need to update the guidance.` → `I
# think we would need to update the guidance…`); a debate's next speech, addressed to the
# chair, answers nobody
REPLY_TOPIC_WORDS = 2
MAX_NAMED = 3  # speakers and units a question names, past which it names a kind (`政协委员`)
# what a named speaker said is asked about a subject (`What did X say about …`, `X对…怎么看`),
# not only on an occasion (`吉林省政协主席在交流会上说了什么`)
_ABOUT = re.compile(r"\babout\b|\bregarding\b|关于|關於|对|對|就|谈到|談到|提到|说到|說到")
_ADDRESSES = re.compile(r"\byour?\b|您|你(?![们們])", re.I)
MAX_SAID_SPEECHES = 3  # "what did X say" quotes X's longest speeches, at most this many


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
        return compose(res, shown(library, best_sentences(hits, res.lexical_query)))


class Answerer:
    """Answers questions over a library: reads the question, gathers and gates the evidence,
    and has its `writer` (extractive by default, or a chat model: `qa.llm`) write the answer."""

    def __init__(self, library: Library, writer: Writer | None = None):
        self.library = library
        self.writer = writer or ExtractiveWriter()
        self._variants: Variants | None = None
        self._variants_lock = threading.Lock()

    @property
    def variants(self) -> Variants:
        """Other forms of a term a list counts (`qa.variants`), read on first use (about half a second)."""
        with self._variants_lock:
            if self._variants is None:
                self._variants = load_variants()
            return self._variants

    def warm_up(self) -> None:
        """Load now what answers otherwise read on first use (`Library.warm_up`, the variants)."""
        self.library.warm_up()
        _ = self.variants

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

        def understood(timed: bool = True) -> Resolution:
            return resolve(
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
                people=people_of(catalog),
                timed=timed,
            )

        resolution = understood()
        answer = self._answer(resolution, conversation, k, on_token, catalog, index, phrases)
        if not answer.found and any(p.printed for p in resolution.periods):
            # `Who pointed out that 106 countries backed … at the UN General Assembly in 2008?`,
            # `谁说如果我的发声能帮到今年的考生…？`: no meeting in that time answers, but a passage
            # that prints the year (or `今年`) may
            untimed = understood(timed=False)
            retried = self._by_evidence(untimed, k, on_token, index, phrases)
            if retried.found:
                resolution, answer = untimed, retried
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
        request = mention_request(res)
        if request is not None and (scope := self._mention_scope(res, request, catalog, index)) is not None:
            return self._listed(res, request, scope, len(scope) == len(catalog.speeches), k, on_token, index, phrases)
        if (
            request is None
            and (spoken := spoken_request(res))
            and (listed := self._spoken(res, spoken, catalog, index))
        ):
            return listed
        if res.speeches is not None and not res.speeches:
            return Answer(res.question, not_found(res), False)
        if res.intent == "said" and not res.topic:
            return self._points(res, conversation, catalog)
        return self._by_evidence(self._quoted_by_another(res, phrases), k, on_token, index, phrases)

    def _quoted_by_another(self, res: Resolution, phrases: Phrases) -> Resolution:
        """`財政司司長讀預算案時，是誰高叫「立即設立全民退休保障」？`: a who-question whose
        quoted words no speech of the speakers or units it names holds, while another
        speaker's speech does word for word. The names set the scene; the quoted words say
        whose words are asked for. Not when the asker chose the filters or a period."""
        if res.intent != "who" or not res.phrases or res.filtered or res.periods or not (res.speakers or res.units):
            return res
        if self._phrase_hits(res, phrases):
            return res
        everywhere = replace(res, speeches=None, speakers=(), units=(), talked_about=res.speakers)
        return everywhere if self._phrase_hits(everywhere, phrases) else res

    def _points(self, res: Resolution, conversation: Conversation | None, catalog: Catalog) -> Answer:
        """ "What did X say": the main points of X's longest speeches."""
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

    def _listed(
        self,
        res: Resolution,
        request: MentionRequest,
        scope: list[CatalogSpeech],
        everything: bool,
        k: int,
        on_token,
        index: CatalogIndex,
        phrases: Phrases,
    ) -> Answer:
        """ "Which speakers mentioned X?": every speech of those asked about in `scope` (`everything`
        indexed, perhaps) that mentions the term; when none does, the speeches that answer by
        meaning, saying so."""
        asked = speakers_asked(scope, request.kinds, request.askers, self.variants)
        # asked for anyone, an interviewer whose question says the term mentioned it too (the
        # blind lists count them: 问, 记者, Q), listed after those who spoke about it
        asking = request.anyone and not request.askers  # (about asking, they are among `asked`)
        interviewers = [s for s in scope if MODERATOR in s.who.roles] if asking else []
        if listed := self._mentions(res, request, asked, interviewers):
            return listed  # every speech that mentions it, not the top few
        narration = [s for s in scope if not s.who.speaker]
        if find_mentions(self.library, request.term, narration, self.variants):  # printed, but nobody's
            return Answer(res.question, message(res.language, "unattributed"), False)
        if not everything or len(asked) < len(speakers_asked(scope, (), request.askers)):  # of a kind
            res = replace(res, speeches=frozenset(s.key for s in asked))  # by meaning, among those asked about
        answer = self._by_evidence(res, k, on_token, index, phrases) if res.speeches != frozenset() else None
        if answer is None or not answer.found:
            return answer or Answer(res.question, not_found(res), False)
        answer.text = message(res.language, "unsaid").format(listing_term(request.term)) + answer.text
        return answer

    def _by_evidence(self, res: Resolution, k: int, on_token, index: CatalogIndex, phrases: Phrases) -> Answer:
        """The answer from the retrieved chunks that are evidence for the question."""
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
        said = self._phrase_hits(res, phrases) if res.phrases else []
        if said and res.intent == "who":
            hits = _phrase_first(hits, said)  # who said these very words, the best match first
        # a chunk holding the question's quoted words as written is evidence by them: `Who
        # interjected "What is it, counsel?"` (a four-word turn: no meaning to read, few of the
        # question's other words). On the blind questions the first such chunk was the right
        # speaker's in each of 40 questions, and no question nobody answers had one.
        quoting = {h.chunk_id for h in said}
        figures = figures_asked(res)
        intent = res.intent if res.intent in MAX_SPEAKERS else "ask"
        unseen = self.library.unseen_share(res.topic, res.speeches)  # of what is searched
        rarest = self._rarest(res)
        native_close = close_in_own_language(hits, res.language)
        gated = [
            h
            for h in hits
            if (
                h.chunk_id in quoting
                or is_evidence(
                    h,
                    res.language,
                    unseen=unseen,
                    about_speech=res.about_speech,
                    whether=res.asks_whether,
                    rarest=rarest,
                    named=_asks_named_about(res),
                    native_close=native_close,
                )
            )
            and prints_figures(h, figures, res.language)
            and (h.speaker or not res.asks_whether)  # whether anyone said it: narration says nothing
            and h.speaker not in res.talked_about  # asked who answered 陈明, not 陈明
            and (not res.time_said or _prints_time(h, res.time_said))
        ]
        gated = outweighed(gated, hits, res.language, quoting)
        if res.intent != "which" and PARTICIPANTS.search(res.question):
            evidence = self._exchange(_askers_last(gated, res), res.people, res.topic)
        else:
            ranked = _askers_last(gated, res)
            if intent == "who":  # `哪位县长讲到…`: the county heads' passages first, where any is evidence
                ranked = _kind_first(ranked, kinds_asked(res.question), self.variants)
            evidence = _select(ranked, intent, res.people)
            if (
                evidence
                and res.intent != "which"  # a list: no one passage carries the whole question
                and evidence[0].chunk_id not in quoting
                and not says_it_closely(self.library, evidence[0], hits, vector, res.language)
            ):
                evidence = []
        if not evidence and res.units and not res.speakers and not res.filtered:
            evidence = _select(self._unit_as_topic(res, vector, unseen, index), intent, res.people)
        if not evidence:
            return Answer(res.question, not_found(res), False)
        answer = self.writer.write(self.library, res, evidence, vector, on_token)
        if answer.found and evidence[0].chunk_id not in quoting and not stands_out(evidence[0], hits, res.language):
            answer.weak = True
            answer.text = message(res.language, "weak") + answer.text
        return answer

    def _exchange(self, hits: list[Hit], people: People, topic: tuple[str, ...]) -> list[Hit]:
        """Who took part in an exchange (`qa.mentions.PARTICIPANTS`): the best evidence turn's
        meeting, its evidence turns holding some of the question's words each within
        `EXCHANGE_GAP` speeches of another, the best per person, with the turn that answers
        one of them (`_answer_to`) where that one puts a question, or addresses someone and
        the answer says `REPLY_TOPIC_WORDS` of the question's words (`topic`), and the turns
        between that take part without being evidence (`_rest_of_exchange`), in the order
        they were spoken."""
        spoken = [h for h in hits if h.speaker]
        if not spoken:
            return []
        anchor = spoken[0].who
        candidates = [  # on the topic by its words too: a turn close in meaning alone may be the next exchange's
            h
            for h in spoken
            if (h.who.doc_id, h.who.version) == (anchor.doc_id, anchor.version) and (h.coverage or h is spoken[0])
        ]
        near = {anchor.speech_index}
        while grown := [
            h.who.speech_index
            for h in candidates
            if h.who.speech_index not in near and any(abs(h.who.speech_index - n) <= EXCHANGE_GAP for n in near)
        ]:
            near.update(grown)
        turns = _select([h for h in candidates if h.who.speech_index in near], "which", people)
        taking_part = {people.person(h.who) for h in turns}
        joining = [
            answer
            for hit in turns
            if (answer := self._answer_to(hit.who, people)) is not None
            and (
                _puts_question(hit.text)
                or _ADDRESSES.search(self._last_sentence(hit))
                and _says_words(self._text_of(answer), topic)
            )
        ]
        joined = []
        for speech in joining + self._rest_of_exchange(anchor, near, topic, people, taking_part):
            if (person := people.person(speech.who)) not in taking_part:
                taking_part.add(person)
                joined.append(Hit(chunk_id(speech.key, 0), None, 0.0))
        return sorted(turns + fetch_hits(self.library, joined), key=lambda h: (h.who.speech_index, h.start))

    def _rest_of_exchange(
        self, anchor: Attribution, near: set[int], topic: tuple[str, ...], people: People, taking_part: set
    ) -> list[CatalogSpeech]:
        """The turns of an exchange that are no evidence by themselves, from its first evidence
        turn to `EXCHANGE_GAP` turns past its last: the answer to a question one taking part
        puts (`…are you willing to tell the American people tonight whether…?` → `Whatever
        position I take on that…`), and a turn that says `REPLY_TOPIC_WORDS` of the question's
        words (`Are you going to pack the court?`)."""
        speeches = self.library.catalog.derived(speeches_by_key)
        found: list[CatalogSpeech] = []
        asking = set(taking_part)
        for index in range(min(near), max(near) + EXCHANGE_GAP + 1):
            speech = speeches.get(speech_key(anchor.doc_id, anchor.version, index))
            if speech is None or not speech.who.speaker:
                continue
            text = self._text_of(speech)
            if _says_words(text, topic):
                found.append(speech)
                asking.add(people.person(speech.who))
            if people.person(speech.who) in asking and _puts_question(text):
                if (answer := self._answer_to(speech.who, people)) is not None:
                    found.append(answer)
        return found

    def _last_sentence(self, hit: Hit) -> str:
        """The sentence the turn a hit is from ends with: what the next turn answers."""
        who = hit.who
        speech = self.library.catalog.derived(speeches_by_key).get(
            speech_key(who.doc_id, who.version, who.speech_index)
        )
        if speech is None:
            return hit.text
        source = self.library.source_text(who.doc_id, who.version)
        start, end = (sentence_spans(source, speech.start, speech.end) or [(speech.start, speech.end)])[-1]
        return source[start:end]

    def _text_of(self, speech: CatalogSpeech) -> str:
        """A speech's words as its document prints them."""
        return self.library.source_text(speech.who.doc_id, speech.who.version)[speech.start : speech.end]

    def _answer_to(self, who: Attribution, people: People) -> CatalogSpeech | None:
        """The turn that answers one putting a question: the next one by someone else, past
        the chair's handovers (`Mr. Trump?`, `The honourable minister.`: `HANDOVER_WEIGHT`);
        None when the asker or the page's narration comes first."""
        speeches = self.library.catalog.derived(speeches_by_key)
        source = self.library.source_text(who.doc_id, who.version)
        for index in range(who.speech_index + 1, who.speech_index + 1 + MAX_HANDOVERS + 1):
            speech = speeches.get(speech_key(who.doc_id, who.version, index))
            if speech is None or not speech.who.speaker or people.person(speech.who) == people.person(who):
                return None
            if weight(source[speech.start : speech.end]) >= HANDOVER_WEIGHT:
                return speech
        return None

    def _rarest(self, res: Resolution) -> tuple[str, ...]:
        """The forms of the question's rarest word that some indexed text holds (highest IDF)."""
        known = [(idf, term) for term, (idf, df) in self.library.term_weights(res.lexical_query).items() if df]
        if not known:
            return ()
        term = max(known, key=lambda t: t[0])[1]
        return (term,) if isinstance(term, str) else tuple(term)

    def _mention_scope(
        self, res: Resolution, request: MentionRequest | SpokenRequest, catalog: Catalog, index: CatalogIndex
    ) -> list[CatalogSpeech] | None:
        """The speeches a list question reads: those of the speakers and units it asks about
        (`names_asked`) or the asker chose, in the time asked for, on the page it names; None
        when it asks about someone the index does not have (`哪些海口市教育局的人…`). Names,
        known or not, inside the term or the words naming the page are words, not who."""
        page = page_scope(request.page, catalog.derived(self._page_openings)) if request.page else None
        who = request.who if page is not None else request.page + request.who  # (no page: who, perhaps)
        if any(name in who for name in res.unknown):
            return None
        keys = res.speeches
        if not res.filtered:
            speakers = [*names_asked(who, res.speakers), *res.by_office]  # (an office asked before the verb)
            units = names_asked(who, res.units)
            named = speeches_for(index, speakers, units) if speakers or units else None
            keys = frozenset(
                s.key
                for s in catalog.speeches
                if all(p.holds(s.date) for p in res.periods) and (named is None or s.key in named)
            )
        return [
            s for s in catalog.speeches if (keys is None or s.key in keys) and (page is None or s.who.doc_id == page)
        ]

    def _spoken(self, res: Resolution, request: SpokenRequest, catalog: Catalog, index: CatalogIndex) -> Answer | None:
        """ "Which speakers spoke on this page?": each speaker there of the kind asked for, but
        those named after 除了, quoted at the first sentence of their first speech; None when
        no page is recognised or nobody is left."""
        if page_scope(request.page, catalog.derived(self._page_openings)) is None:
            return None
        scope = self._mention_scope(res, request, catalog, index) or []
        left_out = {name for name in res.speakers if name in request.left_out}
        asked = [s for s in speakers_asked(scope, request.kinds) if s.who.speaker not in left_out]
        statements = []
        for speech in first_speeches(asked):
            who = speech.who
            text = self.library.source_text(who.doc_id, who.version)
            start, end = next(iter(sentence_spans(text, speech.start, speech.end)), (speech.start, speech.end))
            shown = self.library.readable(who.doc_id, start, end, who.version)
            statements.append(Statement(who, start, end, text[start:end], 1.0, shown=shown))
        return compose(res, statements) if statements else None

    def _page_openings(self, speeches: tuple[CatalogSpeech, ...]) -> dict[str, set[str]]:
        """The catalog's pages as a question may name them (kept per catalog: `Catalog.derived`)."""
        return page_openings(self.library, speeches)

    def _mentions(
        self, res: Resolution, request: MentionRequest, asked: list[CatalogSpeech], then: list[CatalogSpeech]
    ) -> Answer | None:
        """ "Which speakers mentioned X?": every speech of those asked about that mentions the
        term, in the order they first do, counted, then those of `then`; None when none does."""
        found = find_mentions(self.library, request.term, asked, self.variants)
        if not found:
            return None
        asked_last = find_mentions(self.library, request.term, then, self.variants) if then else []
        found += asked_last
        statements = [
            Statement(m.speech.who, m.start, m.end, m.quote, 1.0, shown=m.shown, mentions=m.count, words=m.words)
            for m in found
        ]
        forms = sum((m.forms for m in found), start=Counter())
        listing = Listing(
            listing_term(request.term),
            request.term.quoted,
            tuple(f for f, _ in forms.most_common()),
            tuple(dict.fromkeys(w for m in found for w in m.words)),
            any(m.partial for m in found),
            len(asked_last),
        )
        return compose(res, statements, listing=listing)

    def _only_narration_says(self, res: Resolution, phrases: Phrases) -> bool:
        """The quoted words are printed, but only where the page names no speaker: asked who
        said them, any speaker the meaning suggests would be a guess."""
        found = [h for phrase in res.phrases for h in phrases.find(phrase, res.speeches, loose=True)]
        return bool(found) and not any(h.speaker for h in found)

    def _phrase_hits(self, res: Resolution, phrases: Phrases) -> list[Hit]:
        """The attributed chunks holding a quoted phrase of the question word for word."""
        return [h for phrase in res.phrases for h in phrases.find(phrase, res.speeches, loose=True) if h.speaker]

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


def _prints_time(hit: Hit, words: tuple[str, ...]) -> bool:
    """Whether a chunk answers a question whose time (years, `今年`) is words of what was said:
    it prints them and, as for whether-questions, most of the question's words (a year alone
    is common)."""
    return hit.coverage >= WHETHER_COVERAGE and all(word.lower() in hit.text.lower() for word in words)


def _phrase_first(hits: list[Hit], said: list[Hit]) -> list[Hit]:
    """The retrieved chunks that hold the question's quoted words, in their ranking, then
    the other chunks that hold them (ranked as no match: they back the answer only when
    retrieval found none of them)."""
    holding = {h.chunk_id for h in said}
    ranked = [h for h in hits if h.chunk_id in holding]
    found = {h.chunk_id for h in ranked}
    rest = [Hit(h.chunk_id, h.passage, 0.0, coverage=0.0, dense=h.dense) for h in said if h.chunk_id not in found]
    return ranked + rest


def _kind_first(hits: list[Hit], kinds: tuple[str, ...], variants: Variants) -> list[Hit]:
    """The hits of speakers holding the kind of role a question asks for first (`哪位县长…`: a
    role ending in 县长; `Which mayor …`: one ending in Mayor), where any does; each group keeps
    its order. (Searching only their speeches instead made the rarest-word check read a smaller
    pool: on blind9 it refused a mayor's right answer and answered a question nobody answers.)"""
    holding = [holds_kind(h.who.roles, kinds, variants) for h in hits] if kinds else []
    if not any(holding):
        return hits
    return [h for h, held in zip(hits, holding) if held] + [h for h, held in zip(hits, holding) if not held]


def _askers_last(hits: list[Hit], res: Resolution) -> list[Hit]:
    """The hits with the turns of people asking (an interviewer, `Q`, a reader's question)
    after the others when a speaker holds the question's words as fully: asking about a
    subject is not saying it. An asker whose turn holds more of them (`Q: …750,000 customers
    in Puerto Rico…`) keeps its rank; a question about asking (not a request: `asked for…`)
    puts the askers first, and any turn that puts a question (`?`) asks."""
    if ASKING.search(res.question) and not _REQUEST.search(res.question):
        return sorted(hits, key=lambda h: not _asks(h))  # stable: rank kept within each
    best_said = max((h.coverage for h in hits if MODERATOR not in h.who.roles), default=-1.0)
    return sorted(hits, key=lambda h: MODERATOR in h.who.roles and h.coverage <= best_said)


# `asked for a full review`, `asked that resources be directed`: a request, not a question put
_REQUEST = re.compile(r"\bask(?:s|ed|ing)?\s+(?:for|that|to)\b|要求|请求", re.I)


def _asks_named_about(res: Resolution) -> bool:
    """Whether a question asks what the speakers or units it names said about a subject (not a
    list of who did, nor what they said on an occasion: `吉林省政协主席在交流会上说了什么`, nor
    what a kind of speaker said: `政协委员` matches every 政协 unit)."""
    named = len(res.speakers) + len(res.units)
    if not 1 <= named <= MAX_NAMED or not res.topic or res.intent == "which":
        return False
    return res.intent != "said" or bool(_ABOUT.search(res.question))


def _says_words(text: str, topic: tuple[str, ...]) -> bool:
    """Whether a speech's text says `REPLY_TOPIC_WORDS` of the question's words (tokens)."""
    return len(set(tokenize(text)) & set(topic)) >= REPLY_TOPIC_WORDS


def _puts_question(text: str) -> bool:
    """Whether a turn ends by putting a question (`…from a written text?`), not one asked on the way."""
    return text.rstrip(' \n\t"”’)）…').endswith(("?", "？"))


def _asks(hit: Hit) -> bool:
    """Whether a turn asks: an interviewer's, or one that puts a question (`…my question, …?`)."""
    return MODERATOR in hit.who.roles or "?" in hit.text or "？" in hit.text


def _select(hits: list[Hit], intent: str, people: People) -> list[Hit]:
    """The hits an answer quotes: the best one per speaker (a person: `qa.people`), up to the
    intent's limit (an 'ask' may quote one speaker twice)."""
    chosen, per_speaker = [], {}
    for hit in hits:
        if intent != "ask" and not hit.speaker:  # narration cannot answer "who"
            continue
        person = people.person(hit.who)
        if per_speaker.get(person, 0) >= (2 if intent == "ask" else 1):
            continue
        if person not in per_speaker and len(per_speaker) >= MAX_SPEAKERS[intent]:
            continue
        if intent == "who" and per_speaker and hit.coverage < ALSO_WHO_COVERAGE:
            continue
        per_speaker[person] = per_speaker.get(person, 0) + 1
        chosen.append(hit)
        if intent == "ask" and len(chosen) >= MAX_SPEAKERS["ask"]:
            break
    return chosen
