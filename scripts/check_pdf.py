"""Fail the build if the PDF lost Chinese glyphs, sets Chinese in a non-Simplified face, or is not
the book it should be."""
from __future__ import annotations

import csv
import pickle
import re
import subprocess
import sys
from pathlib import Path

LOG = Path("_build/latex/book.log")
PDF = Path("_build/latex/book.pdf")
NOTO = Path("/usr/share/fonts/opentype/noto")
LOCALES = ("sc", "jp", "kr", "tc", "hk")
_FACES: dict[Path, dict[str, dict[int, int]]] = {}
#: The faces' maps as read before: reading them from the font files is most of this check's time (make
#: book runs it after every build), and the system's fonts change only when a package is upgraded.
STORE = Path(__file__).resolve().parents[1] / "_build" / "cjk-faces.pickle"


def _stored_faces(collection: Path):
    """The stored maps of this collection, if they were read from the file as it is now."""
    stat = collection.stat()
    key = (str(collection), stat.st_size, stat.st_mtime_ns)
    try:
        stored = pickle.loads(STORE.read_bytes())
    except Exception:  # none yet, or a broken file: read the fonts
        stored = {}
    return key, stored


def _faces(collection: Path) -> dict[str, dict[int, int]]:
    """For each face of a Noto CJK collection ('sc', 'jp', …, 'monosc', …): code point → CID."""
    if collection not in _FACES:
        key, stored = _stored_faces(collection)
        if key in stored:
            _FACES[collection] = stored[key]
            return stored[key]
        # deferred: fontTools is needed only when the fonts are read, not when their maps are stored
        from fontTools.ttLib import TTCollection

        faces = {}
        for font in TTCollection(str(collection), lazy=True).fonts:
            name = font["name"].getDebugName(6)  # NotoSansMonoCJKsc-Regular
            m = re.match(r"Noto(?:Sans|Serif)(Mono)?CJK(\w\w)-", name)
            faces[(m.group(1) or "").lower() + m.group(2)] = {
                u: int(g[3:]) for u, g in font.getBestCmap().items() if g.startswith("cid")}
        _FACES[collection] = faces
        stored = {k: v for k, v in stored.items() if Path(k[0]) != collection}
        stored[key] = faces
        STORE.parent.mkdir(parents=True, exist_ok=True)
        STORE.write_bytes(pickle.dumps(stored))
    return _FACES[collection]


def _to_unicode(font) -> dict[int, int]:
    """CID → code point, from a font's ToUnicode CMap (bfchar and bfrange entries)."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.get_object().get_data().decode("latin-1")
    pairs = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
            pairs[int(src, 16)] = int(dst, 16)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
            for k, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                pairs[cid] = int(dst, 16) + k
    return pairs


def _fonts(reader):
    """Every font dictionary the pages use, including those inside figures (form XObjects)."""
    seen = {}
    for page in reader.pages:
        stack = [page.get("/Resources")]
        while stack:
            resources = stack.pop()
            if resources is None:
                continue
            resources = resources.get_object()
            for font in (resources.get("/Font") or {}).values():
                seen[(font.idnum, font.generation) if hasattr(font, "idnum") else id(font)] = font.get_object()
            for xobject in (resources.get("/XObject") or {}).values():
                xobject = xobject.get_object()
                if "/Resources" in xobject:
                    stack.append(xobject["/Resources"])
    return list(seen.values())


def cjk_face_problems(pdf: Path) -> tuple[list[str], dict[str, int]]:
    """Chinese set in a face other than Simplified Chinese (SC), font by font.

    The faces of a Noto CJK collection share one CFF table whose FontName is the JP face's, so
    xdvipdfmx embeds every face as "NotoSerifCJKjp-…" and pdffonts cannot tell them apart. The face
    shows in the glyphs: for each character whose glyph differs between the faces (骨, 直, “ …), the
    CID the PDF uses must be the SC face's. A font embedded under its own SC name (matplotlib's
    figures, which subset and renumber the glyphs) is accepted by its name.
    Returns the problems and, per font, how many face-distinguishing characters were checked."""
    from pypdf import PdfReader

    problems, checked = [], {}
    for font in _fonts(PdfReader(str(pdf))):
        name = str(font.get("/BaseFont", ""))
        m = re.search(r"Noto(Sans|Serif)(Mono)?CJK(\w\w)-(Regular|Bold)", name)
        if "CJK" not in name:
            continue
        if not m:
            problems.append(f"{name}: a CJK font that is not Noto CJK")
            continue
        if m.group(3) == "sc":
            checked[name] = 0
            continue
        collection = NOTO / f"Noto{m.group(1)}CJK-{m.group(4)}.ttc"
        faces = _faces(collection)
        mono = "mono" if m.group(2) else ""
        distinct = wrong = 0
        examples = []
        for cid, code in _to_unicode(font).items():
            cids = {loc: faces[mono + loc].get(code) for loc in LOCALES}
            if len(set(cids.values())) > 1:  # the faces differ for this character
                distinct += 1
                if cids["sc"] != cid:
                    wrong += 1
                    if len(examples) < 8:
                        examples.append(chr(code))
        checked[name] = distinct
        if wrong:
            problems.append(f"{name}: {wrong} of {distinct} characters in a non-SC face ({''.join(examples)})")
    return problems, checked


def main() -> int:
    problems = []
    if not PDF.exists():
        print(f"check_pdf: {PDF} was not written", file=sys.stderr)
        return 1
    log = LOG.read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", log)))
    if missing:
        problems.append(f"{LOG} reports missing characters (they vanish from the PDF): {' '.join(missing[:30])}")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF), "-"], capture_output=True,
                          text=True, check=True).stdout
    with open("data/programs.csv", encoding="utf-8-sig", newline="") as f:
        names = [row["name_zh"] for row in csv.DictReader(f)]
    pdf_text = re.sub(r"\s+", "", text)
    absent = [n for n in names if n not in pdf_text]
    if absent:
        problems.append(f"{PDF} lacks Chinese program names: {', '.join(absent)}")
    face_problems, checked = cjk_face_problems(PDF)
    problems += face_problems
    pages = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    if problems:
        print("check_pdf FAILED:\n  - " + "\n  - ".join(problems), file=sys.stderr)
        return 1
    count = re.search(r"Pages:\s+(\d+)", pages).group(1)
    print(f"check_pdf: {PDF} has {count} pages, every Chinese program name, no missing glyphs, "
          f"Chinese in the SC faces ({sum(checked.values())} face-specific glyphs checked in {len(checked)} fonts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
