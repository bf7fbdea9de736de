"""Data that works where it is downloaded.

The HTML build serves the data package and every chart's data file at the path they have in the
repository — `data/datapackage.json` beside the CSVs it names and `data/raw/` (the source and its
manifest), `book/<folder>/figure-data/<name>.csv|json` — so the package validates from the site,
and the addresses stay the same from one build to the next (Sphinx's {download} role would put each
file in a folder named by a hash of its path). Every download link to one of these files points at
the stable copy, and the hashed copies are no longer made.

The served copies are made for readers:
- a CSV that contains Chinese starts with a UTF-8 byte-order mark, so a spreadsheet (Excel) opens it
  as UTF-8 instead of the local code page; CSV readers, and the package's own validator, skip it;
- a chart's JSON gains the licence, the source report, the edition (version and release date) and a
  citation, from CITATION.cff.
The repository's files are left as they are (the notebooks write them and the record hashes them).
"""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..data.paths import REPO_ROOT
from ..render import cite
from ..render.figdata import FOLDER

BOM = "\ufeff".encode()
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def served_files(root: Path = REPO_ROOT) -> list[Path]:
    """The files the site serves at their repository path: the data package and the charts' data."""
    data = root / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = ["datapackage.json"] + [r["path"] for r in package["resources"]]
    names += [s["path"] for s in package.get("sources", []) if "://" not in s.get("path", "")]
    files = [data / n for n in names] + [data / "raw" / "MANIFEST.yml"]
    files += sorted(p for p in (root / "book").rglob(f"{FOLDER}/*") if p.suffix in (".csv", ".json"))
    return [p for p in dict.fromkeys(files) if p.is_file()]


def _repo_path(path: Path, root: Path = REPO_ROOT) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix()


def figure_metadata(meta: dict, cff: dict) -> dict:
    """What a chart's data file says about itself beyond its numbers."""
    english, _ = cite.book(meta)
    source = (cff.get("references") or [{}])[0]
    return {
        "licence": f"{meta['license']} (the figures and their extraction); the quoted report text remains the "
                   "publisher's",
        "source": {"title": source.get("title", ""),
                   "authors": [a.get("name", "") for a in source.get("authors", [])],
                   "year": source.get("year", ""), "notes": source.get("notes", "")},
        "edition": {"version": meta["version"], "released": meta["date"]},
        "citation": english.replace("*", ""),
    }


def served_bytes(path: Path, extra: dict | None = None) -> bytes:
    """The bytes the site serves for one repository file."""
    raw = path.read_bytes()
    if path.suffix == ".csv" and HAN.search(raw.decode("utf-8")) and not raw.startswith(BOM):
        return BOM + raw
    if path.parent.name == FOLDER and path.suffix == ".json" and extra:
        data = json.loads(raw.decode("utf-8"))
        data.update({k: v for k, v in extra.items() if k not in data})
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return raw


def copy_served(outdir: Path, cff_path: Path = cite.CFF, root: Path = REPO_ROOT) -> list[Path]:
    extra = figure_metadata(cite.metadata(cff_path), yaml.safe_load(cff_path.read_text(encoding="utf-8")))
    written = []
    for path in served_files(root):
        target = outdir / _repo_path(path, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        content = served_bytes(path, extra)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
        written.append(target)
    return written


class StableDownloads(SphinxPostTransform):
    """A download link to a served file becomes a plain link to its stable copy (HTML only)."""
    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs):
        served = {_repo_path(p) for p in served_files()}
        for node in list(self.document.findall(addnodes.download_reference)):
            _, source = self.env.relfn2path(node["reftarget"], node.get("refdoc", self.env.docname))
            try:
                path = _repo_path(Path(source))
            except ValueError:
                continue
            if path not in served:
                continue
            uri = posixpath.relpath(path, posixpath.dirname(self.env.docname) or ".")
            link = nodes.reference("", "", *node.children, refuri=uri, classes=["download", "data-file"])
            node.replace_self(link)


def drop_hashed_copies(app, env) -> None:
    """The served files are not also copied into _downloads/<hash>/."""
    served = {str(p.resolve()) for p in served_files()}
    for rel in list(env.dlfiles):
        if str((Path(env.srcdir) / rel).resolve()) in served:
            env.dlfiles.pop(rel)


def finish(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        copy_served(Path(app.outdir))


def setup(app):
    app.add_post_transform(StableDownloads)
    app.connect("env-updated", drop_hashed_copies)
    app.connect("build-finished", finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
