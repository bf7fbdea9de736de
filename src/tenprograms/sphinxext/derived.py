"""Every derived number one click from its definition.

On the HTML site a number glued with `{glue:text}` whose key carries a derived id (book/numbers.csv,
column derived_id, written from the `<key>__derived` glue of tenprograms.derived) becomes a link to its
entry on the appendix page of derived numbers, with its definition and inputs (with their values) as
the link's title, shown on hover. The PDF gets the plain number: no link, no title.

The directive `{derived-numbers}` prints that page from book/derived.yml: for every derived number its
id, definition, inputs with their values, value, where it is computed, the assumption and caveat, and
the pages that print it.

In the Chinese build (Sphinx language zh_CN) the page and the hover titles are Chinese: definition,
assumption and caveat from book/derived-zh/*.yml, Chinese labels and units, values and inputs as the
Chinese edition prints them (render/derived_zh.py); ids, code and file names stay as they are.
"""
from __future__ import annotations

import csv
import pickle
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..data import deps
from ..data.dataset import load_dataset
from ..data.paths import REPO_ROOT, data_dir
from ..render import derived, derived_zh

LEDGER = REPO_ROOT / "book" / "numbers.csv"
_CACHE: dict = {}


def anchor(ident: str) -> str:
    return "derived-" + ident.replace("_", "-")


def _ledger() -> list[dict]:
    if not LEDGER.exists():
        return []
    with open(LEDGER, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def keys_by_page() -> dict[tuple[str, str], str]:
    """(docname, glue key) → derived id, from the ledger."""
    return {(r["page"].rsplit(".", 1)[0], r["key"]): r["derived_id"] for r in _ledger() if r.get("derived_id")}


def inputs_key() -> str:
    """What every derived number is computed from: the registry, the package's code and the data."""
    files = [derived.REGISTRY, *sorted(p for p in data_dir().rglob("*") if p.is_file())]
    return deps.sha(deps.package_hash() + "".join(deps.sha(p.read_bytes()) + p.name for p in files))


def evaluated(store: Path | None = None) -> dict[str, derived.Derived]:
    """Every derived number on the data: once per build process and inputs; with `store` (a file in
    _build), also once per inputs across builds. Evaluating them all takes seconds, and a prose edit
    re-writes pages whose numbers link to their definitions (LinkDerivedNumbers): a stored evaluation
    of the same registry, code and data keeps such an edit from paying for it again."""
    key = inputs_key()
    if key in _CACHE:
        return _CACHE[key]
    values = None
    if store is not None and store.is_file():
        try:
            stored_key, stored = pickle.loads(store.read_bytes())
            values = stored if stored_key == key else None
        except Exception:  # a store from other code (or a broken file) is only a miss
            values = None
    if values is None:
        values = derived.evaluate_all(load_dataset())
        if store is not None:
            store.parent.mkdir(parents=True, exist_ok=True)
            store.write_bytes(pickle.dumps((key, values)))
    _CACHE.clear()
    _CACHE[key] = values
    return values


def store_of(app) -> Path:
    """The stored evaluation: beside the builders' doctrees in _build (make clean removes it)."""
    return Path(app.doctreedir).parent / "derived-values.pickle"


#: The page's labels in each language.
LABELS = {
    "en": {"inputs": "Inputs", "code": "Computed by", "assumption": "Assumption", "caveat": "Caveat",
           "printed": "Printed on", "none": "no page (an input of other derived numbers)"},
    "zh": {"inputs": "输入", "code": "计算方式", "assumption": "假设", "caveat": "注意",
           "printed": "所在页面", "none": "无（仅作其他派生数字的输入）"},
}


def is_zh(config) -> bool:
    return str(config.language or "").startswith("zh")


_DATASET: dict = {}


def inputs_zh(item: derived.Derived, items: dict[str, derived.Derived]) -> dict[str, str]:
    """An entry's inputs as the Chinese edition prints them (the dataset read once per inputs)."""
    key = inputs_key()
    if key not in _DATASET:
        _DATASET.clear()
        _DATASET[key] = load_dataset()
    return {name: derived_zh.input_text(_DATASET[key], name, item, items) for name in item.inputs}


def title(item: derived.Derived) -> str:
    """The hover text: the definition, its inputs with their values, the value, where it is computed."""
    inputs = "; ".join(f"{name} = {text}" for name, text in item.inputs.items())
    return (f"{item.definition.definition}. Inputs: {inputs}. Value: {item.text}. "
            f"Computed by {item.definition.code} (id {item.id}).")


class LinkDerivedNumbers(SphinxPostTransform):
    """HTML only: wrap each glued derived number in a link to its entry, titled with its definition."""
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs):
        mapping = keys_by_page()
        docname = self.env.docname
        items = None
        for node in list(self.document.findall(nodes.inline)):
            key = node.get("glue_key")
            ident = mapping.get((docname, key)) if key else None
            if not ident:
                continue
            items = items or evaluated(store_of(self.app))
            if ident not in items:
                continue
            uri = self.app.builder.get_relative_uri(docname, derived.PAGE) + "#" + anchor(ident)
            hover = (derived_zh.title(items[ident], inputs_zh(items[ident], items)) if is_zh(self.config)
                     else title(items[ident]))
            link = nodes.reference("", "", refuri=uri, reftitle=hover, internal=True,
                                   classes=["derived-number"])
            node.replace_self(link)
            link += node


class DerivedNumbers(SphinxDirective):
    """The list of every derived number, for the appendix page."""
    has_content = False

    def run(self):
        self.env.note_dependency(str(derived.REGISTRY))
        self.env.note_dependency(str(LEDGER))
        for path in sorted(derived_zh.DIRECTORY.glob("*.yml")) if is_zh(self.config) else ():
            self.env.note_dependency(str(path))
        items = evaluated(store_of(self.env.app))
        pages: dict[str, list[tuple[str, str]]] = {}
        for row in _ledger():
            if row.get("derived_id"):
                entry = (row["page"].rsplit(".", 1)[0], row["key"])
                if entry not in pages.setdefault(row["derived_id"], []):
                    pages[row["derived_id"]].append(entry)
        zh = is_zh(self.config)
        label = LABELS["zh" if zh else "en"]
        result = []
        for ident, item in items.items():
            d = item.definition
            box = nodes.container(ids=[anchor(ident)], classes=["derived-entry"])
            head = nodes.paragraph()
            head += nodes.literal(ident, ident)
            if zh:
                head += nodes.Text(f" = {derived_zh.value_text(item)}（{derived_zh.unit(item)}）。"
                                   f"{derived_zh.field(ident, 'definition', d.definition)}。")
                shown_inputs = inputs_zh(item, items)
            else:
                head += nodes.Text(f" = {item.text} ({d.unit}). {d.definition}.")
                shown_inputs = item.inputs
            box += head
            fields = nodes.bullet_list()
            for name, text in (("inputs", shown_inputs), ("code", d.code),
                               ("assumption", d.assumption), ("caveat", d.caveat)):
                para = nodes.paragraph()
                para += nodes.strong(label[name], label[name])
                if not zh:
                    para += nodes.Text(": " + (text if isinstance(text, str)
                                               else "; ".join(f"{n} = {t}" for n, t in text.items())))
                elif name == "inputs":      # ids and code as code, so the Chinese page reads as Chinese
                    para += nodes.Text("：")
                    for n, (input_id, value) in enumerate(text.items()):
                        para += nodes.Text("；" if n else "")
                        para += nodes.literal(input_id, input_id)
                        para += nodes.Text(f" = {value}")
                elif name == "code":
                    para += nodes.Text("：")
                    para += nodes.literal(text, text)
                else:
                    para += nodes.Text("：" + derived_zh.field(ident, name, text))
                fields += nodes.list_item("", para)
            printed = nodes.paragraph()
            printed += nodes.strong(label["printed"], label["printed"])
            printed += nodes.Text("：" if zh else ": ")
            shown = pages.get(ident, [])
            if not shown:
                printed += nodes.Text(label["none"])
            for n, (doc, key) in enumerate(shown):
                if n:
                    printed += nodes.Text("，" if zh else ", ")
                xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget="/" + doc,
                                             refexplicit=False, refdoc=self.env.docname)
                xref += nodes.inline(doc, doc)
                printed += xref
                if zh:
                    printed += nodes.Text("（键名 ")
                    printed += nodes.literal(key, key)
                    printed += nodes.Text("）")
                else:
                    printed += nodes.Text(f" (as {key})")
            fields += nodes.list_item("", printed)
            box += fields
            result.append(box)
        return result


def _keyed_text_role():
    """myst-nb's {glue:text} role, with the glue key kept on the node it makes (for the transform)."""
    # deferred: myst-nb is imported when Sphinx loads it, after this extension module
    from myst_nb.ext.glue.roles import PasteTextRole
    from myst_nb.ext.glue.utils import PendingGlueReference

    class KeyedPasteTextRole(PasteTextRole):
        def run(self):
            result, messages = super().run()
            key = self.text.rsplit(":", 1)[0] if ":" in self.text else self.text
            # the zh build (sphinxext/i18n.py) reads `k` as `page.ipynb::k@zh` (a translated paragraph
            # of this page) or `k@zh`: the ledger knows the number as `k`
            env = self.document.settings.env
            here = posixpath.basename(str(env.doc2path(env.docname, False)))
            key = key.removeprefix(here + "::")
            key = key.removesuffix("@zh") if is_zh(env.config) else key
            keyed = []
            for node in result:
                if isinstance(node, PendingGlueReference) and node.get("refdoc") == env.docname:
                    # a translated paragraph's glue is pasted after the parse (myst-nb's
                    # ReplacePendingGlueReferences): keep the key on an inline around it
                    node = nodes.inline("", "", node)
                if isinstance(node, nodes.inline):
                    node["glue_key"] = key
                keyed.append(node)
            return keyed, messages

    return KeyedPasteTextRole()


def setup(app):
    # deferred: as above, myst-nb's glue domain exists once Sphinx has loaded myst-nb
    from myst_nb.ext.glue.domain import NbGlueDomain

    NbGlueDomain.roles = {**NbGlueDomain.roles, "text": _keyed_text_role()}
    app.add_directive("derived-numbers", DerivedNumbers)
    app.add_post_transform(LinkDerivedNumbers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
