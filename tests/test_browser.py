"""`eventwire serve` in a real headless Chromium (Debian's, driven by Playwright; issue 16):
from the map to an event to its highlighted sentence in three clicks, hostile text that never
runs, search. Screenshots go to tests/output/browser/."""
import json
import shutil
from pathlib import Path

import pytest

from .test_serve import get, served  # noqa: F401 (the served store is a fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "output" / "browser"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is a test extra: make install")
if not Path(CHROMIUM).is_file():
    pytest.skip("no Chromium at /usr/bin/chromium: make install installs Debian's chromium package",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, served):
    base, _ = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # this machine has no internet: map tiles and anything not served here are refused at once
    tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    tab.dialogs = dialogs
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_browser_map_to_event_to_its_sentence_in_three_clicks(page, served):
    base, _ = served
    page.goto(f"{base}/news/event_map")
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for(timeout=30_000)  # the markers render without tiles
    assert markers.count() >= 1
    # each marker (not a cluster of them) is coloured by its event's type; the key says which is which
    types = {r["type"] for r in get(f"{base}/news/event_map.json?_shape=array")}
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)")
    coloured = page.locator(".leaflet-marker-icon.eventwire-marker")
    assert coloured.count() == single.count() >= 1
    classes = coloured.evaluate_all("els => els.map(e => e.className)")
    shown = {word.removeprefix("eventwire-") for name in classes for word in name.split()
             if word.startswith("eventwire-") and word != "eventwire-marker"}
    assert shown and shown <= types
    background = coloured.first.locator("span").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background.startswith("rgb(") and background != "rgb(0, 0, 0)"
    assert page.get_by_text("ASSAULT").first.is_visible()
    shot(page, "map")
    markers.first.click()                                              # 1: a marker
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for(timeout=10_000)
    link.click()                                                       # 2: its popup's title
    page.wait_for_url("**/-/eventwire/event/**")
    current = page.locator("#current")
    assert current.is_visible()
    evidence = page.locator(".evidence.current").all_inner_texts()
    assert any(word in "".join(evidence) for word in ("shelled", "tear gas"))
    shot(page, "event")
    page.locator("a[href^='/-/eventwire/article/']").first.click()     # 3: the whole article
    page.wait_for_url("**/-/eventwire/article/**")
    assert page.locator(".eventwire-text .evidence").count() >= 1
    shot(page, "article")
    assert page.dialogs == []


def test_browser_hostile_article_runs_nothing(page, served):
    base, _ = served
    (row,) = [r for r in get(f"{base}/news/event_rows.json?_shape=array") if r["place"] == "Nairobi"]
    for path in (f"/-/eventwire/article/{row['article_id']}",
                 f"/-/eventwire/event/{row['article_id']}/{row['event_id']}", "/news/articles", "/news/event_rows"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert '<script>alert("x")</script>' in page.inner_text("body")  # shown as text
        assert page.locator("img[onerror]").count() == 0 and page.locator("a[href^='javascript:']").count() == 0
    shot(page, "hostile")
    assert page.dialogs == []  # no alert() ran


def test_browser_search_finds_an_article_by_a_word_of_its_text(page, served):
    base, _ = served
    page.goto(f"{base}/news/articles")
    page.fill("input[name=_search]", "shelled")
    page.keyboard.press("Enter")
    page.wait_for_url("**_search=shelled**")
    body = page.inner_text("body")
    assert "1 row" in body and "Kharkiv" in body
