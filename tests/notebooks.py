"""Which notebooks make up the book (read from _toc.yml), shared by the notebook and site tests."""
from __future__ import annotations

from pathlib import Path

import yaml

from tenprograms.data.paths import REPO_ROOT


def toc_files() -> list[str]:
    spec = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [spec["root"]]
    for part in spec.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files


def book_pages() -> list[Path]:
    """Every page of the book as a path (.ipynb or .md)."""
    pages = []
    for name in toc_files():
        for suffix in (".ipynb", ".md"):
            if (REPO_ROOT / (name + suffix)).exists():
                pages.append(REPO_ROOT / (name + suffix))
                break
        else:
            raise FileNotFoundError(f"_toc.yml names {name}, which has no .ipynb or .md")
    return pages


def book_notebooks() -> list[Path]:
    return [p for p in book_pages() if p.suffix == ".ipynb"]
