"""How to cite the book and each chapter, in English and in the Chinese style (GB/T 7714 引用格式),
and as files a reference manager reads (BibTeX, RIS), from CITATION.cff and data/programs.csv, so
every citation agrees with the repository's metadata.

The address is CITATION.cff's `url`. Until the book is published at one, no citation prints an
address or a placeholder for one: each names the edition (version) and its release date instead.
Setting `url` (and re-executing the cite page) adds the address everywhere, and the site's canonical
links, sitemap and robots.txt (sphinxext/publication.py reads the same key).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from IPython.display import Markdown

from ..data.paths import REPO_ROOT
from . import fmt_zh
from .bilingual import Bilingual, both

CFF = REPO_ROOT / "CITATION.cff"
#: The Chinese edition's configuration: its title and author are the Chinese citations' (scripts/zh_config.py).
ZH_CONFIG = REPO_ROOT / "locales" / "zh_CN" / "config.yml"


def metadata(path: Path = CFF) -> dict:
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    released = str(meta.get("date-released", ""))
    names = [a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
             for a in meta["authors"]]
    return {
        "authors": ", ".join(names), "author_list": names,
        "title": meta["title"], "version": str(meta.get("version", "")), "year": released[:4],
        "date": released, "url": str(meta.get("url") or "").strip(), "license": str(meta.get("license", "")),
        "abstract": " ".join(str(meta.get("abstract", "")).split()),
        "keywords": [str(k) for k in meta.get("keywords", [])],
    }


def metadata_zh(path: Path = CFF, config: Path = ZH_CONFIG) -> dict:
    """metadata with the Chinese edition's title and author (locales/zh_CN/config.yml), which its
    citations name; version, date and address are the book's."""
    zh = yaml.safe_load(config.read_text(encoding="utf-8"))
    missing = [key for key in ("title", "author") if not zh.get(key)]
    if missing:
        raise ValueError(f"{config.relative_to(REPO_ROOT)}: no {' or '.join(missing)} for the Chinese citations")
    return metadata(path) | {"title": zh["title"], "authors": zh["author"], "author_list": [zh["author"]]}


def page_url(meta: dict, page: str = "") -> str:
    """The address of a page of the site ('' for the root), or '' while the book has no address."""
    if not meta["url"]:
        return ""
    return f"{meta['url'].rstrip('/')}/{page}" if page else meta["url"]


def date_zh(meta: dict) -> str:
    """The release date as the Chinese edition prints it: '2026年12月1日' ('' while there is none)."""
    return fmt_zh.date(meta["date"]) if meta["date"] else ""


def _edition(meta: dict) -> str:
    return f"version {meta['version']}, released {meta['date']}"


def book(meta: dict) -> tuple[str, str]:
    """(English, Chinese) citations of the whole book."""
    url = page_url(meta)
    english = f"{meta['authors']} ({meta['year']}). *{meta['title']}*, {_edition(meta)}." + (f" {url}" if url else "")
    chinese = (f"{meta['authors']}. {meta['title']}[EB/OL]. 版本 {meta['version']}. {meta['date']}."
               + (f" {url}." if url else ""))
    return english, chinese


def chapter(meta: dict, number: int, name_en: str, name_zh: str, page: str) -> tuple[str, str]:
    """(English, Chinese) citations of one program chapter; `page` is its path in the site."""
    url = page_url(meta, page)
    english = (f"{meta['authors']} ({meta['year']}). “{name_en} ({name_zh})”, chapter {number} of "
               f"*{meta['title']}*, {_edition(meta)}." + (f" {url}" if url else ""))
    chinese = (f"{meta['authors']}. {name_zh}（{name_en}）[EB/OL]//{meta['title']}: 第{number}章. "
               f"版本 {meta['version']}. {meta['date']}." + (f" {url}." if url else ""))
    return english, chinese


def chapter_zh(meta: dict, number: int, name_zh: str, page: str) -> str:
    """The Chinese edition's citation of one program chapter (GB/T 7714): the program's Chinese name only."""
    url = page_url(meta, page)
    return (f"{meta['authors']}. {name_zh}[EB/OL]//{meta['title']}: 第{number}章. 版本 {meta['version']}. "
            f"{meta['date']}." + (f" {url}." if url else ""))


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%#_$])", r"\\\1", text)


def bibtex(meta: dict) -> str:
    """The book as a BibTeX @book entry (the authors as one corporate name in braces)."""
    fields = [("title", "{" + _bib_escape(meta["title"]) + "}"),
              ("author", " and ".join("{" + _bib_escape(a) + "}" for a in meta["author_list"])),
              ("year", meta["year"]), ("date", meta["date"]), ("edition", f"Version {meta['version']}"),
              ("version", meta["version"]), ("note", f"Released {meta['date']}; licence {meta['license']}"),
              ("keywords", ", ".join(meta["keywords"])), ("language", "english")]
    if meta["url"]:
        fields.append(("url", meta["url"]))
    key = "tenprograms" + meta["year"]
    body = ",\n".join(f"  {name} = {{{value}}}" if not value.startswith("{") else f"  {name} = {value}"
                      for name, value in fields if value)
    return f"@book{{{key},\n{body}\n}}\n"


def ris(meta: dict) -> str:
    """The book as a RIS record (type BOOK), lines ending CRLF as the format asks."""
    lines = [("TY", "BOOK"), ("TI", meta["title"])] + [("AU", a) for a in meta["author_list"]]
    lines += [("PY", meta["year"]), ("DA", meta["date"].replace("-", "/")), ("ET", f"Version {meta['version']}"),
              ("LA", "en"), ("N1", f"Released {meta['date']}; licence {meta['license']}")]
    lines += [("KW", k) for k in meta["keywords"]]
    if meta["abstract"]:
        lines.append(("AB", meta["abstract"]))
    if meta["url"]:
        lines.append(("UR", meta["url"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def citations_markdown(ds) -> str:
    """The page's body: the book's citations, then each chapter's, as MyST markdown."""
    meta = metadata()
    english, chinese = book(meta)
    parts = ["**The book**", "", f"- {english}", "", f"  引用格式: {chinese}", "",
             "**A chapter**: one pattern for every chapter (its number, its English and Chinese name, its page), "
             "here for the first; the chapters' names are in the contents.", ""]
    number, program = next(iter(ds.programs.iterrows()))     # one example instead of ten near-identical ones
    page = f"book/programs/{int(number):02d}-{program['slug']}.html"
    en, zh = chapter(meta, int(number), program["name_en"], program["name_zh"], page)
    parts += [f"- {en}", "", f"  引用格式: {zh}"]
    return "\n".join(parts) + "\n"


def citations_markdown_zh(ds) -> str:
    """The Chinese edition's page body: the GB/T 7714 citations only (the English ones are for the
    English edition's readers), with the Chinese title and author (metadata_zh) and the programs'
    Chinese names."""
    meta = metadata_zh()
    _, chinese = book(meta)
    parts = ["**全书**", "", f"- {chinese}", "", "**各章**", ""]
    for number, program in ds.programs.iterrows():
        page = f"book/programs/{int(number):02d}-{program['slug']}.html"
        parts.append(f"- {chapter_zh(meta, int(number), program['name_zh'], page)}")
    return "\n".join(parts) + "\n"


def citations(ds) -> Bilingual:
    """The citations in both editions (citations_markdown, citations_markdown_zh)."""
    return both(Markdown(citations_markdown(ds)), Markdown(citations_markdown_zh(ds)))
