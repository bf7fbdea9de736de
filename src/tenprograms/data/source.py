"""Cut verbatim spans out of the source report, so that no Chinese is ever retyped in a notebook.

    from tenprograms.source import clause, sentence, list_item
    clause(ds, 47, "督办考核")        # the clause of line 47 that contains the anchor
    sentence(ds, "双报到", lines=range(50, 57))
    list_item(ds, 52, "大学生村官")    # the item of a 、-separated list ending with the term

Each raises ValueError unless exactly one span matches, so a changed source cannot go unnoticed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

CLAUSE_ENDS = ",，;；。:：!！?？"
SENTENCE_ENDS = "。;；!！?？"


def _split_outside_quotes(text: str, ends: str) -> list[str]:
    """Split at any character of `ends` that is not inside “…” or 《…》."""
    parts, current, depth = [], [], 0
    for ch in text:
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)" and depth:
            depth -= 1
        if ch in ends and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _one(found: list, what: str):
    if len(found) != 1:
        raise ValueError(f"{what}: expected exactly one match in the source, found {len(found)}: {found}")
    return found[0]


def clause(ds, line: int, anchor: str, ends: str = CLAUSE_ENDS) -> str:
    """The clause of source `line` that contains `anchor`, verbatim (quotes kept whole)."""
    parts = _split_outside_quotes(ds.source_lines[line - 1], ends)
    return _one([p for p in parts if anchor in p], f"clause with {anchor!r} on line {line}")


def sentence(ds, anchor: str, lines: Iterable[int] | None = None, ends: str = SENTENCE_ENDS) -> tuple[int, str]:
    """(line, sentence) of the source containing `anchor`, searching `lines` (default: all)."""
    lines = list(lines) if lines is not None else range(1, len(ds.source_lines) + 1)
    hits = [(n, s) for n in lines for s in _split_outside_quotes(ds.source_lines[n - 1], ends) if anchor in s]
    return _one(hits, f"sentence with {anchor!r}")


def list_item(ds, line: int, term: str, separators: str = "、和") -> str:
    """The item of a Chinese list on `line` (items separated by 、 or 和) that ends with `term`."""
    text = ds.source_lines[line - 1]
    _one([m.start() for m in re.finditer(re.escape(term), text)], f"{term!r} on line {line}")
    end = text.index(term) + len(term)
    start = max(text.rfind(sep, 0, end - len(term)) for sep in separators + "，,") + 1
    return text[start:end]


def span(ds, line: int, start: str, end: str = "") -> str:
    """Verbatim text of source `line` from the (unique) anchor `start` through the first `end` after
    it — or just `start` when no end is given."""
    text = ds.source_lines[line - 1]
    _one([m.start() for m in re.finditer(re.escape(start), text)], f"{start!r} on line {line}")
    i = text.index(start)
    j = text.index(end, i + len(start)) + len(end) if end else i + len(start)
    return text[i:j]


def between(ds, line: int, before: str, after: str) -> str:
    """Verbatim text of source `line` strictly between the anchors `before` and `after`."""
    text = ds.source_lines[line - 1]
    i = text.index(before) + len(before)
    return text[i:text.index(after, i)]


def figures_in(ds, text: str, line: int | None = None):
    """The dataset's figures whose quote lies inside `text` (on `line`, if given), in report order."""
    metrics = ds.metrics if line is None else ds.metrics[ds.metrics["line"] == line]
    return metrics[metrics["quote"].map(lambda q: q in text)]
