import json

from index.lexical import LexicalIndex, inner_words, tokenize

ROWS_A = [("a:v1:0:0", "海棠区深入探索“湾区大党委”体制机制"), ("a:v1:1:0", "吉阳区试行“直通联办”改革")]
ROWS_B = [("b:v1:0:0", "Teachers are managed at the district level"), ("b:v1:0:1", "Budget questions for the minister")]


def test_tokenize_chinese_words_and_stemmed_english_without_stop_words():
    assert "湾区" in tokenize("谁提出了湾区大党委？")
    assert "谁" not in tokenize("谁提出了湾区大党委？")
    assert tokenize("Who manages the teachers?") == ["manag", "teacher"]


def test_a_dotted_abbreviation_is_one_token_not_its_letters():
    # `u` and `s` apart are rare enough to weigh as much as what a question asks about
    assert tokenize("How many doses has the U.S. committed, by 3 p.m.?") == [
        "how",
        "mani",
        "dose",
        "u.s",
        "commit",
        "3",
        "p.m",
    ]
    assert tokenize("U.S.-China trade") == ["u.s", "china", "trade"]


def test_a_phrase_needs_only_its_inner_english_words_in_a_chunk_that_holds_it():
    # the words at either end may go on in the text (`Ohio` in `Ohioans`); jieba's Chinese
    # words depend on their neighbours: neither can be required of a chunk holding the phrase
    assert inner_words("Governor DeWine of Ohio") == ("dewin",)
    assert inner_words("750,000 customers in Puerto Rico") == ("000", "custom", "puerto")
    assert inner_words("Mike DeWine") == () and inner_words("试行“直通联办”改革") == ()
    index = LexicalIndex()
    index.add_document("a", "v1", ROWS_A)
    index.add_document("c", "v1", [("c:v1:0:0", "Governor DeWine of Ohioans"), ("c:v1:0:1", "the Governor of Ohio")])
    assert index.containing(tokenize("Governor DeWine of Ohio"), inner_words("Governor DeWine of Ohio")) == {"c:v1:0:0"}
    assert index.containing(tokenize("Governor of Ohio"), ()) == {"c:v1:0:0", "c:v1:0:1"}
    assert index.containing(tokenize("直通联办"), inner_words("直通联办")) == {"a:v1:1:0"}


def test_search_ranks_matches_and_ignores_non_matching_rows():
    index = LexicalIndex()
    index.add_document("a", "v1", ROWS_A)
    index.add_document("b", "v1", ROWS_B)
    assert [i for i, *_ in index.search("湾区大党委")] == ["a:v1:0:0"]
    assert [i for i, *_ in index.search("district teachers")] == ["b:v1:0:0"]
    assert index.search("完全无关的词语 zebra") == []


def test_speech_filter_uses_whole_speech_keys():
    index = LexicalIndex()
    index.add_document("a", "v1", ROWS_A + [("a:v1:10:0", "直通联办 again")])
    assert [i for i, *_ in index.search("直通联办", speeches={"a:v1:1"})] == ["a:v1:1:0"]
    assert index.search("直通联办", speeches=set()) == []


def test_replace_and_remove_keep_exactly_the_live_rows():
    index = LexicalIndex()
    index.add_document("a", "v1", ROWS_A)
    index.add_document("b", "v1", ROWS_B)
    index.add_document("a", "v2", [("a:v2:0:0", "新的发言")])
    assert index.chunk_ids == {"a:v2:0:0", "b:v1:0:0", "b:v1:0:1"}
    assert index.search("直通联办") == []
    index.remove_document("b")
    assert index.chunk_ids == {"a:v2:0:0"}


def test_segments_merge_and_rows_stay_addressable():
    index = LexicalIndex()
    for n in range(20):
        index.add_document(f"d{n}", "v", [(f"d{n}:v:0:{i}", f"word{n} common text {i}") for i in range(3)])
    assert len(index.segments) < 8
    index.remove_document("d3")
    assert not any(i.startswith("d3:") for i in index.chunk_ids)
    assert len(index.chunk_ids) == 57
    assert [i for i, *_ in index.search("word7")][:1] in (["d7:v:0:0"], ["d7:v:0:1"], ["d7:v:0:2"])


def test_save_and_load_round_trip(tmp_path):
    index = LexicalIndex(tmp_path)
    index.add_document("a", "v1", ROWS_A)
    index.add_document("b", "v1", ROWS_B)
    index.remove_document("b")
    index.token = "t1"
    index.save()
    loaded = LexicalIndex.load(tmp_path)
    assert loaded.token == "t1"
    assert loaded.chunk_ids == {"a:v1:0:0", "a:v1:1:0"}
    assert loaded.search("直通联办")[0][0] == "a:v1:1:0"


def test_coverage_is_the_share_of_query_words_matched():
    index = LexicalIndex()
    index.add_document("a", "v1", ROWS_A + ROWS_B)
    ((_, _, full),) = index.search("直通联办 改革")
    assert abs(full - 1.0) < 1e-6
    partial = {i: c for i, _, c in index.search("直通联办 足球")}
    assert 0 < partial["a:v1:1:0"] < 1


def test_a_damaged_cache_loads_as_empty(tmp_path):
    (tmp_path / "state.json").write_text("{not json", encoding="utf-8")
    assert LexicalIndex.load(tmp_path).chunk_ids == set()


def test_either_chinese_script_finds_a_record_printed_in_the_other(tmp_path):
    """A mainland reader types simplified characters about a Hong Kong record printed in
    traditional ones: both are read as simplified words."""
    assert tokenize("海外醫學院畢業生在香港註冊") == tokenize("海外医学院毕业生在香港注册")
    index = LexicalIndex(tmp_path)
    index.add_document("legco", "v1", [("legco:v1:0:0", "主席，海外醫學院畢業生可免試註冊。"), *ROWS_A])
    assert index.search("医学院毕业生免试注册")[0][0] == "legco:v1:0:0"
    index.save()
    state = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    del state["tokenizer"]  # saved by the tokenizer before this one: its rows hold other tokens
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    stale = LexicalIndex.load(tmp_path)
    assert stale.chunk_ids == set() and "tokenizer" in stale.problem  # rebuilt from the store


def test_unseen_share_counts_words_the_searched_speeches_never_say():
    index = LexicalIndex()
    index.add_document("a", "v1", [("a:v1:0:0", "番茄 合作社 北京 两会"), ("a:v1:1:0", "农田 建设 北京 两会")])
    weights = index.term_weights("番茄 北京 足球")
    assert weights["番茄"][1] == 1 and weights["北京"][1] == 2 and weights["足球"][1] == 0
    everywhere = index.unseen_share("番茄 北京 两会")
    within = index.unseen_share("番茄 北京 两会", speeches={"a:v1:1"})  # only the second speech searched
    assert everywhere == 0.0
    assert within == weights["番茄"][0] / sum(idf for idf, _ in index.term_weights("番茄 北京 两会").values())
    assert index.unseen_share("番茄", speeches=set()) == 1.0


def test_translated_words_find_chinese_rows_and_leave_english_rows_as_asked():
    """An English word with its Chinese translations is one term: Chinese rows holding any
    translation match it. A row holding the translations of two of the question's words is
    read in translation; one holding fewer (an English row holds none) keeps the coverage
    of the question as asked, however common the translations are on the Chinese side."""
    index = LexicalIndex()
    index.add_document("z", "v1", [("z:v1:0:0", "三亚 海棠区 旅游 消费"), ("z:v1:1:0", "三亚 教育局 学校 党建")])
    index.add_document("e", "v1", [("e:v1:0:0", "Pork prices rose again"), ("e:v1:0:1", "The school board met")])
    asked = tuple(tokenize("Sanya pork prices"))
    translated = (("sanya", "三亚"), "pork", ("price", "价格"))
    found = {i: coverage for i, _, coverage in index.search(translated)}
    assert set(found) == {"z:v1:0:0", "z:v1:1:0", "e:v1:0:0"}
    assert found["e:v1:0:0"] == dict((i, c) for i, _, c in index.search(asked))["e:v1:0:0"]
    schools = {i: coverage for i, _, coverage in index.search((("sanya", "三亚"), ("school", "学校", "校")))}
    assert abs(schools["z:v1:1:0"] - 1) < 1e-6  # both words, in translation
    assert schools["z:v1:0:0"] == 0.0  # 三亚 alone: read as asked, where no row says `sanya`
    assert index.term_weights((("school", "学校"),))[("school", "学校")][1] == 2  # rows holding any of them
