"""The HTML view in a real browser: Debian's headless Chromium driven by Selenium.

Skipped with the reason when selenium, chromium or chromedriver is missing;
`make browser-test` installs them and sets EXTRACTOR_BROWSER_TEST=required so a
missing browser fails instead. EXTRACTOR_SCREENSHOT=path also saves the seed view's
screenshot there (the README's docs/view-seed.png).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import extractor
from extractor.corpus import read_corpus
from extractor.view import Article, render_html
from extractor.view.model import format_value

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (make browser-test installs it)"
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"no {program} on PATH (Debian packages chromium and chromium-driver; make browser-test)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = _missing()
    if reason:
        if os.environ.get("EXTRACTOR_BROWSER_TEST") == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path, html: str, width: int = 1400, height: int = 1000):
    path.write_text(html, encoding="utf-8")
    browser.set_window_size(width, height)
    browser.get(path.as_uri())


def tab_to_first_fact(browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.find_element("tag name", "body").click()
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        if active.tag_name == "mark" and "fact" in active.get_attribute("class"):
            return active
    pytest.fail("Tab never reached a highlighted fact")


def details_text(browser) -> str:
    return browser.find_element("id", "details-body").text


def test_browser_tab_to_a_seed_fact_shows_its_value_and_subject(browser, root, nlp, tmp_path):
    articles = [Article(d.doc_id, d.text, [f.to_dict() for f in extractor.extract(d.text, d.published, d.doc_id,
                                                                                  nlp=nlp)], d.published)
                for d in read_corpus(root / "corpus")]
    open_page(browser, tmp_path / "seed.html", render_html(articles, title="Seed split: extracted facts"))
    mark = tab_to_first_fact(browser)
    first = min(articles[0].facts, key=lambda f: f["start"])
    assert mark.text == first["text"]
    shown = details_text(browser)
    assert format_value(first) in shown
    assert ", ".join(first["subject"]) in shown
    assert "selected" in mark.get_attribute("class")
    shot = tmp_path / "view-seed.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("EXTRACTOR_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["EXTRACTOR_SCREENSHOT"])


TEXT = "ByteDance plans to spend 160 billion yuan in 2026, it said <script>alert(1)</script>."
FACT = {"doc_id": "ev", "type": "budget", "value": 160_000_000_000, "low": None, "high": None, "unit": "CNY",
        "start": 25, "end": 41, "text": "160 billion yuan", "qualifier": "exact", "subject": ["ByteDance"],
        "item": None, "metric": None, "period": "2026", "retracted": False, "equivalent_of": None,
        "evidence": {"type": {"text": "plans to spend", "start": 10, "end": 24, "why": "a budget cue"},
                     "subject": {"text": "ByteDance", "start": 0, "end": 9, "why": "the organization before"},
                     "period": {"text": "in 2026", "start": 42, "end": 49, "why": "a year after the figure"}}}


def test_browser_focus_outlines_the_evidence_and_runs_no_article_script(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    open_page(browser, tmp_path / "ev.html", render_html([{"doc_id": "ev", "text": TEXT, "facts": [FACT]}]))
    tab_to_first_fact(browser)
    outlined = {role: "".join(e.text for e in browser.find_elements("css selector", f".text .ev-on.ev-{role}"))
                for role in ("type", "subject", "period")}
    assert outlined == {"type": "plans to spend", "subject": "ByteDance", "period": "in 2026"}
    assert "budget because of the cue 'plans to spend'" in details_text(browser)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert "<script>alert(1)</script>" in browser.find_element("css selector", ".text").text


def test_browser_filter_and_sort_the_batch_table(browser, tmp_path):
    facts = [dict(FACT, start=25, end=41), dict(FACT, type="chip_count", unit="chips", value=20, start=0, end=9,
                                                 text="ByteDance", evidence=None, subject=["Zeta"])]
    open_page(browser, tmp_path / "t.html", render_html([{"doc_id": "ev", "text": TEXT, "facts": facts}]))
    from selenium.webdriver.support.select import Select

    table = browser.find_element("id", "all-facts-table")
    Select(browser.find_element("css selector", '[data-table="all-facts-table"] select')).select_by_value("chip_count")
    visible = [r for r in table.find_elements("css selector", "tbody tr") if r.is_displayed()]
    assert [r.get_attribute("data-type") for r in visible] == ["chip_count"]
    Select(browser.find_element("css selector", '[data-table="all-facts-table"] select')).select_by_value("")
    amount = table.find_elements("css selector", "th button.sort")[2]
    amount.click()
    assert [r.get_attribute("data-type") for r in table.find_elements("css selector", "tbody tr")] == \
        ["chip_count", "budget"]
    amount.click()
    assert table.find_elements("css selector", "th")[2].get_attribute("aria-sort") == "descending"


def test_browser_narrow_window_keeps_text_and_details_on_screen(browser, tmp_path):
    open_page(browser, tmp_path / "n.html", render_html([{"doc_id": "ev", "text": TEXT * 5, "facts": [FACT]}]),
              width=420, height=800)
    assert browser.execute_script("return getComputedStyle(document.getElementById('details')).position") == "fixed"
    assert browser.execute_script(
        "return document.querySelector('.text').getBoundingClientRect().right <= window.innerWidth")


def test_browser_error_view_shows_a_miss_beside_its_false_alarm(browser, root, tmp_path):
    from extractor.evaluation import Run, load_split
    from extractor.scoring import score
    from extractor.view import render_errors_html

    split = load_split("seed", root / "corpus", root / "annotations")
    preds = [dict(g) for g in split.gold]
    preds[0]["type"] = "unit_price" if preds[0]["type"] != "unit_price" else "budget"
    run = Run("changed", split, preds, 0.0, 0.0, score(preds, split.gold))
    open_page(browser, tmp_path / "errors.html", render_errors_html([run]))
    miss = browser.find_element("css selector", '.text mark[data-kind="miss"][id]')
    browser.execute_script("arguments[0].focus()", miss)
    shown = details_text(browser)
    assert "miss (gold only)" in shown and "a false alarm over the same text" in shown
    assert format_value(split.gold[0]) in shown and split.gold[0]["type"] in shown
    hit = browser.find_element("css selector", '.text mark[data-kind="hit"][id]')
    before = hit.value_of_css_property("background-color")
    browser.find_element("css selector", '[data-kind-toggle="hit"]').click()
    assert hit.value_of_css_property("background-color") != before


def test_browser_index_search_finds_articles_by_text(browser, tmp_path):
    docs = [{"doc_id": "alpha", "text": "Zorbly Labs will spend $2bn.", "facts": []},
            {"doc_id": "beta", "text": "Vantor ordered 12,000 GPUs.", "facts": []}]
    open_page(browser, tmp_path / "s.html", render_html(docs))
    browser.find_element("id", "index-search").send_keys("vantor")
    rows = browser.find_elements("css selector", "#index-table tbody tr")
    assert [r.get_attribute("data-doc") for r in rows if r.is_displayed()] == ["beta"]
    assert browser.find_element("id", "index-count").text == "1 of 2"
    assert not browser.find_element("css selector", 'article[data-doc="alpha"]').is_displayed()


def test_browser_csv_export_writes_the_rows_shown(browser, tmp_path):
    facts = [dict(FACT, evidence=None), dict(FACT, type="chip_count", unit="chips", value=20, start=0, end=9,
                                             text="ByteDance", evidence=None, subject=["Zeta, \"Inc\""])]
    open_page(browser, tmp_path / "c.html", render_html([{"doc_id": "ev", "text": TEXT, "facts": facts}]))
    browser.find_element("css selector", '[data-table="all-facts-table"] [data-filter="subject"]').send_keys("zeta")
    csv = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        URL.createObjectURL = blob => { blob.text().then(done); return "about:blank"; };
        HTMLAnchorElement.prototype.click = function () {};
        document.querySelector('[data-export="all-facts-table"]').click();
    """)
    header, row, end = csv.split("\r\n")
    assert header.startswith("doc_id,type,value,low,high,unit,") and end == ""
    assert row.startswith("ev,chip_count,20,,,chips,exact,\"Zeta, \"\"Inc\"\"\",")


def test_browser_article_table_holds_that_articles_rows(browser, tmp_path):
    other = dict(FACT, doc_id="two", evidence=None)
    docs = [{"doc_id": "ev", "text": TEXT, "facts": [FACT, dict(FACT, type="chip_count", unit="chips", value=20,
                                                                  start=0, end=9, text="ByteDance")]},
            {"doc_id": "two", "text": TEXT, "facts": [other]}]
    open_page(browser, tmp_path / "a.html", render_html(docs))
    browser.find_element("css selector", "#a1 details summary").click()
    rows = browser.find_elements("css selector", "#a1-facts tbody tr")
    assert [r.get_attribute("data-type") for r in rows] == ["chip_count", "budget"]
    assert [c.text for c in rows[1].find_elements("tag name", "td")][:2] == ["budget", "CN¥160,000,000,000"]
    assert not browser.find_elements("css selector", "#a2-facts tbody tr")  # not opened yet
