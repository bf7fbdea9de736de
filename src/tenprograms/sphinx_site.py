"""A small Sphinx extension for the book's HTML: offline, and clean in a real browser.

- Drops sphinx-thebe's assets: the book has no live-code launcher, and thebe's inline script
  (declared twice by jupyter-book 1) raises a JavaScript error and names a CDN.
- Drops the ARIA role="list" that sphinxcontrib-bibtex puts on citation lists without list items
  (an axe-core "critical" violation).
"""
from __future__ import annotations


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE" in body


def _clean_page(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if not _is_thebe(c)]
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')


def setup(app):
    app.connect("html-page-context", _clean_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
