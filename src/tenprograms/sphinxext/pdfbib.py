"""The PDF's bibliography under its heading (issue 30, item 5).

Sphinx's LaTeX builder gathers every citation of the book into one `thebibliography` at the tail of
the document (sphinx.builders.latex.transforms.BibliographyTransform), so the entries printed after
the last appendix and the appendix "Bibliography" had only its introduction. Before that transform
runs, the place of the first citation is marked; after it, the gathered bibliography goes back to
that place. (tenprograms.sty drops thebibliography's own \\chapter*, so no second heading appears.)
"""
from __future__ import annotations

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

MARK = "tenprograms-bibliography-here"


class MarkBibliography(SphinxPostTransform):
    default_priority = 740  # before BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs):
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), nodes.comment("", "", classes=[MARK]))


class PlaceBibliography(SphinxPostTransform):
    default_priority = 760  # after BibliographyTransform
    formats = ("latex",)

    def run(self, **kwargs):
        marks = [c for c in self.document.findall(nodes.comment) if MARK in c["classes"]]
        gathered = [b for b in self.document.findall(thebibliography) if b.parent is self.document]
        if not marks or not gathered:
            return
        self.document.remove(gathered[-1])
        marks[0].replace_self(gathered[-1])


def setup(app):
    app.add_post_transform(MarkBibliography)
    app.add_post_transform(PlaceBibliography)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
