"""A cited quote shown inside its paragraph (qa.quotes), as the app's sources panel shows it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import DIGEST, indexed, write

from index.embed import HashingEmbeddings
from qa.answer import Answerer
from qa.quotes import QuoteInParagraph, quote_in_paragraph

# the cited speech's paragraph runs over a line break, as pages print it
BROKEN = DIGEST.replace("启动党建“新路径”", "启动\n党建“新路径”")


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotes")
    library = indexed(write(folder / "digest.txt", BROKEN), folder / "data", HashingEmbeddings())
    answer = Answerer(library).ask("谁提出了“湾区大党委”体制机制？")
    return library, answer.citations[0]


def test_the_quote_is_shown_with_the_rest_of_its_paragraph(cited):
    library, citation = cited
    shown = quote_in_paragraph(library, citation, context=300)
    assert "湾区大党委" in shown.quote and shown.quote in citation.quote
    paragraph = shown.before + shown.quote + shown.after
    assert paragraph.startswith("海棠区深入探索") and paragraph.endswith("行动“契合点”。")
    assert "启动党建“新路径”" in paragraph  # the line break inside the paragraph is gone
    assert "吉阳区" not in paragraph  # the next speech is not part of it


def test_long_context_is_cut_on_each_side(cited):
    library, citation = cited
    shown = quote_in_paragraph(library, citation, context=5)
    assert len(shown.before) <= 6 and len(shown.after) == 6 and shown.after.endswith("…")


def test_a_quote_whose_document_changed_is_shown_alone(cited):
    library, citation = cited
    moved = replace(citation, quote="别的\n话")
    assert quote_in_paragraph(library, moved, context=300) == QuoteInParagraph("", "别的话", "")
