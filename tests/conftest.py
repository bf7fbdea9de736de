"""Shared fixtures and helpers, and the test layers.

Layers (markers registered in pyproject.toml): a test that asks for a fixture of the built book
(`built_html`, `built_pdf`, `server`) is marked `build`; one that asks for `browser` is marked
`browser` too. So `pytest -m "not build and not browser"` runs everything that needs only the venv,
on a fresh clone before any `make book`; `make test` builds first and runs every layer. A build
fixture fails (never skips) when the book is missing: a test selected to run must not pass by
doing nothing.

Helpers: `data_copy` (a private copy of data/ that a test may break), the CSV edit helpers
(`read_rows`, `write_rows`, `edit_cell`, `edit_row`) and `assert_reported` (a bad-data message names
these fragments). Test modules import helpers from here, never from another test module.
"""
from __future__ import annotations

import csv
import functools
import http.server
import io
import shutil
import threading
from pathlib import Path

import pytest

from tenprograms import DataValidationError, load_dataset
from tenprograms.data.paths import REPO_ROOT

DATA = REPO_ROOT / "data"

BUILD = REPO_ROOT / "_build"
SITE = BUILD / "html"
PDF = BUILD / "latex" / "book.pdf"
PDF_ZH = BUILD / "latex-zh" / "book.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Chromium's flags for a headless run that asks nothing of the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

#: Fixtures that need the built book, and those that need Chromium as well.
BUILD_FIXTURES = {"built_html", "built_html_zh", "built_pdf", "built_pdf_zh", "server"}
BROWSER_FIXTURES = {"browser"}

#: The property test's corruptions that were rejected, by kind (tests/test_corruption_properties.py).
CORRUPTIONS_TRIED: dict[str, int] = {}


# --- layers -------------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark each test by the fixtures it asks for (before `-m` deselects: tryfirst)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & (BUILD_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.build)


def _built(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make book` first (or leave the build tests out: -m 'not build')")
    return path


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built HTML site (`_build/html`)."""
    return _built(SITE / "index.html").parent


@pytest.fixture(scope="session")
def built_html_zh() -> Path:
    """The built Chinese site (`_build/html/zh`, inside the English one; `make html` builds both)."""
    return _built(SITE / "zh" / "index.html").parent


@pytest.fixture(scope="session")
def built_pdf() -> Path:
    """The built PDF (`_build/latex/book.pdf`; its LaTeX log, .toc and .aux lie beside it)."""
    return _built(PDF)


@pytest.fixture(scope="session")
def built_pdf_zh() -> Path:
    """The Chinese edition's PDF (`_build/latex-zh/book.pdf`, `make pdf-zh`; its .log and .tex beside it)."""
    return _built(PDF_ZH)


@pytest.fixture(scope="module")
def server(built_html):
    """The built site served on a free local port; yields its base address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by playwright (which never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: it is in apt.txt, `make test` installs it "
                    "(or leave the browser tests out: -m 'not browser')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# --- data -----------------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ in a temporary folder, made the package's data folder for this test."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("TENPROGRAMS_DATA", str(copy))
    return copy


def read_rows(path) -> list[list[str]]:
    """A CSV file of data/ as rows of cells (the header first)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path, rows) -> None:
    """Write rows back as data/ stores them (UTF-8, LF line ends)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def edit_cell(path, row_index, column, value):
    """Set one cell (row_index 1 = first data row); return that row's metric_id/first column."""
    rows = read_rows(path)
    col = rows[0].index(column)
    rows[row_index][col] = value
    write_rows(path, rows)
    return rows[row_index][0]


def edit_row(data, metric_id: str, column: str = "quote_en", text: str = " (edited)") -> None:
    """Append text to one column of one figure's row of metrics.csv."""
    path = Path(data) / "metrics.csv"
    rows = read_rows(path)
    col, key = rows[0].index(column), rows[0].index("metric_id")
    for row in rows[1:]:
        if row[key] == metric_id:
            row[col] += text
    write_rows(path, rows)


def problems(data_dir) -> list[str]:
    """The messages load_dataset raises for a data folder (it must raise)."""
    with pytest.raises(DataValidationError) as info:
        load_dataset(data_dir)
    return [str(p) for p in info.value.problems]


def assert_reported(data_dir, *fragments):
    """One of the problems reported for data_dir contains every fragment (file, row, column, …)."""
    found = problems(data_dir)
    assert any(all(f in p for f in fragments) for p in found), f"{fragments} not in {found}"


# --- summary -------------------------------------------------------------------------------------


def pytest_sessionfinish(session):
    """Under pytest-xdist a worker hands its count of corruptions to the controller, which prints it."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["corruptions_tried"] = dict(CORRUPTIONS_TRIED)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    for kind, count in getattr(node, "workeroutput", {}).get("corruptions_tried", {}).items():
        CORRUPTIONS_TRIED[kind] = CORRUPTIONS_TRIED.get(kind, 0) + count


def pytest_terminal_summary(terminalreporter):
    """Say how many random corruptions the property test tried, and that none got through."""
    if CORRUPTIONS_TRIED:
        total = sum(CORRUPTIONS_TRIED.values())
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(CORRUPTIONS_TRIED.items()))
        terminalreporter.write_line(f"corrupted data: {total} corruptions tried, every one rejected ({kinds})")
