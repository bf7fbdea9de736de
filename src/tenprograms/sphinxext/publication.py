"""The book as a publication: citable by machines, honest without an address, code one click away.

- Every page's <head> gets Highwire `citation_*` tags (what Google Scholar and Zotero read), schema.org
  JSON-LD (the root page a `Book`, every other page a `Chapter` of it), a meta description (the page's
  first paragraph) and OpenGraph tags, all from CITATION.cff (render/cite.py) and the page itself.
- One setting gives the book its address: `html_baseurl` (jupyter-book: `html: baseurl:`), or, when
  that is empty, CITATION.cff's `url`. Set, it adds canonical links (Sphinx), `og:url`, the PDF's
  address (`tp_pdf_path` under it), `sitemap.xml` and `robots.txt`. Unset, as while the book has no
  public address, none of these appear and nothing prints a placeholder.
- The cite page offers the citation as files (`{citation-file}` role): BibTeX, RIS and CITATION.cff,
  written at stable addresses (`citation/…`) by the HTML build; the PDF names them.
- Code cells tagged hide-input show their code collapsed on the site (myst-nb's <details>); the PDF
  leaves their code out, so it stays free of code.
"""
from __future__ import annotations

import html
import json
import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..render import cite

#: The citation files the HTML build writes, by the role's argument: (file name, label).
CITATION_FILES = {"bib": ("tenprograms.bib", "BibTeX"), "ris": ("tenprograms.ris", "RIS"),
                  "cff": ("CITATION.cff", "Citation File Format")}
CITATION_FOLDER = "citation"
ROOT_DOC = "book/intro"


def baseurl(app) -> str:
    """The site's address with a trailing slash, or '' while it has none."""
    url = (app.config.html_baseurl or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def _feed_baseurl(app, config) -> None:
    """html_baseurl from CITATION.cff's url when the configuration leaves it empty."""
    if not (config.html_baseurl or "").strip():
        config.html_baseurl = cite.metadata(Path(config.tp_citation_cff))["url"]


# --- the citation files and their links -------------------------------------------------------------

class citation_file(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """A link to one of the citation files, resolved per builder by ResolveCitationFiles."""


def citation_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    kind = text.strip()
    if kind not in CITATION_FILES:
        message = inliner.reporter.error(f"citation-file: {kind!r} is not one of {', '.join(CITATION_FILES)}",
                                         line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [citation_file(rawtext, CITATION_FILES[kind][1], kind=kind)], []


class ResolveCitationFiles(SphinxPostTransform):
    """HTML: a link to citation/<file>, relative to the page; other formats: the file's name."""
    default_priority = 5

    def run(self, **kwargs):
        for node in list(self.document.findall(citation_file)):
            filename, label = CITATION_FILES[node["kind"]]
            if self.app.builder.format == "html":
                target = posixpath.relpath(f"{CITATION_FOLDER}/{filename}", posixpath.dirname(self.env.docname) or ".")
                new = nodes.reference("", "", refuri=target, classes=["citation-file"])
                new += nodes.Text(f"{label} ({filename})")
            else:
                new = nodes.inline("", "", nodes.Text(f"{label} ("), nodes.literal(filename, filename),
                                   nodes.Text(", on the site)"))
            node.replace_self(new)


def write_citation_files(outdir: Path, cff: Path) -> list[Path]:
    meta = cite.metadata(cff)
    folder = outdir / CITATION_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = {"bib": cite.bibtex(meta), "ris": cite.ris(meta)}
    paths = []
    for kind, (filename, _) in CITATION_FILES.items():
        path = folder / filename
        if kind == "cff":
            shutil.copyfile(cff, path)
        else:
            path.write_bytes(written[kind].encode("utf-8"))
        paths.append(path)
    return paths


# --- code: collapsed on the site, absent from the PDF ----------------------------------------------

class DropHiddenCode(SphinxPostTransform):
    """Outside HTML, a cell whose code the site collapses (hide-input, hide-cell) shows no code."""
    default_priority = 190

    def run(self, **kwargs):
        if self.app.builder.format == "html":
            return
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code" or cell.get("hide_mode") not in ("input", "input+output", "all"):
                continue
            for child in list(cell.children):
                if child.get("nb_element") == "cell_code_source":
                    cell.remove(child)
            if not cell.children:
                cell.parent.remove(cell)


# --- the head of every page -----------------------------------------------------------------------

def _first_paragraph(doctree) -> str:
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        text = " ".join(para.astext().split())
        if len(text) > 40:
            return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
    return ""


def _meta(name: str, content: str, attr: str = "name") -> str:
    return f'<meta {attr}="{html.escape(name)}" content="{html.escape(content)}" />\n'


def head_tags(meta: dict, *, title: str, is_root: bool, description: str, page_url: str, pdf_url: str,
              position: int | None = None) -> str:
    """The <head> additions of one page: citation_*, description, OpenGraph, JSON-LD."""
    book_title = meta["title"]
    date = meta["date"].replace("-", "/")
    tags = [_meta("citation_title", book_title if is_root else title)]
    if not is_root:
        tags += [_meta("citation_inbook_title", book_title), _meta("citation_book_title", book_title)]
    tags += [_meta("citation_author", a) for a in meta["author_list"]]
    tags += [_meta("citation_publication_date", date), _meta("citation_date", date),
             _meta("citation_language", "en"), _meta("citation_keywords", "; ".join(meta["keywords"]))]
    if pdf_url:
        tags.append(_meta("citation_pdf_url", pdf_url))
    if page_url:
        tags.append(_meta("citation_public_url", page_url))
    description = description or meta["abstract"]
    tags.append(_meta("description", description))
    tags += [_meta("og:title", book_title if is_root else title, "property"),
             _meta("og:type", "book" if is_root else "article", "property"),
             _meta("og:site_name", book_title, "property"), _meta("og:description", description, "property"),
             _meta("og:locale", "en_GB", "property")]
    if page_url:
        tags.append(_meta("og:url", page_url, "property"))
    authors = [{"@type": "Organization", "name": a} for a in meta["author_list"]]
    book_ld = {"@type": "Book", "name": book_title, "author": authors, "datePublished": meta["date"],
               "bookEdition": meta["version"], "version": meta["version"], "inLanguage": "en",
               "keywords": meta["keywords"], "description": meta["abstract"]}
    if meta["license"]:
        book_ld["license"] = f"https://spdx.org/licenses/{meta['license']}"
    if meta["url"]:
        book_ld["url"] = meta["url"]
    if is_root:
        data = {"@context": "https://schema.org", **book_ld}
    else:
        data = {"@context": "https://schema.org", "@type": "Chapter", "name": title, "isPartOf": book_ld,
                "inLanguage": "en", "datePublished": meta["date"], "description": description}
        if position is not None:
            data["position"] = position
        if page_url:
            data["url"] = page_url
    if pdf_url:
        data["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url}
    ld = json.dumps(data, ensure_ascii=False, indent=None).replace("</", "<\\/")
    tags.append(f'<script type="application/ld+json">{ld}</script>\n')
    return "".join(tags)


def _position(app, pagename: str) -> int | None:
    numbers = getattr(app.env, "toc_secnumbers", {}).get(pagename, {})
    number = numbers.get("") if numbers else None
    return number[0] if number and len(number) == 1 else None


def add_head_tags(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    meta = cite.metadata(Path(app.config.tp_citation_cff))
    base = baseurl(app)
    page_url = base + app.builder.get_target_uri(pagename) if base else ""
    pdf_url = base + app.config.tp_pdf_path if base and app.config.tp_pdf_path else ""
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else meta["title"]
    context["metatags"] = context.get("metatags", "") + head_tags(
        meta, title=title, is_root=pagename == ROOT_DOC, description=_first_paragraph(doctree),
        page_url=page_url, pdf_url=pdf_url, position=_position(app, pagename))


# --- what a build with an address adds ------------------------------------------------------------

def sitemap(base: str, pages: list[str]) -> str:
    urls = "".join(f"  <url><loc>{html.escape(base + page)}</loc></url>\n" for page in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")


def finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    write_citation_files(outdir, Path(app.config.tp_citation_cff))
    base = baseurl(app)
    crawl = [outdir / "sitemap.xml", outdir / "robots.txt"]
    if not base:
        for path in crawl:  # a build without an address leaves none from an earlier one
            path.unlink(missing_ok=True)
        return
    pages = sorted(app.builder.get_target_uri(doc) for doc in app.env.found_docs)
    crawl[0].write_text(sitemap(base, pages), encoding="utf-8")
    crawl[1].write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def setup(app):
    app.add_config_value("tp_citation_cff", str(cite.CFF), "env")
    # where the PDF is served under the site's address ('' while it is not served)
    app.add_config_value("tp_pdf_path", "", "html")
    app.connect("config-inited", _feed_baseurl)
    app.add_role("citation-file", citation_file_role)
    app.add_post_transform(ResolveCitationFiles)
    app.add_post_transform(DropHiddenCode)
    app.connect("html-page-context", add_head_tags)
    app.connect("build-finished", finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
