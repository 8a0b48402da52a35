"""Who mentioned a term: the complete list behind "which speakers mentioned X?" (`哪些代表谈到了X？`,
`Which members raised X?`) and the topic charts — one rule for both.

Every speech in scope is read, not the top k retrieved: BM25's postings name the speeches that
may hold the term, and each one's text decides. A speech mentions X when one of its sentences
says X (or one of the alternatives the question joins with 或 / or), allowing
- the word forms the lexical side already equates: English words by their stem (`food banks`
  says `food bank`), Chinese words inside a longer word as jieba's dictionary cuts it
  (`数据` inside `数据共享`; never across two words: `养老` is not said by `培养|老师`), quotation
  marks and spacing ignored (`供需“双向奔赴”`), the other script and the abbreviations of
  `qa.variants` (`臺灣`, `民企`, `AI`);
- or, when the speech never says it in one piece, every one of its content words somewhere in
  the speech (`农村养老托育问题`: 农村 … 养老 … 托育) — where some speech in scope does say it in
  one piece, only within a few consecutive sentences (`APART_SENTENCES`), and never the words of a
  name (`National Guard` is not said by `Coast Guard … National Heritage Area`);
a quoted term (`“候鸟”`) only word for word. When no speech says X so, the speeches saying its
key words count, marked as such (`_key_words`). Narration (speaker "") never counts; the turns
of people asking (an interviewer, `Q`) only when the question is about asking. The answer lists
the speeches in the order they first mention X, with how often each does and which forms counted.

A question asking only who spoke on a page it names (`在…这一版里，有哪几位大学校长发言？`,
`…这篇报道里，除了孙洪秀本人，还有哪些人说了话？`) lists every speaker there of the kind asked
for, but those it leaves out (`除了…`): `spoken_request`.

A question may name the page it is about before asking (`在第二场“部长通道”上，哪些部长提到了农村？`):
the document whose title and opening words hold most of that clause is the scope; and the
kind of speaker it asks for (`哪些部长`, `Which senators`) keeps to the speakers holding such a
role, where some in scope do.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import jieba

from index.chunk import speech_of
from index.lexical import tokenize
from index.library import CatalogSpeech, Library
from index.records import MODERATOR
from index.text import has_han, sentence_spans
from qa.resolve import QUOTED, Resolution, content_tokens, quoted_phrases
from qa.speakers import by_date
from qa.variants import NO_VARIANTS, Variants

# A question about asking (`谁问了…`, `Who asked…`): there an interviewer's turn is the answer.
ASKING = re.compile(
    r"提问|询问|问了|问到|问过|问起|谁问|\bask(?:s|ed|ing)?\b|\bquestion(?:s|ed)?\b",
    re.I,
)  # (`是谁问…对当下还有没有借鉴价值？`: who put the question)
# A question asking for everyone who took part in an exchange (`Who took part in the exchange over…`,
# `Who discussed…`, `Who asked or answered…`, `Who moved and who seconded…`, `谁和谁讨论了…`,
# `谁介绍了…、谁谈到了…`, `what did the two candidates say?`): not one speaker, but the turns of the exchange.
PARTICIPANTS = re.compile(
    r"\bwho\b[^?]*?\b(?:t(?:ake|akes|ook|aking) part|participat(?:e|es|ed|ing)|were involved)\b"
    r"|\bwho\b[^?]*?\bsp(?:oke|eak|eaks|eaking) in (?:the|this|that|an?) (?:exchange|discussion|debate|conversation)\b"
    r"|\bwho (?:else )?(?:discuss|debat)(?:ed|es|e)\b"
    r"|\bwho \w+ (?:and|or) (?:who )?\w+ed\b"
    r"|\bwho\b[^?]*?,? (?:and|or) who\b"
    r"|\b(?:the|both) (?:two|three|four) (?:candidates|speakers|leaders|members|senators|ministers|sides)\b"
    r"|谁(?:和|与|跟|同)谁|誰(?:和|與|跟|同)誰|谁[^？?。]{1,30}[、，,；;]\s*谁|誰[^？?。]{1,30}[、，,；;]\s*誰"
    r"|(?:谁|誰)(?:参与了?|參與了?)?(?:讨论|討論|辩论|辯論|交流)",
    re.I,
)
# The verb that makes a question ask who mentioned something, and where its object starts.
_MENTIONED = re.compile(
    r"(?:提到|谈到|说到|讲到|提及|谈及|论及|涉及|提起|谈起|談到|說到|講到|談及|論及)(?:了|过|過)?"
    r"|\b(?:mention(?:s|ed|ing)?|talk(?:s|ed|ing)? about|sp(?:eak|eaks|oke|eaking) (?:about|of)|"
    r"br(?:ing|ings|ought|inging) up|rais(?:e|es|ed|ing)|refer(?:s|red|ring)? to|cit(?:e|es|ed|ing)|"
    r"discuss(?:es|ed|ing)?)\b",
    re.I,
)
# Asking for everyone: 哪些 / 哪几位 / 哪两位 / which …s (`qa.resolve` reads 哪些 and `which` as "which")
_EVERYONE = re.compile(r"哪些|哪[几幾]|哪[两兩二三四五六七八九十]位|哪[个個位一]|\bwhich\b|\bwho\b|谁|誰", re.I)
_SEVERAL = re.compile(r"哪些|哪[几幾]|哪[两兩二三四五六七八九十]位|which", re.I)  # (not 谁, who: one or several)
# what a question asking for anyone says between its question word and its verb
_ANYONE = re.compile(r"[个個位名]?(?:人|人士|发言人|發言人|发言|發言|讲话|講話)?|speakers?|people|persons?", re.I)
# Where it was said, not what (`… in their remarks`, `… by name`): left out of the term.
_SETTING = re.compile(
    r"\s+(?:by name|(?:in|during|at|on|over) (?:their|his|her|its|the|this|that) "
    r"(?:remarks?|speech(?:es)?|statements?|testimony|call|hearing|meeting|session|debate|briefing|"
    r"discussion|interview|answers?|questions?|exchange|argument))\s*$",
    re.I,
)
# Asking who spoke at all, the question's last words (`有哪几位校长发言？`, `哪些人说了话？`).
_SPOKE = re.compile(r"(?:发言|发了言|说了话|说过话|讲了话|讲话|致辞|讲过话)(?:了|过)?\s*[？?。]?\s*$")
_EXCEPT = re.compile(r"除了?([^，,]+)[，,]")  # `除了孙洪秀本人，`: who is left out
_ALTERNATIVES = re.compile(r"或者|或是|还是|或|、|/|\s+or\s+|\(\s*or\s+|（\s*或", re.I)
_QUOTE_MARKS = "“”‘’「」『』《》\"'"
_SENTENCE_ENDS = "。！？!?；;…"  # a term ending in one of these holds no break
_SENTENCE_BREAK = re.compile(rf"[{_SENTENCE_ENDS}]")
_ENDING = re.compile(r"[\s？?。！!，,；;：:)）]+$")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
MAX_WHO_TERM_WORDS = 3  # `谁提到了补贴？` lists everyone; `谁提到企业自己研发了…技术？` asks for one speaker
MAX_WHO_WORDS, MAX_WHO_CHARS = 4, 12  # `Which Garda officers …`, `哪些代表委员在发言里`: who is asked about
# The page a question names: its title and opening words (headline, lede) are what describe it.
PAGE_OPENING_CHARS = 500
MIN_PAGE_SHARE = 0.5  # of the clause's words (by IDF over the documents) the page's opening must hold
PAGE_MARGIN = 1.25  # … and this many times what the next best page holds
MIN_KEY_SHARE = 0.5  # a term nobody says: its rarest word, and at least this share of its weight (IDF)
# A term some speech says in one piece: another speech saying only its words counts when they
# fall within this many consecutive sentences (`the issue with the horns … a late train …`, not a
# `food` and a `banking` twenty lines apart). Of the blind questions' apart-only speeches where
# others say the term whole, the right ones spread over 1-3 sentences, the wrong 4-23.
APART_SENTENCES = 3


@dataclass(frozen=True)
class Term:
    """What a list question asks about: its words, or the alternatives it joins
    (`以旧换新或国家补贴`), whether it was quoted (then only word for word counts)."""

    alternatives: tuple[str, ...]
    quoted: bool = False


@dataclass(frozen=True)
class MentionRequest:
    """A question asking for everyone who mentioned a term."""

    term: Term
    page: str = ""  # the words naming the page or meeting it is about (`在第二场“部长通道”上，`)
    kinds: tuple[str, ...] = ()  # the kind of speaker asked for, as words (`部长`, `senat`)
    askers: bool = False  # a question about asking: interviewers' turns count
    who: str = ""  # the words saying whose speeches (`教育局哪些人`, `Which senators`): where a name is a filter
    anyone: bool = False  # no kind of speaker named (`哪些人`, `哪几位`, `Which speakers`, `Who`)


@dataclass
class Mention:
    """One speech that mentions the term: how often, in which forms, where first."""

    speech: CatalogSpeech
    start: int  # the sentence of the first mention, in the document's source text
    end: int
    quote: str  # that sentence: source_text[start:end]
    shown: str  # … as a reader sees it
    count: int = 0  # times the term (or a form of it) is said; 0: its words said apart
    forms: Counter = field(default_factory=Counter)  # each form said other than as written → times
    words: tuple[str, ...] = ()  # the term's words said apart (when count is 0)
    spread: int = 0  # … the fewest consecutive sentences that hold them all
    partial: bool = False  # only the term's key words are said (`_key_words`)


def term_of(text: str) -> Term | None:
    """The term a topic or a question's object names: quoted words are the term (word for
    word); otherwise the words, split into the alternatives they join, without asking words."""
    text = _ENDING.sub("", _SETTING.sub("", _ENDING.sub("", text.strip())))
    pieces = _ALTERNATIVES.split(text)
    # quoted words are the term, unless an alternative is unquoted (`Jeff Zients (or 'Jeff')`)
    if (quoted := quoted_phrases(text)) and all(QUOTED.search(p) for p in pieces if content_tokens(p)):
        return Term(quoted, quoted=True)
    parts = _shared_modifier([_bare(p) for p in pieces], own_phrase=bool(_DETERMINER.match(pieces[-1])))
    alternatives = tuple(dict.fromkeys(p for p in [_bare(text), *parts] if content_tokens(p)))
    return Term(alternatives) if alternatives else None


# what the last of several alternatives says of them all: `cost or funding of the exhibition`
_SHARED_TAIL = re.compile(r"\s(?:of|for|in|on|at|to|from|about|with|by|among)\s.+$", re.I)
_SHARED_HEAD = re.compile(r"^[^的]{2,12}的")  # … and the first of them: `河南的粮食生产或小麦`


_DETERMINER = re.compile(r"\s*(?:the|a|an|their|its|his|her|our|this|that)\s", re.I)


def _shared_modifier(parts: list[str], own_phrase: bool = False) -> list[str]:
    """Alternatives with the modifier they share written out: `cost` or `funding of the
    exhibition` → `cost of the exhibition`; `河南的粮食生产` or `小麦` → `河南的小麦` (`cost`
    alone, or `小麦` alone, is not what was asked). A last alternative with its own determiner
    is a phrase of its own (`taxes or the cost of living`), and names share nothing."""
    if len(parts) < 2:
        return parts
    tail = None if own_phrase else _SHARED_TAIL.search(parts[-1])
    common = all(p[:1].islower() for p in parts)  # (not a name: `WISERD / Wales Institute of …`)
    if tail and common and not any(_SHARED_TAIL.search(p) for p in parts[:-1]):
        return [p + tail.group() for p in parts[:-1]] + parts[-1:]
    if (head := _SHARED_HEAD.match(parts[0])) and not any("的" in p for p in parts[1:]):
        return parts[:1] + [head.group() + p for p in parts[1:]]
    return parts


def listing_term(term: Term) -> str:
    """The term as an answer names it: the quoted words, else the words asked about."""
    return "、".join(term.alternatives) if term.quoted else term.alternatives[0]


def _bare(text: str) -> str:
    """A term without surrounding quote marks, brackets and articles (`the Fifth Amendment`)."""
    text = text.strip().strip(_QUOTE_MARKS + "()（）[] ").strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def mention_request(res: Resolution) -> MentionRequest | None:
    """The request when a question asks for everyone who mentioned something (`哪些代表提到了X？`,
    `Which members raised X?`, `谁提到了补贴？` — a "who" only for a term of a few words, not a
    claim), else None. A "which" question quoting words without such a verb
    (`哪些发言包含“X”？`, `“X”是谁说的？`) asks the same of the quoted words."""
    question = res.question
    everyone = _EVERYONE.search(question)
    if everyone is None:
        return None
    page = _page_end(question[: everyone.start()])
    verb = _MENTIONED.search(question, everyone.end())
    if verb and _short(question[everyone.end() : verb.start()]):
        term = term_of(question[verb.end() :])
        several = _SEVERAL.match(everyone.group())
        if term is None or not several and len(content_tokens(term.alternatives[0])) > MAX_WHO_TERM_WORDS:
            return None
    elif res.intent == "which" and (phrases := tuple(p for p in res.phrases if p not in question[:page])):
        verb, term = None, Term(phrases, quoted=True)
    else:
        return None
    who = question[page : verb.start() if verb else everyone.end()]
    asked = question[everyone.end() : verb.start()] if verb else ""
    kinds = content_tokens(asked) + (("官员",) if re.search("官[员員]", asked) else ())  # a word no topic keeps
    anyone = bool(_ANYONE.fullmatch(asked.strip()))
    return MentionRequest(term, question[:page], kinds, bool(ASKING.search(question, everyone.start())), who, anyone)


@dataclass(frozen=True)
class SpokenRequest:
    """A question asking who spoke on the page it names (`有哪几位大学校长发言？`)."""

    page: str  # the words naming the page
    kinds: tuple[str, ...] = ()  # the kind of speaker asked for (`大学校长`)
    who: str = ""  # the words saying whose speeches
    left_out: str = ""  # the words after 除了: speakers named there are not asked about


def spoken_request(res: Resolution) -> SpokenRequest | None:
    """The request when a question asks which speakers spoke on a page it names, else None
    (without a page it asks for the whole library: the who-said-what table's work)."""
    question = res.question
    everyone = _SEVERAL.search(question)
    spoke = _SPOKE.search(question, everyone.end()) if everyone else None
    if spoke is None or not _short(question[everyone.end() : spoke.start()]):
        return None
    page = _page_end(question[: everyone.start()])
    if not page:
        return None
    left_out = _EXCEPT.search(question, page, everyone.start())
    kinds = content_tokens(question[everyone.end() : spoke.start()])
    who = question[left_out.end() if left_out else page : spoke.start()]
    return SpokenRequest(question[:page], kinds, who, left_out.group(1) if left_out else "")


def first_speeches(speeches: Sequence[CatalogSpeech]) -> list[CatalogSpeech]:
    """Each speaker's first speech, in document order."""
    first: dict[str, CatalogSpeech] = {}
    for speech in speeches:
        first.setdefault(speech.who.speaker, speech)
    return list(first.values())


def _page_end(before: str) -> int:
    """Where the words naming the page end, before a question's asking word (`在第二场“部长通道”上，`,
    `…这篇报道里，三位部长中，`): after the last of its leading clauses ending in 上/里/中."""
    ends = [m.end() for m in re.finditer(r"[上里裡中内]\s*[，,]", before)]
    return ends[-1] if ends and has_han(before) else 0


def _short(words: str) -> bool:
    """Whether the words between the asking word and the verb only say who (`代表委员在发言里`,
    `senators`), not a clause of their own (`said the Bank should stop raising …`)."""
    return len(words.split()) <= MAX_WHO_WORDS if not has_han(words) else len(words.strip()) <= MAX_WHO_CHARS


def names_asked(who: str, names: Sequence[str]) -> list[str]:
    """The names a question gives that say whose speeches to read: those written, as whole
    words, in the words saying who it asks about (`教育局哪些人…`, `MentionRequest.who`) — not
    in the words naming the page (`…回应网友“提振消费”提问的这篇互动里`), nor in the term itself
    (`the member for Clayfield`), nor inside another word (`委` of 委内瑞拉 in `代表委员`)."""
    return [n for n in names if any(_as_word(who, m.start(), m.end()) for m in re.finditer(re.escape(n), who, re.I))]


def page_openings(library: Library, speeches: Sequence[CatalogSpeech]) -> dict[str, set[str]]:
    """Each document's title, meeting and opening words (headline, lede), as BM25 tokens:
    what describes the page a question may name."""
    pages = {s.who.doc_id: s for s in reversed(speeches)}  # (any speech of it names the page)
    return {
        doc: set(tokenize(" ".join([s.who.doc_title, s.meeting, _opening(library, s)]))) for doc, s in pages.items()
    }


def _opening(library: Library, speech: CatalogSpeech) -> str:
    return library.source_text(speech.who.doc_id, speech.who.version)[:PAGE_OPENING_CHARS]


def page_scope(clause: str, openings: dict[str, set[str]]) -> str | None:
    """The document a question's opening clause names (`在《代表之声》…这组采访里`): the one
    whose opening holds most of the clause's words, weighed by how few documents hold each,
    when it holds at least half of them and clearly more than any other; else None."""
    words = set(content_tokens(clause))
    if not words or not openings:
        return None
    held = Counter(w for tokens in openings.values() for w in words & tokens)
    weights = {w: math.log((len(openings) + 1) / (held[w] + 0.5)) for w in words}
    total = sum(weights.values())
    shares = sorted((sum(weights[w] for w in words & tokens) / total, doc) for doc, tokens in openings.items())
    best, doc = shares[-1]
    runner_up = shares[-2][0] if len(shares) > 1 else 0.0
    return doc if best >= MIN_PAGE_SHARE and best >= PAGE_MARGIN * runner_up else None


# `哪些官员`: whoever holds an office (局长, 司长, 主任, 书记…), not only a role printed as 官员
_OFFICIALS = frozenset({"官员"})
_HOLDS_OFFICE = re.compile(r"(?:长|主任|书记|专员|官员)$")


def speakers_asked(
    speeches: Sequence[CatalogSpeech], kinds: Sequence[str] = (), askers: bool = False, variants: Variants = NO_VARIANTS
) -> list[CatalogSpeech]:
    """The speeches whose speakers a list asks about: attributed, no interviewer unless it is
    about asking (`askers`), and of the kind named (`哪些部长`: a role ending in 部长, either
    script; `Which senators`: a role whose last word is `Senator`) where some of `speeches` are."""
    said = [s for s in speeches if s.who.speaker and (askers or MODERATOR not in s.who.roles)]
    chosen = [s for s in said if holds_kind(s.who.roles, kinds, variants)]
    return chosen or said


# a question asking which one of a kind of speaker said something: `哪位县长讲到…`, `Which mayor…`
_ONE_OF_A_KIND = re.compile(
    r"(?:哪位|哪名|哪一位|哪一名)(?P<zh>[\u4e00-\u9fff]{2,8})|^\s*which\s+(?P<en>[A-Za-z-]+)", re.I
)


def kinds_asked(question: str) -> tuple[str, ...]:
    """The kinds of role a question asking for one speaker may mean (`哪位县长讲到…`: any start of
    the words after 哪位, `县长讲到…` down to `县长`; `Which mayor …`: `mayor`), or ()."""
    m = _ONE_OF_A_KIND.search(question)
    if m is None:
        return ()
    if words := m.group("zh"):
        return tuple(words[:n] for n in range(len(words), 1, -1))
    return tuple(tokenize(m.group("en")))


def holds_kind(roles: Sequence[str], kinds: Sequence[str], variants: Variants = NO_VARIANTS) -> bool:
    """Whether one of a speaker's roles is of a kind asked for: a Chinese role ending in it
    (`浙江嘉善县县长` for `县长`, either script; any office for `官员`), an English role whose
    last word it is (`Senator` for `senat`)."""
    kinds = [variants.simplify(k) for k in kinds if len(k) >= 2]
    for role in roles:
        if has_han(role):
            simple = variants.simplify(role)
            if any(simple.endswith(k) or k in _OFFICIALS and _HOLDS_OFFICE.search(simple) for k in kinds if has_han(k)):
                return True
        elif (words := tokenize(role)) and words[-1] in kinds:
            return True
    return False


def find_mentions(
    library: Library, term: Term, speeches: Sequence[CatalogSpeech], variants: Variants = NO_VARIANTS
) -> list[Mention]:
    """Every speech of `speeches` that mentions the term (see the module docstring), or one of
    its `variants` (`qa.variants`: the other script, abbreviations and expansions), in the order
    of the first mention: by meeting date, then in document order (`qa.speakers.by_date`).
    When none does, the speeches that say its key words (`Mention.partial`), if any."""
    allowed = {s.key: s for s in speeches}
    forms = [(a, "") for a in term.alternatives]  # (phrase, the variant it is, if one)
    forms += [(v, v) for a in term.alternatives if not term.quoted for v in variants.of(a)]
    forms = [(variants.simplify(phrase), variant) for phrase, variant in forms]
    apart = [] if term.quoted else [words for phrase, _ in forms if (words := _apart_words(phrase))]
    candidates = set()
    for phrase, _ in forms:
        for written in (phrase, *variants.traditional(phrase)):
            candidates |= _speeches_with(library, written, allowed)
    for words in apart:
        holding = [_speeches_holding(library, (w, *variants.traditional(w)), allowed) for w in words.values()]
        candidates |= set.intersection(*holding)
    found = {}
    for key in candidates:
        if mention := _mention(library, forms, apart, allowed[key], variants.simplify, term.quoted):
            found[key] = mention
    if any(m.count for m in found.values()):  # said in one piece: its words apart only close together
        found = {key: m for key, m in found.items() if m.count or m.spread <= APART_SENTENCES and not _a_name(m.words)}
    if not found:
        found = _key_words(library, [w for w in apart if len(w) > 1], allowed, variants.simplify)
    return [found[s.key] for s in by_date([m.speech for m in found.values()])]


def _key_words(
    library: Library, apart: list[dict[str, str]], allowed: dict, simplify: Callable[[str], str]
) -> dict[str, Mention]:
    """The speeches that say a term's key words when none says the term (`Senator Skelos's bill
    from the day before`): its rarest word in all the indexed text (one of them, when several are
    as rare), and words carrying at least half its weight (IDF). None when a word of it is in no text at all: then nobody can have
    said it (`围棋比赛`). (Without the rarest word, `61 cents a litre` found a Queensland
    minister's litres of water; measured on the calibration half.)"""
    found = {}
    for words in apart:
        weights = library.term_weights(tuple(words.values()))
        if any(df == 0 for _, df in weights.values()):
            continue
        fewest = min(df for _, df in weights.values())
        rarest = {t for t, (_, df) in weights.items() if df == fewest}  # (any of them, when they tie)
        total = sum(idf for idf, _ in weights.values())
        for key in _speeches_holding(library, tuple(rarest), allowed) - found.keys():
            speech = allowed[key]
            text = library.source_text(speech.who.doc_id, speech.who.version)
            sentences = [
                (start, end, sentence, set(tokenize(simplify(sentence))) & weights.keys())
                for start, end in sentence_spans(text, speech.start, speech.end)
                if (sentence := library.readable(speech.who.doc_id, start, end, speech.who.version))
            ]
            held = set().union(*(tokens for *_, tokens in sentences))
            if rarest & held and sum(weights[t][0] for t in held) >= MIN_KEY_SHARE * total:
                start, end, sentence, _ = max(sentences, key=lambda s: (len(rarest & s[3]), len(s[3]), -s[0]))
                said = tuple(w for w, t in words.items() if t in held)
                found[key] = Mention(speech, start, end, text[start:end], sentence, words=said, partial=True)
    return found


def _speeches_with(library: Library, words: str, allowed: dict) -> set[str]:
    """The speeches among `allowed` whose chunks hold either of the rarest two of the words'
    tokens that some text holds (the text decides; a word jieba cuts otherwise in some
    context is still found by the other)."""
    weights = library.term_weights(tuple(tokenize(words)))
    rarest = sorted((df, t) for t, (_, df) in weights.items() if df)[:2]
    chunks = library.chunks_with_words(tuple(t for _, t in rarest)) if rarest else set()
    return {key for key in map(speech_of, chunks) if key in allowed}


def _speeches_holding(library: Library, spellings: Sequence[str], allowed: dict) -> set[str]:
    """The speeches among `allowed` whose chunks hold a word in one of its spellings."""
    tokens = tuple(t for spelling in spellings for t in tokenize(spelling))
    return {key for key in map(speech_of, library.chunks_with_words(tokens)) if key in allowed}


def _mention(
    library: Library,
    forms: list[tuple[str, str]],
    apart: list[dict[str, str]],
    speech: CatalogSpeech,
    simplify: Callable[[str], str],
    quoted: bool,
) -> Mention | None:
    """How the speech mentions the term, or None: the sentences that say one of its `forms`
    (phrase in simplified characters, the variant it is), else every word of one of `apart`
    said somewhere in it, quoted at the first sentence holding most of them."""
    if any(_SENTENCE_BREAK.search(phrase.rstrip(_SENTENCE_ENDS)) for phrase, _ in forms):
        return _mention_across(library, forms, speech, simplify, quoted)
    who = speech.who
    text = library.source_text(who.doc_id, who.version)
    mention, sentences = None, []
    for start, end in sentence_spans(text, speech.start, speech.end):
        sentence = library.readable(who.doc_id, start, end, who.version)
        matched = simplify(sentence) if has_han(sentence) else sentence
        printed = sentence if len(sentence) == len(matched) else matched  # (the script as printed)
        said = [
            (s, e, exact and not variant) for phrase, variant in forms for s, e, exact in _said(phrase, matched, quoted)
        ]
        if said and mention is None:
            mention = Mention(speech, start, end, text[start:end], sentence)
        for s, e, exact in said:
            mention.count += 1
            if not exact or printed[s:e] != matched[s:e]:
                mention.forms[printed[s:e]] += 1
        if mention is None and apart:
            sentences.append((start, end, sentence, set(tokenize(matched))))
    if mention is not None:
        return mention
    held = set().union(*(tokens for *_, tokens in sentences))
    for words in apart:
        if set(words.values()) <= held:
            start, end, sentence, _ = max(sentences, key=lambda s: (len(set(words.values()) & s[3]), -s[0]))
            spread = _spread(set(words.values()), [tokens for *_, tokens in sentences])
            return Mention(speech, start, end, text[start:end], sentence, words=tuple(words), spread=spread)
    return None


def _mention_across(
    library: Library, forms: list[tuple[str, str]], speech: CatalogSpeech, simplify: Callable[[str], str], quoted: bool
) -> Mention | None:
    """How the speech says a term that holds a sentence break (`“究竟安全主任替誰工作？當然是
    工地老闆”`, two sentences): its sentences read as one text, the mention quoted at the
    sentence where the first saying of it starts."""
    who = speech.who
    text = library.source_text(who.doc_id, who.version)
    spans = sentence_spans(text, speech.start, speech.end)
    readable = [library.readable(who.doc_id, start, end, who.version) for start, end in spans]
    matched = [simplify(r) if has_han(r) else r for r in readable]
    starts = list(itertools.accumulate(map(len, matched), initial=0))
    said = sorted(span for phrase, _ in forms for span in _said(phrase, "".join(matched), quoted))
    if not said:
        return None
    first = bisect.bisect_right(starts, said[0][0]) - 1
    start, end = spans[first]
    return Mention(speech, start, end, text[start:end], readable[first], count=len(said))


def _spread(words: set[str], sentences: list[set[str]]) -> int:
    """The fewest consecutive sentences (each as its set of tokens) that hold all the words."""
    fewest = len(sentences)
    for first in range(len(sentences)):
        held = set()
        for last in range(first, min(len(sentences), first + fewest)):
            held |= sentences[last]
            if words <= held:
                fewest = last - first + 1
                break
    return fewest


def _a_name(words: Sequence[str]) -> bool:
    """Whether a term's content words are a name (`National Guard`, `Fifth Amendment`: two or
    more English words, each capitalised): said apart, its words name something else."""
    return len(words) > 1 and all(w[:1].isupper() and not has_han(w) for w in words)


def _said(phrase: str, sentence: str, quoted: bool) -> list[tuple[int, int, bool]]:
    """Where a sentence says the phrase: the span of the word said (the longer word it lies
    in, `大数据`; the English words as printed) and whether that is the phrase as written."""
    found = []
    if has_han(phrase):
        for match in _han_pattern(phrase).finditer(sentence):
            span = match.span() if quoted else _as_word(sentence, *match.span())
            if span is not None:
                found.append((*span, span == match.span() and _chars(match.group()) == _chars(phrase)))
        return found
    wanted = tokenize(phrase)
    words = [(m, stems[0]) for m in _LATIN_WORD.finditer(sentence) if (stems := tokenize(m.group()))]
    for i in range(len(words) - len(wanted) + 1) if wanted else ():
        if [stem for _, stem in words[i : i + len(wanted)]] == wanted:
            start, end = words[i][0].start(), words[i + len(wanted) - 1][0].end()
            found.append((start, end, quoted or _written(sentence[start:end]) == _written(phrase)))
    return found


def _written(text: str) -> str:
    """English words as compared for "the same form": lower case, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())


def _han_pattern(phrase: str) -> re.Pattern:
    """The phrase with quotation marks and spacing ignored between its characters."""
    return re.compile(rf"[\s{re.escape(_QUOTE_MARKS)}]*".join(map(re.escape, _chars(phrase))))


def _chars(text: str) -> str:
    """Chinese text without quotation marks and spacing."""
    return "".join(c for c in text if c not in _QUOTE_MARKS and not c.isspace())


def _as_word(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `text[start:end]` is said as jieba's dictionary cuts the text, when the match is a
    dictionary word: None when it starts or ends inside another word (`养老` in `培养|老师`),
    the longer word it lies in (`数据` in `数据中心`), else itself. A match the dictionary does
    not know (a name: `田华` in `陶玉玲和田华`, cut `和田|华`) is taken as written."""
    if not jieba.dt.FREQ.get(text[start:end]):
        return start, end
    cuts = list(jieba.tokenize(text, mode="search", HMM=False))
    if start not in {s for _, s, _ in cuts} or end not in {e for _, _, e in cuts}:
        return None
    words = [(s, e) for _, s, e in jieba.tokenize(text, HMM=False) if s <= start and end <= e]
    return words[0] if words else (start, end)


def _apart_words(phrase: str) -> dict[str, str]:
    """The words of a term that count when said apart, as written → as BM25 tokens: its
    content words (`人才工作` → 人才; `农村养老托育问题` → 农村 养老 托育) without the longer
    words made of others (人工智能 beside 人工 and 智能); English words by their stem."""
    if has_han(phrase):
        tokens = list(dict.fromkeys(content_tokens(phrase)))
        return {t: t for t in tokens if not any(o != t and o in t for o in tokens)}
    words = {m.group(): content_tokens(m.group()) for m in _LATIN_WORD.finditer(phrase)}
    return {word: stems[0] for word, stems in words.items() if stems}
