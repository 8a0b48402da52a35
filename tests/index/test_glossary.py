"""The English → Chinese glossary: CC-CEDICT read backwards, looked up for English questions."""

from __future__ import annotations

import time

import pytest

from index import glossary
from index.glossary import Glossary, build, english_keys

# A few entries in CC-CEDICT's shape: headwords (simplified, traditional), definitions, a name?
ENTRIES = [
    (("贫困",), ["impoverished", "poverty"], "pin2 kun4"),
    (("脱贫",), ["to lift oneself out of poverty"], "tuo1 pin2"),
    (("监管",), ["to supervise", "to control", "supervision"], "jian1 guan3"),
    (("国家公园", "國家公園"), ["national park"], "guo2 jia1 gong1 yuan2"),
    (("公园", "公園"), ["park (for public recreation)"], "gong1 yuan2"),
    (("指导", "指導"), ["to guide", "to give directions", "to direct", "to coach", "guidance", "tuition"], "zhi3 dao3"),
    (("向",), ["variant of 向[xiang4]", "surname Xiang"], "Xiang4"),
    (("晋江", "晉江"), ["Jinjiang, county-level city in Quanzhou 泉州[Quan2 zhou1], Fujian"], "Jin4 jiang1"),
    (
        ("河北",),
        ["Hebei province (Hopeh) in north China, capital Shijiazhuang 石家莊|石家庄[Shi2 jia1 zhuang1]"],
        "He2 bei3",
    ),
    (("南",), ["south"], "nan2"),
    (("南非",), ["South Africa"], "Nan2 fei1"),
    (("南沙",), ["Nansha Islands, aka Spratly Islands"], "Nan2 sha1"),
    (("河套",), ["the Great Bend of the Yellow River in Inner Mongolia"], "He2 tao4"),
    (("阿胶", "阿膠"), ["donkey-hide gelatin"], "e1 jiao1"),
    (("吕梁", "呂梁"), ["Lüliang prefecture-level city in Shanxi"], "Lu:3 liang2"),
    (("邱吉尔", "邱吉爾"), ["Winston Churchill (1874-1965), UK politician", "surname Churchill"], "Qiu1 ji2 er3"),
    (("丘吉尔", "丘吉爾"), ["variant of 邱吉爾|邱吉尔[Qiu1 ji2 er3]"], "Qiu1 ji2 er3"),
]


def test_definitions_key_as_bm25_tokens():
    assert english_keys("to lift oneself out of poverty") == ["lift out poverti"]
    assert english_keys("park (for public recreation)") == ["park"]
    assert english_keys("variant of 向[xiang4]") == english_keys("surname Xiang") == []
    assert english_keys("a very long description of something that is not a translation") == []
    assert "jinjiang" in english_keys(ENTRIES[7][1][0], name=True)


def test_the_glossary_reads_the_dictionary_backwards():
    terms = build(ENTRIES)
    assert terms["poverti"] == ("贫困",) and terms["lift out poverti"] == ("脱贫",)
    assert terms["supervis"] == ("监管",)  # `to supervise` and `supervision`, stemmed alike
    assert terms["nation park"] == ("国家公园", "國家公園")
    assert "tuition" not in terms  # 指导's sixth definition: a rare sense
    assert terms["hebei"] == ("河北",)  # a name stands for its first word…
    assert terms["south"] == ("南",)  # …unless other words translate it: South Africa is not `south`
    assert terms["south africa"] == ("南非",)


def test_a_variant_translates_as_the_word_it_is_a_variant_of():
    # a page may print 丘吉尔, which the dictionary defines only as a variant of 邱吉尔
    assert build(ENTRIES)["winston churchil"] == ("邱吉尔", "邱吉爾", "丘吉尔", "丘吉爾")


def test_a_chinese_name_is_found_by_its_reading_as_english_spells_it():
    terms = build(ENTRIES)
    assert terms["hetao"] == ("河套",)  # no definition begins with the name: its reading does
    assert terms["nansha"] == ("南沙",) and terms["luliang"] == ("吕梁", "呂梁")  # ü written u
    assert "ejiao" not in terms  # a word, not a name
    assert "xiang" not in terms  # one syllable: a surname, too many names to stand for


def test_a_question_keeps_the_translations_the_index_holds():
    terms = Glossary.of(build(ENTRIES))
    asked = ("poverti", "nation", "park", "hebei", "jinjiang")
    translated = terms.translated(asked, lambda words: words & {"贫困", "国家公园", "公园", "晋江"})
    assert translated == (
        ("poverti", "贫困"),
        ("nation", "国家公园"),
        ("park", "公园", "国家公园"),
        "hebei",
        ("jinjiang", "晋江"),
    )
    assert terms.translated(("zebra",), lambda words: words) == ("zebra",)


def test_the_glossary_is_built_once_and_kept(tmp_path, monkeypatch):
    built = []
    monkeypatch.setattr(glossary, "cedict_entries", lambda: built.append(1) or ENTRIES)
    first = glossary.load(tmp_path)
    assert glossary.load(tmp_path) == first and built == [1]  # the second load reads the kept file
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b"damaged")
    assert glossary.load(tmp_path) == first and built == [1, 1]  # a damaged file is built anew


@pytest.mark.slow
def test_the_real_dictionary(tmp_path):
    started = time.perf_counter()
    terms = glossary.load(tmp_path)
    assert time.perf_counter() - started < 60
    held = {"贫困", "监管", "国家公园", "人工智能", "塞浦路斯"}
    translated = terms.translated(
        ("poverti", "supervis", "nation", "park", "artifici", "intellig", "cyprus"), held.__and__
    )
    assert {word for term in translated for word in term[1:]} == held
