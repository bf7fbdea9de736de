"""The book's assessment of each program (book/assessment.yml), loaded and checked against the data.

The assessment is editorial: per program, the headline claim in words, its key figures, its
yardstick, its caveat and the status of the claim. It types no number: numbers enter as
placeholders that render/templates.py fills from the dataset, the context table and the registry
of derived numbers (book/derived.yml, `{derived:id}`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..data.deps import record
from ..data.expressions import referenced_ids
from ..data.pairings import pairings
from ..data.paths import REPO_ROOT

ASSESSMENT = REPO_ROOT / "book" / "assessment.yml"

STATUS_EN = {
    "printed": "printed only",
    "checked": "checked by the report's own arithmetic",
    "inferred": "inferred by the book",
    "outside": "would need outside data",
}


def is_fact_id(name: str) -> bool:
    return name.startswith("ctx_")



@dataclass
class Assessment:
    slug: str
    program: int
    claim: str
    claim_figures: list
    key_figures: list
    yardstick: str
    caveat: str
    status: str
    status_note: str
    outcomes: list
    progress: list


def load_assessment(ds, path: Path | str | None = None) -> dict[str, Assessment]:
    """The book's assessment of every program, checked against the dataset: every metric id is a
    figure of its program, every fact id an outside fact, every status one of STATUS_EN."""
    path = Path(path) if path else ASSESSMENT
    record(f"file:{path.resolve().relative_to(REPO_ROOT)}" if path.resolve().is_relative_to(REPO_ROOT) else f"file:{path}")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))["programs"]
    slugs = ds.programs.set_index("slug")["program"]
    problems, result = [], {}
    if set(spec) != set(slugs.index):
        problems.append(f"programs {sorted(set(slugs.index) ^ set(spec))} missing or unknown")
    for slug, entry in spec.items():
        if slug not in slugs.index:
            continue
        number = int(slugs[slug])
        item = Assessment(
            slug=slug, program=number, claim=entry["claim"], claim_figures=list(entry.get("claim_figures", [])),
            key_figures=list(entry.get("key_figures", [])), yardstick=entry.get("yardstick", ""),
            caveat=entry["caveat"], status=entry["status"], status_note=entry.get("status_note", ""),
            outcomes=list(entry.get("outcomes", [])), progress=list(entry.get("progress", [])),
        )
        if "calc" in entry:
            problems.append(f"{slug}: a calc block; define the number in book/derived.yml, use {{derived:id}}")
        if item.status not in STATUS_EN:
            problems.append(f"{slug}: status {item.status!r} is not one of {sorted(STATUS_EN)}")
        for metric_id in item.claim_figures + item.outcomes:
            if metric_id not in ds.metrics.index:
                problems.append(f"{slug}: no figure {metric_id!r}")
            elif int(ds.metric(metric_id)["program"]) != number:
                problems.append(f"{slug}: {metric_id} belongs to another program")
        for metric_id in item.outcomes:
            if metric_id in ds.metrics.index and ds.metric(metric_id)["statement"] != "achievement":
                problems.append(f"{slug}: outcome {metric_id} is not an achievement")
        paired = pairings(ds)
        for target in item.progress:
            if not isinstance(target, str) or target not in paired:
                problems.append(f"{slug}: progress names {target!r}, which data/pairings.csv pairs with no "
                                "achievement (list target ids; the pairing itself lives in data/pairings.csv)")
        item.progress = [paired[t] for t in item.progress if isinstance(t, str) and t in paired]
        result[slug] = item
    if problems:
        raise ValueError("book/assessment.yml: " + "; ".join(problems))
    return result



def headline_checks(ds, item: Assessment, audit_result: pd.DataFrame) -> pd.DataFrame:
    """The audit's relations that could fail and involve a figure of the program's claim."""
    rows = audit_result[(audit_result["group"] == "could fail") & (audit_result["program"] == item.program)]
    touches = rows.apply(lambda r: bool(set(referenced_ids(r["lhs"]) + referenced_ids(r["rhs"]))
                                        & set(item.claim_figures)), axis=1)
    return rows[touches] if len(rows) else rows
