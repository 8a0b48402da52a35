"""Extractive composition: statements → an answer's text with numbered citations, in the
question's language (Chinese or English), and the fixed wording answers use (nothing found,
no index, the meetings searched).

Statements are grouped by person (the catalog's rule, `Resolution.people`); a citation's
quote is always exactly `source_text[start:end]`, and the answer text shows it as a reader
sees it, page breaks squashed. Nothing here reads the index: what to quote was chosen before
(`qa.evidence`).
"""

from __future__ import annotations

from index.records import Attribution
from index.text import squash_breaks
from qa.records import Answer, Citation, Listing, Statement
from qa.resolve import Resolution

QUOTE_DISPLAY_CHARS = 160
MAX_FORMS_SHOWN = 5  # other forms of a listed term named in the answer, the commonest first


def _display(st: Statement) -> str:
    text = st.shown or squash_breaks(st.quote)
    return text if len(text) <= QUOTE_DISPLAY_CHARS else text[:QUOTE_DISPLAY_CHARS] + "…"


def _quoted(st: Statement) -> str:
    """A statement between quotation marks, unless it opens with its own (`““…”` reads as a
    typo); one that only holds quoted words (`创建马亮村“酸豆树下党课”…`) is put between them."""
    text = _display(st)
    return text if text.startswith(("“", "「")) else f"“{text}”"


def citation(n: int, st: Statement) -> Citation:
    """The numbered citation for a statement."""
    return Citation(n=n, who=st.who, start=st.start, end=st.end, quote=st.quote, score=round(float(st.score), 4))


def compose(res: Resolution, statements: list[Statement], *, listing: Listing | None = None) -> Answer:
    """Statements grouped by speaker into an answer with numbered citations (`listing`: the
    complete list of speeches that mention a term, each with how often it does)."""
    citations, lines = [], []
    groups: dict[tuple, list[Statement]] = {}
    for statement in statements:  # one person across meetings: the catalog's rule (`qa.people`)
        groups.setdefault(res.people.person(statement.who), []).append(statement)
    for (speaker, _), group in groups.items():
        numbered = []
        for st in group:
            citations.append(citation(len(citations) + 1, st))
            numbered.append((len(citations), st))
        lines.append(_statement_text(res, group[0].who, numbered, listing))
    opening = (
        _listing_opening(res, statements, len(groups), listing) if listing else _opening(res, statements, len(groups))
    )
    return Answer(res.question, opening + "\n".join(lines), True, citations)


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
    "listed": (
        "共有{speeches}篇发言（{speakers}位发言人）提到{term}，按首次提到的先后排列（{counted}）：\n",
        "{speeches} speeches ({speakers} speakers) mention {term}, in the order they first do ({counted}):\n",
    ),
    "listed_key_words": (
        "没有发言完整说到{term}；共有{speeches}篇发言（{speakers}位发言人）说到其中的主要词语（{words}），按首次提到的先后排列：\n",
        "No speech says {term} in full; {speeches} speeches ({speakers} speakers) say its key words ({words}), "
        "in the order they first do:\n",
    ),
    "counted_quoted": ("只计原文", "word for word only"),
    "counted_forms": ("计入原文", "as written and its word forms"),
    "counted_including": ("及{}", ", including {}"),
    "and_more": ("等", ", …"),
    "counted_apart": ("，以及说到{}的发言", "; also speeches saying {}"),
    "counted_asked_last": ("；提问者的{}篇发言列在最后", "; the interviewers' {} last"),
    "unsaid": (
        "没有发言说到“{}”（原文或分开说出其中各词）；以下是按意思找到的相关发言。\n",
        "No speech says “{}” (as written or its words apart); these are the speeches closest in meaning.\n",
    ),
    "unattributed": (
        "这些话出现在讲话稿的叙述部分，页面没有说明是谁说的，因此无法指出发言人。",
        "These words are printed in the transcripts' narration, where the page names no speaker: who said them cannot be told.",
    ),
    "weak": (
        "（提醒：没有哪段发言比其他发言明显更贴近这个问题，以下答案可能不对，请核对原文。）\n",
        "(Caution: no passage stands out as closer to this question than the rest; this answer may be wrong — check the quotes.)\n",
    ),
    "by_meaning": (
        "（问题中的词语大多没有出现在讲话稿中，以下是意思最接近的发言。）\n",
        "(Most words of the question do not occur in the transcripts; these are the passages closest in meaning.)\n",
    ),
}


def message(language: str, key: str) -> str:
    """One of the fixed texts (`_TEXTS`) in the question's language."""
    return _TEXTS[key][0 if language == "zh" else 1]


def _ranges(res: Resolution) -> str:
    return "；".join(p.describe(res.language) for p in res.periods)


def period_note(res: Resolution) -> str:
    """The line that opens an answer with the meeting dates searched."""
    return f"（会议日期：{_ranges(res)}）\n" if res.language == "zh" else f"(Meetings: {_ranges(res)}.)\n"


def not_found(res: Resolution) -> str:
    """Why nothing was found: no meeting in the dates asked for, a unit or person not
    indexed (with the indexed ones of that kind), nothing by the speakers named, or nothing."""
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
    return message(res.language, "nothing")


def _opening(res: Resolution, statements: list[Statement], speakers: int) -> str:
    opening = message(res.language, "by_meaning") if statements and all(st.by_meaning for st in statements) else ""
    if res.intent == "which" and speakers > 1:
        opening += (
            f"共有{speakers}位发言人谈到相关内容：\n"
            if res.language == "zh"
            else f"{speakers} speakers addressed this:\n"
        )
    return opening


def _listing_opening(res: Resolution, statements: list[Statement], speakers: int, listing: Listing) -> str:
    """How many speeches and speakers mention the term, in what order, and what counted."""
    zh = res.language == "zh"
    say = {"term": f"“{listing.term}”", "speeches": len(statements), "speakers": speakers}
    if listing.partial:
        return message(res.language, "listed_key_words").format(**say, words=_words(listing.apart, zh))
    counted = message(res.language, "counted_quoted" if listing.quoted else "counted_forms")
    if listing.forms:
        shown = ("、" if zh else ", ").join(f"“{f}”" for f in listing.forms[:MAX_FORMS_SHOWN])
        counted += message(res.language, "counted_including").format(shown)
        counted += message(res.language, "and_more") if len(listing.forms) > MAX_FORMS_SHOWN else ""
    if listing.apart:
        counted += message(res.language, "counted_apart").format(_words(listing.apart, zh))
    if listing.asked_last:
        counted += message(res.language, "counted_asked_last").format(listing.asked_last)
    return message(res.language, "listed").format(**say, counted=counted)


def _words(words: tuple[str, ...], zh: bool) -> str:
    """Words a list counted when said apart: `“农村”“养老”`, `“rural” and “revitalisation”`."""
    quoted = [f"“{w}”" for w in words]
    return "".join(quoted) if zh else " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _statement_text(
    res: Resolution, by: Attribution, numbered: list[tuple[int, Statement]], listing: Listing | None = None
) -> str:
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
        return intro + "\n" + "\n".join(f"- {_quoted(st)} [{n}]" for n, st in numbered)
    quotes = (
        "".join(f"{_quoted(st)}[{n}]" for n, st in numbered)
        if zh
        else " ".join(f"{_quoted(st)} [{n}]" for n, st in numbered)
    )
    if listing and speaker:
        times = sum(st.mentions for _, st in numbered)
        words = _words(numbered[0][1].words, zh)
        if zh:
            return f"{name}提到{times}次：{quotes}" if times else f"{name}说到{words}：{quotes}"
        said = f"mentions it {times} time{'s' if times > 1 else ''}" if times else f"says {words}"
        return f"{name} {said}: {quotes}"
    if zh:
        return f"{name}：{quotes}" if not speaker else f"{name}提到：{quotes}"
    return f"{name}: {quotes}" if not speaker else f"{name} said: {quotes}"
