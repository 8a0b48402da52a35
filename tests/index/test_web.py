"""Web pages and links: saved pages read to their article only (the shared news pages, and
pages written here), MHTML, encodings, hostile pages, and links fetched from a real HTTP
server on 127.0.0.1 — with every refusal one line."""

from __future__ import annotations

import email.mime.multipart
import email.mime.text
import json
import re
import tracemalloc
from pathlib import Path

import pytest
from helpers import PAGE, REPO, allowed, settings_for, shared_path, web_site, write

from index.formats import parse_document
from index.meeting import described
from index.preview import human, preview_file
from index.read import read_limits, read_link, read_page_file, read_text
from index.records import BadInput
from index.web import fetch

PAGES = json.loads((REPO / "tests" / "index" / "web_pages.json").read_text(encoding="utf-8"))
SHARED_PAGES = sorted(name for name in PAGES if not name.startswith("_"))

ARTICLE_LINES = [
    "# 测试会议发言摘登",  # the header in Markdown: the title, then the dateline as metadata
    "> 2025-10-26 · 某某新闻网",
    "10月25日，测试会议召开。以下为部分单位负责人的发言。",  # a line break between Chinese characters is no space
    "三亚海棠区委书记 鲁正兰",
    "海棠区深入探索“湾区大党委”体制机制，坚持“关系不隶属，党建来统领”的工作思路。",  # <br>: its own line
    "一是“融合”立题，启动党建“新路径”。二是“融合”破题，组织联动找准行动“契合点”。",
    "图为会议现场。记者 赵六 摄",
]
LEFT_OUT = ["上证指数", "color: red", "登录", "本地", "【1】", "推荐阅读", "招商引资", "网友甲", "京ICP备"]


def page_text(tmp_path: Path, markup: str | bytes, name: str = "page.html") -> str:
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    path = tmp_path / name
    path.write_bytes(data)
    return read_text(path)


# ---- saved pages ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHARED_PAGES)
def test_shared_news_pages_index_the_article_and_no_navigation_or_comments(name):
    expected = PAGES[name]
    path = shared_path("corpora", "html", name)
    text = read_text(path)
    assert [p for p in expected["article"] if p not in text] == []
    assert [p for p in expected["absent"] if p in text] == []
    about = described(parse_document(text, name=name), name, {})
    assert about["title"] == expected["title"]
    assert about["date"] == expected.get("date", about["date"])


def test_a_page_keeps_title_dateline_paragraphs_lines_and_captions_and_nothing_else(tmp_path):
    text = page_text(tmp_path, PAGE)
    lines = text.splitlines()
    assert [line for line in ARTICLE_LINES if line not in lines] == []
    assert [word for word in LEFT_OUT if word in text] == []
    assert lines[:4] == ["# 测试会议发言摘登", "", "> 2025-10-26 · 某某新闻网", ""]  # the title once
    assert "\n\n三亚吉阳区委书记 陈明\n\n吉阳区注重" in text  # paragraphs are blank-line apart
    doc = parse_document(text, name="page.html")
    assert [s.who.speaker for s in doc.speeches if s.who.speaker] == ["鲁正兰", "陈明"]
    about = described(doc, "page.html", {})
    assert (about["title"], about["date"], about["meeting"]) == ("测试会议发言摘登", "2025-10-26", "测试会议")


def test_preview_says_what_was_kept_and_what_was_left_out(tmp_path):
    path = write(tmp_path / "page.html", PAGE)
    preview = preview_file(path)
    assert preview.extraction is not None and preview.extraction.dropped_lines >= 5
    assert preview.extraction.first_lines[:2] == ARTICLE_LINES[:2]
    assert "首页" in preview.extraction.dropped and preview.title == "测试会议发言摘登"
    shown = human(preview)
    assert "web page: kept" in shown and "left out" in shown and "首页" in shown
    assert preview.to_dict()["extraction"]["kept_chars"] == len(read_text(path))


def test_html_transcripts_keep_every_turn_label_at_the_start_of_its_line():
    for stem in ("en-irancontra-19870707-north-president-knew", "en-scotus-19521210-bolling-v-sharpe"):
        folder = shared_path("corpora", "realworld-dev", "more")
        expected = json.loads((folder / f"{stem}.expected.json").read_text(encoding="utf-8"))
        text = read_text(folder / f"{stem}.html")
        starts = {line[:60] for line in text.splitlines()}
        for person in expected["speakers"]:
            for label in person["labels"]:
                shown = " ".join(re.sub(r"</?(?:b|strong)>", "", label).split())
                if label.startswith("<"):  # tagged labels; `Mr. SULLIVAN.` is printed inside a turn
                    assert any(line.startswith(shown) for line in starts), (stem, label)


def test_a_transcript_whose_markup_names_each_speaker_in_an_attribute(tmp_path):
    markup = """<!DOCTYPE html><html><head><title>House Debates, 2023-05-12</title></head><body>
<h1>House Debates, 2023-05-12</h1>
<div class="statement" data-person-speaking-attribution="Hon. Anne Roy (Minister of Official Languages and Minister responsible for the Atlantic Canada Opportunities Agency, Lib.)">
<p class="procedural">moved that Bill C-13 be read the third time and passed.</p><p>Mr. Speaker, I am pleased to be here.</p></div>
<div class="statement" data-person-speaking-attribution="Mr. Joël Gadbois (Portneuf—Jacques-Cartier, CPC)"><p>Mr. Speaker, I rise on this bill.</p></div>
<div class="statement" data-person-speaking-attribution="Hon. Anne Roy"><p>Mr. Speaker, I thank my colleague.</p></div>
<div class="statement" data-person-speaking-attribution="Mr. Joël Gadbois (Portneuf—Jacques-Cartier, CPC)"><p>Mr. Speaker, one more question.</p></div>
<div class="statement" data-person-speaking-attribution="Hon. Anne Roy"><p>Mr. Speaker, the answer is yes.</p></div>
<div class="statement" data-person-speaking-attribution="The Deputy Speaker"><p>Is that agreed?</p></div>
</body></html>"""
    doc = parse_document(page_text(tmp_path, markup))
    people = {s.who.speaker: s.who for s in doc.speeches if s.who.speaker}
    assert list(people) == ["Anne Roy", "Joël Gadbois", "The Deputy Speaker"]
    assert "Portneuf—Jacques-Cartier, CPC" in people["Joël Gadbois"].units
    # an element inside a statement that names the same speaker again is no second turn
    nested = markup.replace(
        "<p>Mr. Speaker, the answer is yes.</p>",
        '<p data-speaker="Hon. Anne Roy">Mr. Speaker, the answer is yes.</p>',
    )
    assert page_text(tmp_path, nested, "nested.html").count("the answer is yes") == 1


def test_encodings_a_declared_charset_and_a_wrong_declaration_of_a_utf8_page(tmp_path):
    gbk = '<html><head><meta charset="gbk"><title>会议</title></head><body><p>陈明：我们要推进改革。</p></body></html>'
    assert "陈明：我们要推进改革。" in page_text(tmp_path, gbk.encode("gbk"))
    mislabelled = gbk.replace("gbk", "gb2312")  # saved pages keep the old declaration after re-encoding
    assert "陈明：我们要推进改革。" in page_text(tmp_path, mislabelled.encode("utf-8"))


def test_an_mhtml_archive_is_read_through_its_html_part(tmp_path):
    archive = email.mime.multipart.MIMEMultipart("related")
    archive.attach(email.mime.text.MIMEText(PAGE, "html", "utf-8"))
    archive.attach(email.mime.text.MIMEText("body { margin: 0 }", "css", "utf-8"))
    text = page_text(tmp_path, archive.as_bytes(), "page.mhtml")
    assert ARTICLE_LINES[4] in text and "网友甲" not in text
    no_page = email.mime.multipart.MIMEMultipart("related")
    no_page.attach(email.mime.text.MIMEText("only css", "css", "utf-8"))
    with pytest.raises(BadInput, match=r"^page\.mhtml: no HTML page inside"):
        page_text(tmp_path, no_page.as_bytes(), "page.mhtml")


def test_hostile_pages_are_refused_in_one_line_within_bounded_memory(tmp_path):
    nested = "<html><body>" + "<div>" * 100_000 + "<p>深处的一句话。</p>" + "</div>" * 100_000 + "</body></html>"
    tracemalloc.start()
    try:
        with pytest.raises(BadInput) as refused:
            page_text(tmp_path, nested)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(refused.value) == "page.html: no article text found in the page"
    assert peak < 200 * 2**20
    for markup, reason in (
        ("<html><body><script>x()</script></body></html>", "no article text"),
        ("   ", "not a readable web page"),
    ):
        with pytest.raises(BadInput, match=reason):
            page_text(tmp_path, markup)
    big = tmp_path / "big.html"
    with open(big, "wb") as f:  # a 50 MB page
        f.write(b"<html><body><p>" + b"x" * 1000)
        f.truncate(50 * 2**20)
    with pytest.raises(BadInput, match=r"^big\.html: file is 50\.0 MB, over the 10\.0 MB limit$"):
        read_text(big, **read_limits(settings_for(tmp_path)))


# ---- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "only http:// and https:// links are read, not file:"),
        ("ftp://example.org/a.html", "only http:// and https:// links are read, not ftp:"),
        ("http://127.0.0.1:22/", "port 22 is not a web port"),
        ("http://169.254.169.254/latest/meta-data", "is a link-local or reserved address"),
        ("http://user:secret@example.org/", "user name or password"),
        ("http://0.0.0.0:8080/", "link-local or reserved"),
    ],
)
def test_links_that_are_not_web_pages_on_the_web_are_refused_before_connecting(url, reason):
    with pytest.raises(BadInput) as refused:
        fetch(url, max_bytes=2**20, timeout=5)
    message = str(refused.value)
    assert message.startswith(f"{url}: ") and reason in message and "\n" not in message


@pytest.mark.slow
def test_links_are_fetched_within_their_limits_from_a_local_server(tmp_path):
    with web_site() as base:
        limits = {"max_bytes": 10 * 2**20, "timeout": 10, "allow": allowed(base)}
        page = fetch(f"{base}/page", **limits)
        assert page.url == f"{base}/page" and page.charset == "utf-8"
        with pytest.raises(BadInput, match="is this machine .*SPEECHQA_FETCH_ALLOW"):
            fetch(f"{base}/page", max_bytes=2**20, timeout=10)  # loopback, not named
        refusals = {
            "/loop-a": "redirect loop",
            "/hop0": "more than 5 redirects",
            "/to-file": "only http:// and https://",
            "/to-ssh": "port 22 is not a web port",
            "/pdf": "content type application/pdf is not a web page",
            "/big": "page is 50.0 MB, over the 10.0 MB limit",
            "/stream": "page is over the 10.0 MB limit",
            "/missing": "HTTP 404",
        }
        for path, reason in refusals.items():
            with pytest.raises(BadInput) as refused:
                fetch(f"{base}{path}", **limits)
            assert str(refused.value).startswith(f"{base}{path}: ") and reason in str(refused.value), path
        gbk, _ = read_link(f"{base}/gbk", settings_for(tmp_path, fetch_allow=allowed(base)))
        assert ARTICLE_LINES[4] in gbk.text


@pytest.mark.slow
def test_a_link_is_indexed_like_a_saved_page_with_the_link_as_its_source(tmp_path):
    from index.embed import E5Embeddings
    from index.library import Library
    from index.pipeline import Indexer

    with web_site() as base:
        settings = settings_for(tmp_path / "data", fetch_allow=allowed(base))
        indexer = Indexer(Library(settings, embeddings=E5Embeddings()), show_bars=False)
        summary = indexer.add_paths([f"{base}/page", "http://127.0.0.1:22/", "file:///etc/passwd"])
        added, ssh, local_file = summary.results
        assert (added.status, added.title, added.date) == ("added", "测试会议发言摘登", "2025-10-26")
        assert added.speakers == ["鲁正兰", "陈明"]
        assert (ssh.status, local_file.status) == ("failed", "failed")
        assert "port 22 is not a web port" in ssh.message and "not file:" in local_file.message
        record = indexer.find(f"{base}/page")
        assert record.source == f"{base}/page"
        stored = indexer.writer.raw_text(record.doc_id, record.version)
        assert stored == read_page_file(write(tmp_path / "page.html", PAGE)).text  # quotes come from this text
        assert indexer.add_link(f"{base}/page").status == "unchanged"
        preview = indexer.preview_link(f"{base}/page")
        assert preview.extraction is not None and "登录" in preview.extraction.dropped


def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path):
    # lxml refuses a declaration of encoding in text already decoded: the page had been unreadable
    page = tmp_path / "oral-questions.html"
    page.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Oral Answers</title></head><body>'
        "<p><b>Mr David Hanson (Delyn) (Lab):</b> When he next expects to discuss the situation in Syria.</p>"
        "<p><b>The Secretary of State (Mr William Hague):</b> The right hon. Gentleman raises important points.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    text = read_text(page)
    assert "When he next expects to discuss the situation in Syria" in text
