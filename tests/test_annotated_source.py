"""The annotated source: every figure anchored in its sentence, every source line present, and the
figures appendix linking each figure to its anchor (on the built HTML)."""
from __future__ import annotations

import re
from html import unescape

import pytest

from tenprograms import load_dataset
from tenprograms.render.pages import annotated_source_markdown
from tenprograms.sphinxext.source import anchor

SITE_PAGE = "book/appendix/source.html"


def test_the_page_source_has_every_line_and_every_figure():
    ds = load_dataset()
    text = annotated_source_markdown(ds).data
    for metric_id in ds.metrics.index:
        assert text.count(f"{{srcfig}}`{metric_id}`") + text.count(f"{{srcfig}}`{metric_id}|anchor`") == 1, metric_id
    assert text.count("**l. ") == len(ds.source_lines)


def test_the_built_page_anchors_every_figure_and_the_appendix_links_to_them(built_html):
    from tenprograms.data.paths import REPO_ROOT

    site = REPO_ROOT / "_build" / "html"
    page = site / SITE_PAGE
    if not page.exists():
        pytest.fail(f"{page} is not built: run `make book` first")
    html = page.read_text(encoding="utf-8")
    ds = load_dataset()
    missing = [i for i in ds.metrics.index if f'id="{anchor(i)}"' not in html]
    assert not missing, f"figures without an anchor on the annotated source: {missing}"
    body = unescape(re.sub(r"<[^>]+>", "", html))
    lost = [n for n, line in enumerate(ds.source_lines, 1) if line.strip() and unescape(line) not in body]
    assert not lost, f"source lines missing from the annotated source: {lost}"
    appendix = (site / "book" / "appendix" / "figures.html").read_text(encoding="utf-8")
    unlinked = [i for i in ds.metrics.index if f'source.html#{anchor(i)}"' not in appendix]
    assert not unlinked, f"figures the appendix does not link to their anchor: {unlinked}"
