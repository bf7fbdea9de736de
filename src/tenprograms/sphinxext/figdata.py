"""Under every chart, its data: "Data: figure-data/<name>.csv" — a download link in HTML, the file's
name in the PDF caption. A chart glued as `fig_x_y` and shown as a figure named `fig-x-y` gets the
file tenprograms.glue wrote beside its notebook (figdata.py); a figure without one is a build
warning (an error under -W), so no chart reaches the book without its data file.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..render.figdata import FOLDER

logger = logging.getLogger(__name__)


#: The sentence under a chart that links its data, in each edition's language.
WORDS = {"en": ("Data: ", "; its title, units, figures and caveat: ", "."),
         "zh": ("数据：", "；标题、单位、数值和注意事项：", "。")}


def is_chinese(env) -> bool:
    """Is this the Chinese edition's build (Sphinx `language` zh_CN)?"""
    return (env.config.language or "en").startswith("zh")


class LinkFigureData(SphinxTransform):
    default_priority = 900

    def apply(self, **kwargs):
        folder = Path(self.env.doc2path(self.env.docname)).parent / FOLDER
        for figure in self.document.findall(nodes.figure):
            names = [i for i in figure["ids"] + figure["names"] if i.startswith("fig-")]
            if not names or not list(figure.findall(nodes.image)):
                continue
            key = names[0].replace("-", "_")
            chinese = is_chinese(self.env)
            if chinese and (folder / f"{key}@zh.csv").exists():
                key += "@zh"  # the Chinese drawing's data: its title, axes and notes in Chinese
            data = folder / f"{key}.csv"
            if not data.exists():
                logger.warning("figure %s has no data file %s/%s.csv: glue the chart with tenprograms.glue",
                               names[0], FOLDER, key, location=figure, type="tenprograms", subtype="figdata")
                continue
            links = [self._download(f"{FOLDER}/{key}.{suffix}") for suffix in ("csv", "json")]
            captions = list(figure.findall(nodes.caption))
            paragraph = nodes.paragraph("", "", classes=["figure-data"])
            words = WORDS["zh" if chinese else "en"]
            paragraph += [nodes.Text(words[0]), links[0], nodes.Text(words[1]), links[1], nodes.Text(words[2])]
            legend = next(iter(figure.findall(nodes.legend)), None)
            if legend is not None:
                legend += paragraph
            elif captions:
                figure += nodes.legend("", paragraph)
            else:
                figure += paragraph


    def _download(self, target: str) -> addnodes.download_reference:
        """A download link, registered as Sphinx's download collector would (it may have run already)."""
        link = addnodes.download_reference("", "", reftarget=target, refdoc=self.env.docname,
                                           refexplicit=True, refdomain="", reftype="download")
        rel, _ = self.env.relfn2path(target, self.env.docname)
        self.env.note_dependency(rel)
        link["filename"] = self.env.dlfiles.add_file(self.env.docname, rel)
        link += nodes.literal(target, target)
        return link


def setup(app):
    app.add_transform(LinkFigureData)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
