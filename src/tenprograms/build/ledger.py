"""A ledger of every number the book shows: each glued value used in a page's prose, with the page,
its key, the text the reader sees in the English and in the Chinese edition (shown, shown_zh) and,
where known, the metric ids it comes from.

scripts/run_notebooks.py rewrites book/numbers.csv after executing notebooks, and a test checks that
the committed file is current — so a reviewer's diff of book/numbers.csv shows exactly which numbers
in the prose changed, and where.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
from pathlib import Path

#: {glue}`key`, {glue:text}`key:.1f`, {glue:md}`page.ipynb::key`, and ```{glue:figure} key
ROLE = re.compile(r"\{glue(?::text|:md)?\}`([^`]+)`")
FIGURE = re.compile(r"^(?:```|:::)\{glue(?::figure)?\}\s+(\S+)", re.M)
SUFFIXES = ("__en", "__quote", "__n", "__value", "__hedged", "__period")
COLUMNS = ["page", "key", "shown", "shown_zh", "metric_ids", "derived_id"]
#: The suffix of the Chinese edition's display of a glued value (render/glue.py ZH): `shown_zh` is the
#: value glued as <key>@zh, or the same as `shown` when the notebook glued none (it reads the same).
ZH = "@zh"
#: The glue key beside <key> that names the derived id (book/derived.yml) of the value glued under <key>.
DERIVED = "__derived"


def glued_values(nb: dict) -> dict[str, object]:
    """Every value a notebook glues: key → the Python value (str, int, float) or '[figure]'."""
    values = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if not meta:
                continue
            data = output.get("data", {})
            plain = data.get(meta["mime_prefix"] + "text/plain")
            if any(k.startswith(meta["mime_prefix"] + "image/") for k in data):
                values[meta["name"]] = "[figure]"
            elif plain is not None:
                text = "".join(plain) if isinstance(plain, list) else plain
                try:
                    values[meta["name"]] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    values[meta["name"]] = text
    return values


def _shown(value, spec: str) -> str:
    if spec and not isinstance(value, str):
        return format(value, spec.removesuffix("s") or "")
    return str(value)


def _metric_ids(key: str, metric_ids: set[str]) -> str:
    base = next((key[: -len(s)] for s in SUFFIXES if key.endswith(s)), key)
    return base if base in metric_ids else ""


def ledger(root: Path, pages: list[Path], metric_ids: set[str]) -> list[dict]:
    """One row per glue reference in the prose of the given pages (.ipynb or .md)."""
    notebooks = {p: json.loads(p.read_text(encoding="utf-8")) for p in pages if p.suffix == ".ipynb"}
    values = {p: glued_values(nb) for p, nb in notebooks.items()}
    rows = []
    for page in pages:
        if page.suffix == ".ipynb":
            prose = "\n".join("".join(c["source"]) for c in notebooks[page]["cells"] if c["cell_type"] == "markdown")
        else:
            prose = page.read_text(encoding="utf-8")
        # roles shown as examples in inline code (``{glue:text}`key```); not fences: a figure's caption
        # inside a ```{glue:figure} fence is prose, and its numbers are in the ledger too
        prose = re.sub(r"(?<!`)``(?!`)[^\n]*?(?<!`)``(?!`)", "", prose)
        refs = [(m.group(1), False) for m in ROLE.finditer(prose)] + [(m.group(1), True) for m in FIGURE.finditer(prose)]
        for ref, figure in refs:
            target, key = page, ref
            if "::" in ref:
                other, key = ref.split("::", 1)
                target = (page.parent / other).resolve()
            key, _, spec = key.partition(":") if not figure else (key, "", "")
            value = values.get(target, {}).get(key, "[missing]")
            value_zh = values.get(target, {}).get(key + ZH, value)
            rows.append({"page": str(page.relative_to(root)), "key": key, "shown": _shown(value, spec),
                         "shown_zh": _shown(value_zh, spec),
                         "metric_ids": _metric_ids(key, metric_ids),
                         "derived_id": values.get(target, {}).get(key + DERIVED, "")})
    return rows


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
