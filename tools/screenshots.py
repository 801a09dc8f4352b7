"""The README's screenshots of `eventwire serve`: the map, an event page and an article page, on a
store of two short articles written for eventwire (docs/serve-*.png).

    python tools/screenshots.py

Needs Debian's Chromium (/usr/bin/chromium) and Playwright (a test extra); run by hand.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import eventwire  # noqa: E402
from eventwire.batch import source_of  # noqa: E402
from eventwire.records import RawDocument  # noqa: E402

TEXTS = {
    "kharkiv.txt": "Russian troops shell Kharkiv\n\nRussian troops shelled the Ukrainian city of Kharkiv on Tuesday, "
                   "killing three civilians and wounding 12, regional governor Oleh Synehubov said. The strikes hit a "
                   "residential district in the north of the city, he said on Telegram.",
    "nairobi.txt": "Police fire tear gas at Nairobi protest\n\nKenyan police fired tear gas at hundreds of protesters in "
                   "Nairobi on Monday, witnesses said. The protesters were marching against new taxes.",
}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    db = folder / "news.db"
    with eventwire.Store(db) as store:
        for name, text in TEXTS.items():
            raw = RawDocument(text, name, is_html=False, published="2024-05-08")
            store.add(source_of(raw), eventwire.extract(text, published="2024-05-08", name=name))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        rows = json.load(urllib.request.urlopen(f"{base}/news/event_map.json?_shape=array"))
        kharkiv = next(json.loads(r["popup"])["link"] for r in rows if r["place"] == "Kharkiv")
        out = ROOT / "docs"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            page.goto(f"{base}/news/event_map")
            page.locator(".leaflet-marker-icon").first.wait_for()
            page.locator("#map, .leaflet-container").first.screenshot(path=str(out / "serve-map.png"))
            page.goto(base + kharkiv)
            page.screenshot(path=str(out / "serve-event.png"), full_page=True)
            page.locator("a[href^='/-/eventwire/article/']").first.click()
            page.screenshot(path=str(out / "serve-article.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
    print(f"wrote {out}/serve-map.png, serve-event.png, serve-article.png")


if __name__ == "__main__":
    main()
