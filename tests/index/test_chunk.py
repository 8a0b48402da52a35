from index.chunk import (
    MAX_WEIGHT,
    chunk_document,
    dense_text,
    lexical_text,
    sentence_spans,
    weight,
    windows,
)
from index.records import Attribution, ParsedDocument, Speech
from index.text import squash_breaks


def _doc(text: str, *speeches: Speech) -> ParsedDocument:
    return ParsedDocument(text=text, format="plain", speeches=speeches, title="文档")


def test_chinese_sentences_keep_their_closing_quotes():
    text = "他说：“要抓党建。”然后呢？一是“融合”立题；二是破题！"
    spans = sentence_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["他说：“要抓党建。”", "然后呢？", "一是“融合”立题；", "二是破题！"]


def test_english_sentences_do_not_split_after_titles():
    text = "Mr. President, thank you. Dr. Smith agreed! Did he?"
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text))] == [
        "Mr. President, thank you.",
        "Dr. Smith agreed!",
        "Did he?",
    ]


def test_sentence_spans_are_trimmed_offsets_into_the_source():
    text = "前言\n\n  第一句。  第二句。\n"
    spans = sentence_spans(text, 4, len(text))
    assert [text[s:e] for s, e in spans] == ["第一句。", "第二句。"]


def test_a_very_long_sentence_is_cut_at_clauses_to_fit():
    clause = "推动党建工作融入行业引导" * 3 + "，"
    text = clause * 20 + "。"
    spans = sentence_spans(text, 0, len(text))
    assert len(spans) > 1
    assert all(weight(text[s:e]) <= MAX_WEIGHT for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text  # nothing lost, nothing added


def test_windows_overlap_by_one_sentence_and_cover_everything():
    result = windows([100, 100, 100, 100, 100], target=200, maximum=300)
    assert result == [(0, 1), (1, 2), (2, 3), (3, 4)]
    assert windows([50], 200, 300) == [(0, 0)]
    assert windows([400, 10], 200, 300) == [(0, 0), (1, 1)]


def test_squash_breaks_joins_chinese_and_spaces_english():
    assert squash_breaks("着力探索\n\n“融合型”党建") == "着力探索“融合型”党建"
    assert squash_breaks("the district\n\nlevel") == "the district level"


def test_chunks_are_verbatim_slices_and_never_cross_speeches():
    para1 = "海棠区深入探索“湾区大党委”体制机制。" * 30
    para2 = "吉阳区试行“直通联办”改革。" * 30
    text = f"{para1}\n\n{para2}"
    a = Speech(
        who=Attribution(
            speaker="鲁正兰", heading="红色引擎", titles=("三亚海棠区委书记",), units=("海棠区",), roles=("区委书记",)
        ),
        paragraphs=((0, len(para1)),),
    )
    b = Speech(
        who=Attribution(speaker="陈明", heading="最后一公里", units=("吉阳区",), roles=("区委书记",)),
        paragraphs=((len(para1) + 2, len(text)),),
    )
    chunks = chunk_document(_doc(text, a, b), doc_id="d1", version="v1", source="/tmp/x.txt")
    assert len(chunks) > 2
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        speech = a if chunk.who.speech_index == 0 else b
        assert speech.span[0] <= chunk.start and chunk.end <= speech.span[1]
        assert chunk.who.speaker == speech.who.speaker
        assert chunk.lexical_text.startswith(chunk.who.speaker)
        assert chunk.embed_text.startswith(speech.who.units[0])
    assert [c.id for c in chunks if c.who.speech_index == 1][0] == "d1:v1:1:0"


def test_search_texts_carry_the_attribution_header():
    who = Attribution(
        speaker="吴萍",
        titles=("三亚市教育局党委书记",),
        units=("教育局",),
        roles=("党委书记",),
        heading="围绕教育抓党建",
        doc_title="t",
    )
    assert dense_text("一是聚力。", who) == "教育局\n一是聚力。"
    assert lexical_text("一是聚力。", who) == "吴萍 三亚市教育局党委书记 教育局 党委书记 围绕教育抓党建\n一是聚力。"
    narration = Attribution(doc_title="t")
    assert dense_text("前言。", narration) == "t\n前言。"
