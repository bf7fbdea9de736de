"""Light and usable on a phone (issue 30, item 4), checked on the built site.

What a chapter page downloads (every file it loads, gzip-compressed as a server sends it) against the
goal `make bench` prints; charts as palette PNGs with their size and a link to the full-size file;
no horizontal scrolling at 390 px; table captions that stay in view while a table scrolls; a focus
ring on every control the keyboard reaches; a favicon, a 404 page and one viewport tag; no source
maps and no icon script. Each test failed on the build before tenprograms.sphinxext.weight and the
phone rules of _static/book.css (see the report of issue 30).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bench  # noqa: E402  (scripts/ is not a package: its measurement is shared with `make bench`)

PHONE = {"width": 390, "height": 844}


def pages(site: Path) -> list[str]:
    """Every page a reader can reach (not the redirect stub, the index or search's result page)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if p.name not in ("index.html", "genindex.html") and "_static" not in p.parts
                  and p.stat().st_size > 2000 and p.relative_to(site).parts[0] != "zh")  # zh/: issue #31


def test_chapter_page_is_light(built_html, server, browser):
    files = bench.page_weight(browser, server, built_html)
    total = sum(gz for _, _, gz in files)
    listing = "\n  ".join(f"{name}: {gz / 1e3:.0f} KB" for name, _, gz in sorted(files, key=lambda f: -f[2])[:8])
    assert total <= bench.PAGE_GOAL_BYTES, (
        f"{bench.CHAPTER_PAGE} loads {total / 1e3:.0f} KB gzip-compressed (goal ≤ {bench.PAGE_GOAL_BYTES / 1e3:.0f} KB):"
        f"\n  {listing}")
    names = [name for name, _, _ in files]
    assert not [n for n in names if "fontawesome" in n or n.endswith("searchindex.js")], names


def test_no_icon_script_no_source_maps_and_search_index_only_on_search(built_html):
    assert not list(built_html.rglob("*.map")), "source maps are shipped"
    assert not (built_html / "_static" / "scripts" / "fontawesome.js").exists()
    for rel in pages(built_html):
        html = (built_html / rel).read_text(encoding="utf-8")
        assert "sourceMappingURL" not in html, rel
        assert "fontawesome.js" not in html, f"{rel} loads the icon script"
        if rel != "search.html":
            assert "searchindex.js" not in html, f"{rel} loads the search index before anyone searches"
    for asset in [*built_html.glob("_static/**/*.js"), *built_html.glob("_static/**/*.css")]:
        assert b"sourceMappingURL" not in asset.read_bytes(), f"{asset.name} points to a source map"


def test_one_viewport_a_favicon_and_a_404_page(built_html):
    for rel in pages(built_html):
        html = (built_html / rel).read_text(encoding="utf-8")
        assert len(re.findall(r'<meta name="viewport"', html)) == 1, f"{rel}: not exactly one viewport tag"
        icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
        assert icon and (built_html / rel).parent.joinpath(icon.group(1)).resolve().is_file(), f"{rel}: no favicon"
    not_found = built_html / "404.html"
    assert not_found.exists(), "no 404 page"
    assert "Page not found" in not_found.read_text(encoding="utf-8")


def test_charts_are_palette_pngs_with_size_and_full_size_link(built_html):
    checked = 0
    for rel in pages(built_html):
        html = (built_html / rel).read_text(encoding="utf-8")
        for tag in re.findall(r"<img [^>]*>", html):
            src = re.search(r'src="([^"]+)"', tag).group(1)
            if "_images/" not in src:
                continue
            file = (built_html / rel).parent.joinpath(src).resolve()
            checked += 1
            if file.suffix == ".png":
                image = Image.open(file)
                assert image.mode == "P", f"{rel}: {file.name} is a {image.mode} PNG, not a palette PNG"
                size = image.size
                assert re.search(rf'width="{size[0]}" height="{size[1]}"', tag), f"{rel}: {file.name} has no width/height"
            else:
                assert file.suffix == ".svg", f"{rel}: {file.name}: a chart is SVG or a palette PNG"
            assert re.search(rf'<a class="tp-fullsize" href="{re.escape(src)}"><img ', html), \
                f"{rel}: {file.name} does not link to its full-size file"
    assert checked >= 10, f"only {checked} charts found: the test looks at the wrong pages"


@pytest.fixture(scope="module")
def phone(browser):
    page = browser.new_page(viewport=PHONE)
    yield page
    page.close()


def test_no_horizontal_scroll_on_a_phone(built_html, server, phone):
    wide = []
    for rel in pages(built_html):
        phone.goto(f"{server}/{rel}", wait_until="load")
        extra = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if extra > 0:
            culprit = phone.evaluate("""() => { const w = window.innerWidth; let found = null;
                for (const el of document.querySelectorAll('.bd-article *')) { const r = el.getBoundingClientRect();
                  if (r.right > w + 1 && !el.closest('.pst-scrollable-table-container, .table-wrapper, pre, .highlight'))
                    { found = el.tagName + ' ' + (el.textContent || '').slice(0, 40); } } return found; }""")
            wide.append(f"{rel}: +{extra} px ({culprit})")
    assert not wide, "pages wider than a 390 px phone:\n  " + "\n  ".join(wide)


def test_table_caption_stays_in_view_when_the_table_scrolls(built_html, server, phone):
    phone.goto(f"{server}/book/intro.html", wait_until="load")
    result = phone.evaluate("""() => {
        for (const box of document.querySelectorAll('.pst-scrollable-table-container, .table-wrapper')) {
          const caption = box.querySelector('caption');
          if (!caption || box.scrollWidth <= box.clientWidth) continue;
          box.scrollLeft = box.scrollWidth;
          const b = box.getBoundingClientRect(), c = caption.getBoundingClientRect();
          return {scrolled: box.scrollLeft, boxLeft: b.left, captionLeft: c.left, text: caption.textContent.slice(0, 40)};
        }
        return null; }""")
    assert result is not None, "no table scrolls on the home page at 390 px: the test has nothing to check"
    assert result["scrolled"] > 0
    assert result["captionLeft"] >= result["boxLeft"] - 1, f"the caption scrolls out of view: {result}"


def test_every_control_shows_a_focus_ring(built_html, server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{bench.CHAPTER_PAGE}", wait_until="networkidle")
    missing, seen = [], set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const el = document.activeElement; if (!el || el === document.body) return null;
            const s = getComputedStyle(el);
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || (s.boxShadow && s.boxShadow !== 'none');
            const name = (el.getAttribute('aria-label') || el.title || el.textContent || '').trim().slice(0, 30);
            return {ring, what: el.tagName + '.' + (el.className || '') + ' ' + name}; }""")
        if info is None or info["what"] in seen:
            continue
        seen.add(info["what"])
        if not info["ring"]:
            missing.append(info["what"])
    page.close()
    assert len(seen) >= 20, f"only {len(seen)} controls reached by Tab"
    assert not missing, "controls without a visible focus ring:\n  " + "\n  ".join(missing)
