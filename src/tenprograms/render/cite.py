"""How to cite the book and each chapter, in English and in the Chinese style (GB/T 7714 引用格式),
from CITATION.cff and data/programs.csv, so every citation agrees with the repository's metadata.

The address is CITATION.cff's `url`; until the book is published at an address, the citations carry
the placeholder URL_PLACEHOLDER (the README says where to set it).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..data.paths import REPO_ROOT

URL_PLACEHOLDER = "URL-TO-BE-ASSIGNED"


def metadata(path: Path = REPO_ROOT / "CITATION.cff") -> dict:
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    released = str(meta.get("date-released", ""))
    return {
        "authors": ", ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
                             for a in meta["authors"]),
        "title": meta["title"], "version": str(meta.get("version", "")), "year": released[:4],
        "date": released, "url": meta.get("url", URL_PLACEHOLDER),
    }


def book(meta: dict) -> tuple[str, str]:
    """(English, Chinese) citations of the whole book."""
    english = f"{meta['authors']} ({meta['year']}). *{meta['title']}*, version {meta['version']}. {meta['url']}"
    chinese = f"{meta['authors']}. {meta['title']}[EB/OL]. 版本 {meta['version']}. {meta['year']}. {meta['url']}."
    return english, chinese


def chapter(meta: dict, number: int, name_en: str, name_zh: str, page: str) -> tuple[str, str]:
    """(English, Chinese) citations of one program chapter; `page` is its path in the site."""
    url = f"{meta['url'].rstrip('/')}/{page}" if meta["url"] != URL_PLACEHOLDER else meta["url"]
    english = (f"{meta['authors']} ({meta['year']}). “{name_en} ({name_zh})”, chapter {number} of "
               f"*{meta['title']}*, version {meta['version']}. {url}")
    chinese = (f"{meta['authors']}. {name_zh}（{name_en}）[EB/OL]//{meta['title']}: 第{number}章. "
               f"版本 {meta['version']}. {meta['year']}. {url}.")
    return english, chinese


def citations_markdown(ds) -> str:
    """The page's body: the book's citations, then each chapter's, as MyST markdown."""
    meta = metadata()
    english, chinese = book(meta)
    parts = ["**The book**", "", f"- {english}", f"- 引用格式: {chinese}", "", "**A chapter**", ""]
    for number, program in ds.programs.iterrows():
        page = f"book/programs/{int(number):02d}-{program['slug']}.html"
        en, zh = chapter(meta, int(number), program["name_en"], program["name_zh"], page)
        parts += [f"- {en}", f"  引用格式: {zh}"]
    return "\n".join(parts) + "\n"
