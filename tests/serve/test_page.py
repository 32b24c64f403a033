"""The page in a real headless browser (issue #7): Debian's Chromium driven by Playwright.

The app runs on uvicorn in a thread over the small store of `api_store.py`. Each main view is
screenshotted at 1280x800 and at phone width (390x844) into the test's output folder and copied to
/tmp/flashpoint-shots/ for review. Every request the page makes is checked to stay on the server.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from flashpoint.serve.api.app import create_app
from flashpoint.store.duckdb_store import Store
from tests.serve.api_store import make_store

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REVIEW = Path("/tmp/flashpoint-shots")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = make_store(tmp_path_factory.mktemp("page") / "page.duckdb")
    store = Store.open(path, read_only=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        pytest.skip("Chromium not found (apt-get install chromium; scripts/test-deps does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shots")


class Page:
    """A browser page on the app that records every request leaving the server."""

    def __init__(self, browser: Any, base_url: str, viewport: dict[str, int], shots: Path) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.shots = shots
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.context.route("**/*", self._only_local)

    def _only_local(self, route: Any) -> None:
        if route.request.url.startswith(self.base_url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, hash_: str, ready: str) -> Any:
        """Go to `/#hash_` and wait until the view `ready` has drawn its data."""
        self.page.goto(f"{self.base_url}/#{hash_}")
        self.page.wait_for_selector(f"body[data-ready='{ready}']")
        return self.page

    def wait_ready(self, view: str) -> None:
        self.page.wait_for_selector(f"body[data-ready='{view}']")

    def shot(self, name: str) -> Path:
        target = self.shots / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        REVIEW.mkdir(parents=True, exist_ok=True)
        shutil.copy(target, REVIEW / target.name)
        return target

    def close(self) -> None:
        assert not self.errors, f"the page raised: {self.errors}"
        assert not self.outside, f"the page asked for something outside the server: {self.outside}"
        self.context.close()


@pytest.fixture()
def desktop(browser: Any, base_url: str, shots: Path) -> Iterator[Page]:
    page = Page(browser, base_url, DESKTOP, shots)
    yield page
    page.close()


@pytest.fixture()
def phone(browser: Any, base_url: str, shots: Path) -> Iterator[Page]:
    page = Page(browser, base_url, PHONE, shots)
    yield page
    page.close()


def _rows(page: Any) -> list[str]:
    return list(page.locator("#events-table tbody tr").all_inner_texts())


def test_page_events_table_lists_every_event(desktop: Page) -> None:
    page = desktop.open("events", "events")
    assert len(_rows(page)) == 5
    assert "5 events" in page.inner_text("#events-summary")
    assert "5 events · 3 articles" in page.inner_text("#stats")
    desktop.shot("events-1280")


def test_page_filters_narrow_the_table(desktop: Page) -> None:
    page = desktop.open("events", "events")
    page.select_option("select[name=type]", "ASSAULT")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 2")
    page.select_option("select[name=country]", "SYR")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 1")
    assert "Valdorian army → Civilians" in _rows(page)[0]
    page.select_option("select[name=type]", "")
    page.select_option("select[name=country]", "")
    page.fill("input[name=q]", "marched")
    page.press("input[name=q]", "Enter")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 1")
    assert "PROTEST" in _rows(page)[0]
    assert "q=marched" in page.url
    desktop.shot("events-filtered-1280")


def test_page_event_opens_its_article_with_the_evidence_highlighted(desktop: Page) -> None:
    page = desktop.open("events?type=ASSAULT&country=SYR", "events")
    page.click("#events-table tbody tr")
    desktop.wait_ready("event")
    evidence = "".join(page.locator("#article-text .hl-evidence").all_inner_texts())
    assert evidence == (
        "On Saturday, Valdorian artillery shelled the town of Kessem, killing four civilians, "
        "the regional governor said."
    )
    assert page.inner_text("#article-text .hl-focus") == "shelled"
    highlighted = {
        cls: page.locator(f"#article-text .{cls}").all_inner_texts()
        for cls in ("hl-actor", "hl-date", "hl-place", "hl-trigger")
    }
    assert "Valdorian artillery" in highlighted["hl-actor"]
    assert "Red Hand" in highlighted["hl-actor"]
    assert "On Saturday" in highlighted["hl-date"]
    assert "Kessem" in highlighted["hl-place"]
    assert {"shelled", "vowed"} <= set(highlighted["hl-trigger"])
    assert "the regional governor" in page.inner_text("#attribution")
    assert "Kessem, SYR" in page.inner_text("#event-panel")
    desktop.shot("article-1280")
    page.click("#article-text .hl-trigger >> text=vowed")
    page.wait_for_function(
        "document.querySelector('.hl-focus') && document.querySelector('.hl-focus').textContent === 'vowed'"
    )
    page.wait_for_selector("#attribution >> text=in its own voice")


def test_page_map_shades_the_countries_with_events(desktop: Page) -> None:
    page = desktop.open("map", "map")
    assert page.locator("#map path.country").count() > 200
    assert page.locator("#map path.hit").count() == 2
    assert page.locator("#map path[data-country=SYR].hit").count() == 1
    assert page.locator("#map circle.place").count() == 2
    assert page.locator("#map-top li").all_inner_texts() == ["Syria 2", "Lebanon 1"]
    desktop.shot("map-1280")
    page.locator("#map path[data-country=LBN]").dispatch_event("click")
    desktop.wait_ready("events")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 1")
    assert "Orlen" in _rows(page)[0]


def test_page_timeline_charts_and_lists_the_happenings(desktop: Page) -> None:
    page = desktop.open("timeline", "timeline")
    assert page.locator("#timeline-chart rect.bar").count() >= 4
    items = page.locator("#timeline-list li.happening").all_inner_texts()
    assert len(items) == 5
    assert items[0].startswith("2024-05-18")
    desktop.shot("timeline-1280")


def test_page_network_draws_actors_and_ties(desktop: Page) -> None:
    page = desktop.open("network", "network")
    actors = set(page.locator("#network g.node").evaluate_all("nodes => nodes.map(n => n.dataset.actor)"))
    assert {"VLD-military", "red-hand", "NRL", "civilians"} <= actors
    assert page.locator("#network line.tie.relation").count() == 1
    desktop.shot("network-1280")


def test_page_watch_lists_the_open_plan(desktop: Page) -> None:
    page = desktop.open("watch", "watch")
    items = page.locator("#watch-list li").all_inner_texts()
    assert len(items) == 1
    assert "SANCTION" in items[0] and "Valdoria → Red Hand" in items[0]
    desktop.shot("watch-1280")


@pytest.mark.parametrize(
    ("hash_", "ready"),
    [
        ("events", "events"),
        ("map", "map"),
        ("timeline", "timeline"),
        ("network", "network"),
        ("watch", "watch"),
    ],
)
def test_page_fits_a_phone(phone: Page, hash_: str, ready: str) -> None:
    page = phone.open(hash_, ready)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{hash_} is {overflow}px wider than the phone"
    phone.shot(f"{hash_}-390")


def test_page_article_fits_a_phone(phone: Page) -> None:
    page = phone.open("events?q=shelled", "events")
    page.click("#events-table tbody tr")
    phone.wait_ready("event")
    assert page.inner_text("#article-text .hl-focus") == "shelled"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    phone.shot("article-390")


def test_page_phone_filters_fold_behind_a_button(phone: Page) -> None:
    page = phone.open("events", "events")
    assert not page.is_visible("select[name=type]")
    page.click("#toggle-filters")
    page.select_option("select[name=type]", "PROTEST")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 1")
    assert page.inner_text("#toggle-filters") == "Filters (1)"
    phone.shot("events-filters-390")


def test_page_map_place_lists_the_events_there(desktop: Page) -> None:
    page = desktop.open("map", "map")
    page.locator("#map circle.place >> nth=0").dispatch_event("click")
    desktop.wait_ready("events")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 2")
    assert all("Kessem" in row for row in _rows(page))
    assert page.is_visible("#bbox-note")
    page.click("#clear-bbox")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length === 5")


def test_page_timeline_bar_narrows_to_its_day(desktop: Page) -> None:
    page = desktop.open("timeline", "timeline")
    page.locator("#timeline-chart rect.bar >> nth=0").dispatch_event("click")
    page.wait_for_function("document.querySelectorAll('#timeline-list li.happening').length === 1")
    assert page.input_value("input[name=since]") == "2024-05-18"
    assert page.input_value("input[name=until]") == "2024-05-18"
