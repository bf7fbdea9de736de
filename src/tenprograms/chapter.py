"""One call opens a program chapter: `ch = tp.open_chapter("market")`.

It loads and validates the dataset, applies the plot theme, and glues what every chapter's prose
uses — the headline (`headline`, `headline_en`), the number of figures (`n_figures`) and, for each of
the program's figures, `<id>`, `<id>__en`, `<id>__quote`, `<id>__n` and `<id>__value` (see
glue.glue_metrics); where the Chinese edition reads otherwise, also `<key>@zh` (`headline_en@zh` is
the Chinese headline, `<id>__en@zh` the figure in Chinese). The returned Chapter gives the notebook what it analyses.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .analysis.audit import audit
from .data import facts
from .data.dataset import Dataset, load_dataset
from .render.derived import derived
from .render.glue import glue, glue_metrics
from .render.plot import use_book_theme


def setup_notebook() -> Dataset:
    """Load the validated dataset, set the plot theme and pandas display; return the dataset."""
    use_book_theme()
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.width", 120)
    return load_dataset()


@dataclass
class Chapter:
    ds: Dataset
    number: int
    program: pd.Series
    figures: pd.DataFrame
    _checks: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def slug(self) -> str:
        return self.program["slug"]

    def value(self, metric_id: str) -> float:
        """A figure in base units (17.2亿元 → 1.72e9)."""
        return self.ds.value(metric_id)

    def metric(self, metric_id: str) -> pd.Series:
        return self.ds.metric(metric_id)

    def interval(self, metric_id: str, convention: str = "wide"):
        return self.ds.interval(metric_id, convention)

    def term(self, term_zh: str) -> str:
        """The book's one English rendering of a Chinese term (data/glossary.csv term_en)."""
        return self.ds.term(term_zh)

    @property
    def checks(self) -> pd.DataFrame:
        """This program's rows of the audit (tp.audit), with their group and power."""
        if self._checks is None:
            self._checks = audit(self.ds, program=self.number).reset_index(drop=True)
        return self._checks

    def outside(self, fact_id: str) -> float:
        """The value of an outside fact (data/context.csv): mark it in prose with {ctx} or {outside}."""
        return facts.value(self.ds, fact_id)

    def glue_figures(self, *metric_ids: str) -> None:
        """Glue figures of other programs the chapter cites (their suffixes, as open_chapter glues its own),
        reading their rows only: the chapter then depends on these rows, not on the whole table."""
        glue_metrics(pd.DataFrame([self.ds.metric(m) for m in metric_ids]))

    def derived(self, ident: str, glue: str | None = None):
        """A derived number of book/derived.yml; with `glue`, glued under that key ("" = its id)."""
        return derived(ident, glue=glue, ds=self.ds)

    @staticmethod
    def glue(name: str, value, zh=None) -> None:
        """Glue a value for the prose; `zh`, its Chinese display where it differs (glued as `<name>@zh`)."""
        glue(name, value, zh=zh)


def open_chapter(slug: str, ds: Dataset | None = None) -> Chapter:
    """Open the chapter of the program with this slug (data/programs.csv): load, theme, glue."""
    ds = ds if ds is not None else setup_notebook()
    programs = ds._table("programs").set_index("slug")
    if slug not in programs.index:
        raise KeyError(f"no program with slug {slug!r}; the slugs are {', '.join(programs.index)}")
    number = int(programs.loc[slug, "program"])
    program = ds.program(number)
    figures = ds.program_metrics(number)
    glue_metrics(figures)
    glue("headline", program["headline_zh"])
    glue("headline_en", program["headline_en"], zh=program["headline_zh"])
    glue("n_figures", len(figures))
    return Chapter(ds=ds, number=number, program=program, figures=figures)
