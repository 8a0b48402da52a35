"""Meetings in the browser: a date set on the Transcripts tab, speakers and units grouped
across meetings, the topic charts with their counts, and an exported answer. Screenshots
go to the test's folder (and to $SPEECHQA_SCREENSHOTS when set, to look at)."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers import CHROMIUM, FIRST, NO_CHROMIUM, SECOND, THIRD, launch_chromium, open_app_page, start_app, write

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]


def test_meetings_grouped_charted_and_exported(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    files = [write(tmp_path / name, text) for name, text in (("q1.md", FIRST), ("q2.md", SECOND), ("q3.md", THIRD))]
    keep = os.environ.get("SPEECHQA_SCREENSHOTS")

    def shot(page, name: str) -> None:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        if keep:
            shutil.copy(path, keep)

    with start_app(tmp_path / "data", *files) as app, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = open_app_page(browser, app.url)
            expect(page.get_by_text("3 documents", exact=False)).to_be_visible()

            # the third meeting prints 9月20日 without a year: the user sets its date
            page.get_by_role("tab", name="讲话稿 / Transcripts").click()
            documents = page.locator("#documents")
            documents.locator('[role="gridcell"]', has_text="第三次季度工作会议发言摘登").first.click()
            expect(page.locator("#doc-meeting textarea, #doc-meeting input").first).to_have_value("第三次季度工作会议")
            page.locator("#doc-date textarea, #doc-date input").first.fill("2025-09-20")
            page.locator("#doc-save").click()
            expect(page.locator("#describe-message")).to_contain_text("2025-09-20")
            expect(documents).to_contain_text("2025-09-20")

            # who said what, across meetings: one 陈明 of the education bureau at two meetings,
            # another 陈明 of Haikou's transport bureau at the third
            page.get_by_role("tab", name="谁说了什么 / Who said what").click()
            groups = page.locator("#wsw-groups")
            expect(groups).to_contain_text("2025-03-10 第一次季度工作会议；2025-06-12 第二次季度工作会议")
            expect(groups).to_contain_text("海口市交通局")
            rows = groups.locator('[role="row"][data-index]')
            expect(rows).to_have_count(4)  # 陈明 (教育局), 王芳, 李强, 陈明 (交通局)
            groups.locator('[role="gridcell"]', has_text="三亚市教育局").first.click()
            expect(page.locator("#group")).to_contain_text("陈明说，今年要推进营商环境改善")
            expect(page.locator("#group")).to_contain_text("2025-06-12 第二次季度工作会议")
            shot(page, "who-said-what-by-speaker")
            page.locator("#grouping").get_by_label("按单位 / By unit").check()
            expect(groups).to_contain_text("李强、陈明")
            shot(page, "who-said-what-by-unit")

            # a topic: units by speeches that say it, and the meetings over time
            page.get_by_role("tab", name="话题 / Topics").click()
            page.locator("#topic-term textarea, #topic-term input").first.fill("营商环境")
            page.locator("#topic-count").click()
            expect(page.locator("#topic-summary")).to_contain_text("4 篇发言")
            expect(page.locator("#topic-summary")).to_contain_text("3 次会议")
            bars = page.locator("#topic-units .plot_marks path")
            expect(bars).to_have_count(2)
            for unit in ("三亚市教育局", "三亚市财政局"):  # each with the 2 speeches that say it
                expect(
                    page.locator(f'#topic-units [aria-label="单位 / Unit: {unit}; 发言 / Speeches: 2"]')
                ).to_have_count(1)
            expect(page.locator("#topic-timeline .plot_marks path")).to_have_count(3)
            expect(page.locator("#topic-answer")).to_contain_text("共有4篇发言")
            box = bars.first.bounding_box()  # select a bar: drag across it on the chart
            page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=5)
            page.mouse.up()
            picked = page.locator("#topic-answer [data-units]")
            expect(picked).not_to_have_attribute("data-units", "")
            expect(page.locator("#topic-answer")).to_contain_text("共有2篇发言")
            page.locator("#topic-unit input").first.click()
            page.get_by_role("option", name="三亚市财政局").click()
            expect(page.locator("#topic-answer")).to_contain_text("共有2篇发言")
            expect(page.locator("#topic-answer")).not_to_contain_text("陈明")
            shot(page, "topic-chart")

            # ask with a date filter, and export the answer
            page.get_by_role("tab", name="问答 / Ask").click()
            page.locator("#since textarea, #since input").first.fill("2025-06-01")
            page.locator("#question textarea").fill("谁提到了营商环境？")
            page.locator("#ask").click()
            sources = page.locator('#sources [data-turn="1"]')
            expect(sources).to_contain_text("2025-")
            expect(sources).not_to_contain_text("2025-03-10")
            expect(page.locator('#chat [data-testid="bot"]').last).to_contain_text("会议日期")
            with page.expect_download() as download:
                page.locator("#export-docx").click()
                page.locator("#exported a").first.click()
            assert download.value.suggested_filename == "answer.docx"
            shot(page, "answer-since-june")
        finally:
            browser.close()
