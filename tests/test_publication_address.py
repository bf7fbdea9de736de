"""One setting gives the book its address (issue 30, item 2): with html_baseurl, or CITATION.cff's url,
the site gets canonical links, og:url, citation_public_url, sitemap.xml and robots.txt; without it,
none of them. Built here as a two-page Sphinx project with the book's extension (the book itself is
built without an address: tests/test_publication_site.py)."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.cmd.build import build_main

from tenprograms.data.paths import REPO_ROOT

URL = "https://example.org/tenprograms/"


def _project(tmp_path: Path, conf: str) -> tuple[Path, Path]:
    src = tmp_path / "src"
    (src / "book").mkdir(parents=True)
    (src / "conf.py").write_text("extensions = ['tenprograms.sphinxext.publication']\nroot_doc = 'book/intro'\n"
                                 "exclude_patterns = ['_build']\n" + conf, encoding="utf-8")
    (src / "book/intro.rst").write_text("Book\n====\n\nAn introduction long enough to be a description of "
                                        "the book and its data.\n\n.. toctree::\n\n   ch\n", encoding="utf-8")
    (src / "book/ch.rst").write_text("A chapter (新动能壮大工程)\n=========================\n\nThe chapter's first "
                                     "paragraph, long enough to describe it.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build_main(["-q", "-b", "html", str(src), str(out)]) == 0
    return src, out


def _check_addressed(out: Path) -> None:
    chapter = (out / "book/ch.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{URL}book/ch.html"' in chapter
    assert f'<meta property="og:url" content="{URL}book/ch.html"' in chapter
    assert f'<meta name="citation_pdf_url" content="{URL}book.pdf"' in chapter
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{URL}book/ch.html" in locs and f"{URL}book/intro.html" in locs
    assert f"Sitemap: {URL}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")


def test_html_baseurl_gives_canonical_links_a_sitemap_and_robots(tmp_path):
    _, out = _project(tmp_path, f"html_baseurl = {URL!r}\ntp_pdf_path = 'book.pdf'\n")
    _check_addressed(out)


def test_the_url_of_citation_cff_is_the_one_setting(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8") + f"url: {URL}\n", encoding="utf-8")
    _, out = _project(tmp_path, f"tp_citation_cff = {str(cff)!r}\ntp_pdf_path = 'book.pdf'\n")
    _check_addressed(out)
    bib = (out / "citation/tenprograms.bib").read_text(encoding="utf-8")
    assert f"url = {{{URL}}}" in bib


def test_without_an_address_there_is_none_and_an_old_sitemap_goes(tmp_path):
    src, out = _project(tmp_path, f"html_baseurl = {URL!r}\n")
    assert (out / "sitemap.xml").exists()
    (src / "conf.py").write_text((src / "conf.py").read_text(encoding="utf-8").replace(URL, ""), encoding="utf-8")
    assert build_main(["-q", "-E", "-b", "html", str(src), str(out)]) == 0
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()
    chapter = (out / "book/ch.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in chapter and "og:url" not in chapter and "citation_pdf_url" not in chapter
    assert '<meta name="citation_title" content="A chapter (新动能壮大工程)"' in chapter
