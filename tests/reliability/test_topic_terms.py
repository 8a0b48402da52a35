"""A topic none of whose words any speech holds — another language, symbols, `NULL`,
`ZZZZ` — counts no speech (it used to count every one: across languages and for words no
text has, closeness in meaning alone says nothing). Real bundled model, small digest."""

from __future__ import annotations

import pytest
from helpers import indexed, small_digest

from app import App
from qa.llm import make_answerer
from qa.topics import topic_report


@pytest.fixture(scope="module")
def library(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("topics")
    return indexed(small_digest(folder), folder / "data", e5)


@pytest.mark.parametrize("term", ["sourdough bread", ".*[(", "%", "NULL", "ZZZZ"])
def test_a_term_with_no_indexed_word_counts_no_speech(library, term):
    report = topic_report(library, term).to_dict()
    assert report["total"] == 0 and report["by_unit"] == [] and report["by_date"] == []


def test_a_term_the_speeches_hold_is_still_counted(library):
    assert topic_report(library, "古榕树").to_dict()["total"] == 1


def test_the_topics_tab_lists_nothing_for_a_term_it_counts_nothing_for(library):
    app = App(library.settings, library, make_answerer(library, library.settings))
    summary, units, dates, _, listing = app.topics.topic("sourdough bread")
    assert "0 篇发言" in summary and units.empty and dates.empty
    assert "李若平" not in listing and "陈明" not in listing
