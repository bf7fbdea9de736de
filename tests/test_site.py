"""The built HTML site in a real browser (Debian's headless Chromium): it works offline, has no
broken images or console errors, and no serious or critical accessibility violations (axe-core) on
any page, axe's experimental rules included (label-content-name-mismatch found the theme's buttons).

Needs the built site (`make book`; the fixtures mark it build and browser); `make test` builds it first.
Screenshots go to _build/screenshots/.
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import BUILD, SITE

SHOTS = BUILD / "screenshots"


def first_program_chapter() -> str:
    chapters = sorted((SITE / "book" / "programs").glob("*.html"))
    return str(chapters[0].relative_to(SITE)) if chapters else "book/data-and-methods.html"


PAGES = {"home": "index.html", "chapter": None, "glossary": "book/appendix/glossary.html"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_a_real_browser(name, server, browser):
    from axe_playwright_python.sync_playwright import Axe

    path = PAGES[name] or first_program_chapter()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def guard(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"external request: {route.request.url} (host {host})")
            route.abort()

    page.route("**/*", guard)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    problems += [f"broken image: {src}" for src in broken]
    missing_alt = page.evaluate("Array.from(document.images).filter(i => !i.hasAttribute('alt')).map(i => i.src)")
    problems += [f"image without alt attribute: {src}" for src in missing_alt]
    loading_problems = list(problems)  # axe re-fetches @import-ed CSS relative to the page: not the site's fault
    result = Axe().run(page)
    problems = loading_problems
    for violation in result.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in violation["nodes"][:3]]
            problems.append(f"axe {violation['impact']}: {violation['id']} — {violation['help']} at {targets}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    page.close()
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


#: axe-core's rules, its experimental ones too (the audit of 2026-12 ran them: 52 serious violations).
AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice",
                                                     "experimental"]}}


def test_no_serious_accessibility_violation_on_any_page(built_html, server, browser):
    from axe_playwright_python.sync_playwright import Axe

    pages = sorted(str(p.relative_to(built_html)) for p in built_html.rglob("*.html")
                   if "_static" not in p.parts and p.name not in ("index.html", "genindex.html")
                   and p.relative_to(built_html).parts[0] != "zh")  # the Chinese site: issue #31
    assert len(pages) >= 20, pages
    axe, problems = Axe(), []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in pages:
        page.goto(f"{server}/{path}", wait_until="load")
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{path}: axe {violation['impact']}: {violation['id']} ({len(violation['nodes'])} "
                                f"nodes) at {[n['target'] for n in violation['nodes'][:2]]}")
    page.close()
    assert not problems, f"{len(problems)} serious or critical violations:\n  " + "\n  ".join(problems)
