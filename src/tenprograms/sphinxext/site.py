"""A small Sphinx extension for the book: offline, clean HTML, and the outside-fact roles.

- Drops sphinx-thebe's assets: the book has no live-code launcher, and thebe's inline script
  (declared twice by jupyter-book 1) raises a JavaScript error and names a CDN.
- Drops the ARIA role="list" that sphinxcontrib-bibtex puts on citation lists without list items
  (an axe-core "critical" violation).
- Outside facts (data/context.csv), in HTML and LaTeX alike:
  {outside}`ctx_target_market_entities` prints the fact's `display` and a dagger, "700,000†";
  {ctx}`ctx_population_2020` prints only the dagger (put it after a number derived from the fact).
  The dagger is a superscript link to the fact's row in the context chapter (config value
  `tenprograms_context_doc`, default "book/context"); in HTML its title names the source. An unknown
  fact id is a build warning (an error under -W), and so is a fact whose row the context chapter lacks.
  The rows get their anchors here: the context chapter prints `context.facts_table(ds)`, a table
  named `tbl-context-facts` whose first column is the fact's statement_en; each row of it receives
  the anchor `context.anchor(fact_id)`, and the addresses in it become links.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from ..data import facts as ctx
from ..data.dataset import load_dataset
from ..data.paths import data_dir
from ..render import targets2018
from ..render.bilingual import GRADE_ZH
from .figdata import is_chinese

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- clean HTML

def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE" in body


def _clean_page(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]
    if "css_files" in context:
        context["css_files"] = [c for c in context["css_files"] if not _is_thebe(c)]
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">',
                                                  '<div class="citation-list">')


# ---------------------------------------------------------------- outside facts

_FACTS: dict[tuple, dict] = {}


def _context_csv() -> Path:
    return data_dir() / "context.csv"


def facts() -> dict[str, dict]:
    """fact_id → {display, source, statement_en}, from the validated dataset (loaded once per file version)."""
    path = _context_csv()
    # the facts' sources are joined on from data/sources.csv: a change to either file reloads
    key = tuple((str(p), p.stat().st_mtime_ns if p.exists() else None) for p in (path, path.parent / "sources.csv"))
    if key not in _FACTS:
        frame = load_dataset(path.parent).context
        _FACTS.clear()
        columns = ("display", "display_zh", "source", "source_zh", "statement_en", "statement_zh", "grade", "topic")
        _FACTS[key] = {i: {c: r[c] for c in columns}
                       for i, r in frame.iterrows()}
    return _FACTS[key]


class context_mark(nodes.Inline, nodes.Element):
    """The dagger of an outside fact, before it is resolved into a link for the builder at hand."""


def _mark(fact_id: str, grade: str) -> context_mark:
    """The dagger and the source's grade, "†C": the reader sees at each use how strong the source is."""
    node = context_mark("", fact_id=fact_id, grade=grade, classes=["outside-mark"])
    node += nodes.superscript(ctx.MARK + grade, ctx.MARK + grade)
    return node


class OutsideRole(SphinxRole):
    """{outside}`fact_id` (display + dagger) or, with value=False, {ctx}`fact_id` (dagger only)."""

    def __init__(self, value: bool):
        self.value = value

    def run(self):
        fact_id = self.text.strip()
        known = facts()
        self.env.note_dependency(str(_context_csv()))
        if fact_id not in known:
            logger.warning("unknown outside fact %r in {%s}: it is not a fact_id of data/context.csv",
                           fact_id, self.name, location=self.get_location(), type="tenprograms", subtype="outside")
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        self.env.tenprograms_ctx_refs.setdefault(self.env.docname, set()).add(fact_id)
        # the Chinese edition prints the fact as a Chinese text would (display_zh: 70万户, 2020年1月23日)
        chinese = is_chinese(self.env)
        result = [nodes.Text(known[fact_id]["display_zh" if chinese else "display"])] if self.value else []
        return result + [_mark(fact_id, known[fact_id]["grade"])], []


_URL = re.compile(r"https?://[^\s]+?(?=[.,;)]?(?:\s|$))")


def _linkify(text_node: nodes.Text) -> None:
    """Turn the addresses in a text node into links (\\sphinxurl in LaTeX, which breaks at slashes)."""
    text = str(text_node)
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(nodes.Text(text[last:match.start()]))
        parts.append(nodes.reference(match.group(), match.group(), refuri=match.group()))
        last = match.end()
    if parts:
        parts.append(nodes.Text(text[last:]))
        text_node.parent.replace(text_node, [p for p in parts if not (isinstance(p, nodes.Text) and not str(p))])


class AnchorContextFacts(SphinxTransform):
    """Give each row of the context chapter's table of outside facts, and of its table of the 2018
    targets (printed there in full, once), its fact's anchor; link the addresses in them."""

    default_priority = 500

    def apply(self, **kwargs):
        for table in self.document.findall(nodes.table):
            names = set(table["ids"]) | set(table["names"])
            if ctx.FACTS_TABLE in names:
                # the English edition's table begins each row with statement_en, the Chinese one's with statement_zh
                by_text = {f[c]: fact_id for fact_id, f in facts().items() for c in ("statement_en", "statement_zh")}
            elif ctx.TARGETS_TABLE in names:
                # a target's row holds its words without the "Target: " / "目标：" prefix, in either edition
                by_text = {text: fact_id for fact_id, f in facts().items() if f["topic"] == ctx.TARGET_TOPIC
                           for text in targets2018.row_texts(f["statement_en"], f["statement_zh"])}
            else:
                continue
            self._anchor_rows(table, by_text, next(iter(names & {ctx.FACTS_TABLE, ctx.TARGETS_TABLE})))
            for text_node in list(table.findall(nodes.Text)):
                if "://" in text_node and not isinstance(text_node.parent, nodes.reference):
                    _linkify(text_node)

    def _anchor_rows(self, table, by_text: dict[str, str], name: str) -> None:
        anchored = self.env.tenprograms_ctx_anchors.setdefault(self.env.docname, set())
        for tbody in table.findall(nodes.tbody):
            for row in tbody.findall(nodes.row):
                cell = next((c for c in row if c.astext().strip() in by_text), None)
                if cell is None:
                    logger.warning("a row of the table %s is not an outside fact of data/context.csv: %r",
                                   name, row[0].astext()[:80], location=row, type="tenprograms", subtype="outside")
                    continue
                fact_id = by_text[cell.astext().strip()]
                paragraph = next(iter(cell.findall(nodes.paragraph)), None)
                target = nodes.target("", "", ids=[ctx.anchor(fact_id)])
                (paragraph if paragraph is not None else cell).insert(0, target)
                anchored.add(fact_id)


class ResolveContextMarks(SphinxPostTransform):
    """Turn each dagger into a link to its fact's row, in whatever form the builder uses."""

    default_priority = 20

    def run(self, **kwargs):
        target_doc = self.config.tenprograms_context_doc
        known = facts()
        for node in list(self.document.findall(context_mark)):
            fact_id = node["fact_id"]
            try:
                uri = self.app.builder.get_relative_uri(self.env.docname, target_doc)
            except Exception:  # a builder without links (or the chapter is not in the book)
                uri = None
            if uri is None or target_doc not in self.env.all_docs:
                node.replace_self(node.children)
                continue
            link = nodes.reference("", "", internal=True, refuri=f"{uri}#{ctx.anchor(fact_id)}",
                                   reftitle=hover_title(known[fact_id], is_chinese(self.env)),
                                   classes=["outside-mark"])
            link += node.children
            if self.app.builder.format == "latex":
                # the dagger as a LaTeX text symbol: xeCJK would class the character † as CJK and
                # put a space between it and the punctuation that follows
                for sup in list(link.findall(nodes.superscript)):
                    sup.replace_self(nodes.raw("", rf"\textsuperscript{{\textdagger {node['grade']}}}", format="latex"))
            node.replace_self(link)


def hover_title(fact: dict, chinese: bool = False) -> str:
    """The dagger's title: that the fact is from outside the report, its source's grade and the source,
    in the edition's language."""
    if chinese:
        return f"报告以外的事实（{GRADE_ZH[fact['grade']]}）：{fact['source_zh']}"
    return f"From outside the report ({ctx.grade_note(fact['grade'])}): {fact['source']}"


def _init_env(app, env, docnames):
    for name in ("tenprograms_ctx_refs", "tenprograms_ctx_anchors"):
        if not hasattr(env, name):
            setattr(env, name, {})


def _purge(app, env, docname):
    for name in ("tenprograms_ctx_refs", "tenprograms_ctx_anchors"):
        getattr(env, name, {}).pop(docname, None)


def _merge(app, env, docnames, other):
    for name in ("tenprograms_ctx_refs", "tenprograms_ctx_anchors"):
        mine = getattr(env, name)
        for docname, ids in getattr(other, name, {}).items():
            if docname in docnames:
                mine[docname] = ids


def _check(app, env):
    """Every fact the prose marks must have its row in the context chapter, or its dagger leads nowhere."""
    refs = {i: d for d, ids in sorted(getattr(env, "tenprograms_ctx_refs", {}).items()) for i in ids}
    if not refs:
        return
    target_doc = app.config.tenprograms_context_doc
    if target_doc not in env.all_docs:
        logger.warning("outside facts are marked (e.g. %r in %s) but the context chapter %r is not in the book: "
                       "the daggers link nowhere", *next(iter(refs.items())), target_doc,
                       type="tenprograms", subtype="outside")
        return
    anchored = env.tenprograms_ctx_anchors.get(target_doc, set())
    for fact_id, docname in sorted(refs.items()):
        if fact_id not in anchored:
            logger.warning("outside fact %r (used in %s) has no row in the tables %s or %s of %s",
                           fact_id, docname, ctx.FACTS_TABLE, ctx.TARGETS_TABLE, target_doc,
                           type="tenprograms", subtype="outside")


def setup(app):
    app.connect("html-page-context", _clean_page, priority=900)
    app.add_config_value("tenprograms_context_doc", "book/context", "env")
    app.add_node(context_mark)
    app.add_role("outside", OutsideRole(value=True))
    app.add_role("ctx", OutsideRole(value=False))
    app.add_transform(AnchorContextFacts)
    app.add_post_transform(ResolveContextMarks)
    app.connect("env-before-read-docs", _init_env)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
