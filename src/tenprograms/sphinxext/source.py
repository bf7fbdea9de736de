"""The annotated source: every figure of the report anchored in its sentence, one click from a number
to its sentence and back, in HTML and in the PDF.

- {srcfig}`metric_id` (used by the annotated-source appendix) prints the figure as the report prints
  it, highlighted, with the anchor `src-<metric-id>`; it links to the chapter of the figure's program,
  and in HTML its title gives the figure's indicator, value and period.
- {srcref}`metric_id` (used in the figures appendix) prints the figure as printed, linked to its anchor.
- {srcfig}`metric_id|anchor` only places the anchor: for a figure printed inside another's span
  (the high end of 1-2个, whose low end carries the highlight).

An unknown metric id is a build warning (an error under -W).
"""
from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from ..data.dataset import load_dataset
from ..data.paths import data_dir
from ..render import fmt

logger = logging.getLogger(__name__)
SOURCE_DOC = "book/appendix/source"
_FIGURES: dict = {}


def anchor(metric_id: str) -> str:
    return "src-" + metric_id.replace("_", "-")


def figures() -> dict[str, dict]:
    """metric_id → what the roles print and where they link (loaded once per metrics.csv version)."""
    path = data_dir() / "metrics.csv"
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _FIGURES:
        ds = load_dataset(path.parent)
        programs = ds.programs
        _FIGURES.clear()
        _FIGURES[key] = {
            i: {"printed": fmt.as_printed(r),
                "title": f"{r['indicator_en']}: {fmt.in_english(r)}; period: {fmt.period(r)}",
                "chapter": f"book/programs/{int(r['program']):02d}-{programs.loc[r['program'], 'slug']}"}
            for i, r in ds.metrics.iterrows()}
    return _FIGURES[key]


class source_link(nodes.Inline, nodes.Element):
    """A link of the annotated source, resolved for the builder at hand."""


class SourceRole(SphinxRole):
    def __init__(self, anchor_here: bool):
        self.anchor_here = anchor_here

    def run(self):
        metric_id, _, flag = self.text.strip().partition("|")
        known = figures()
        self.env.note_dependency(str(data_dir() / "metrics.csv"))
        if metric_id not in known:
            logger.warning("unknown metric id %r in {%s}", metric_id, self.name, location=self.get_location(),
                           type="tenprograms", subtype="source")
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        figure = known[metric_id]
        if flag == "anchor":            # an anchor inside another figure's printed span (1-2个)
            return [nodes.target("", "", ids=[anchor(metric_id)])], []
        link = source_link("", metric_id=metric_id, anchor_here=self.anchor_here, classes=["source-figure"])
        link += nodes.strong(figure["printed"], figure["printed"]) if self.anchor_here else nodes.Text(figure["printed"])
        result = [link]
        if self.anchor_here:
            result.insert(0, nodes.target("", "", ids=[anchor(metric_id)]))
        return result, []


class ResolveSourceLinks(SphinxPostTransform):
    default_priority = 20

    def run(self, **kwargs):
        known = figures()
        for node in list(self.document.findall(source_link)):
            figure = known[node["metric_id"]]
            target = figure["chapter"] if node["anchor_here"] else SOURCE_DOC
            fragment = "" if node["anchor_here"] else f"#{anchor(node['metric_id'])}"
            if target not in self.env.all_docs:
                node.replace_self(node.children)
                continue
            uri = self.app.builder.get_relative_uri(self.env.docname, target) + fragment
            link = nodes.reference("", "", internal=True, refuri=uri, reftitle=figure["title"],
                                   classes=["source-figure"])
            link += node.children
            node.replace_self(link)


def setup(app):
    app.add_role("srcfig", SourceRole(anchor_here=True))
    app.add_role("srcref", SourceRole(anchor_here=False))
    app.add_post_transform(ResolveSourceLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
