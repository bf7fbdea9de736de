"""`make check-translations`: are the Chinese edition's catalogs complete, current and faithful?

    python scripts/check_translations.py [--locale DIR] [--pot DIR] [--summary]

For every catalog locales/zh_CN/LC_MESSAGES/<docname>.po (and, with --pot, every page of a fresh
gettext build, _build/gettext/<docname>.pot: the catalog is first merged with it in a scratch copy by
`msgmerge --previous`, as `make gettext` would) it reports, naming the catalog and the entry:

- missing: a page without a catalog, an entry without a translation;
- fuzzy: the English changed since it was translated; shows the change, word by word, from the
  English it was translated from (`#| msgid`, kept by msgmerge --previous) to the English now;
- obsolete: a kept translation (`#~`) whose English is no longer in the book;
- roles: a translation whose MyST roles differ from the English: the figures glued (a rendering of
  the same figure may replace another: `x` for `x__n`; the format spec stays) and the bodies of the
  book's data roles (srcref, srcfig, ctx, outside, cite, citation-file) exactly; for {ref},
  {numref}, {term}, {doc} and {download} the target only (their displayed text is translated); and the same roles,
  as many times. Only an English gloss of Chinese shown beside it (`headline_en` next to `headline`)
  may be dropped;
- markup: emphasis whose asterisks would print (CommonMark cannot close ** between 。 and a character).

Exit 1 when there is any problem; with --summary it prints one line a catalog (translated, missing,
fuzzy, obsolete, role mismatches) and the total, and exits 0 (the status while the translation is
under way: `make test` prints it without failing until the catalogs are complete).
"""
from __future__ import annotations

import argparse
import collections
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"

#: A MyST role: {name}`body`.
ROLE = re.compile(r"\{([A-Za-z][\w:.-]*)\}`([^`]*)`")
#: Roles whose text is displayed translated but points at a target: `text <target>` or `target`.
XREF = {"ref", "numref", "term", "doc", "any", "eq", "download"}
_TARGET = re.compile(r"^(?:.*?<)?([^<>]*?)>?$", re.S)
#: Interface catalogs (locales/zh_CN/LC_MESSAGES/sphinx.po, booktheme.po): not pages.
INTERFACE = {"sphinx", "booktheme"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    previous_msgid: str | None = None
    flags: set[str] = field(default_factory=set)
    occurrences: list[str] = field(default_factory=list)
    obsolete: bool = False
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def where(self) -> str:
        return self.occurrences[0] if self.occurrences else f"line {self.line}"


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted PO string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a PO file (the header, msgid "", left out): enough of the format for msgmerge's
    output (msgctxt, plural forms read as msgstr[0], #| previous msgid, #~ obsolete entries)."""
    entries: list[Entry] = []
    entry = Entry()
    target: str | None = None  # the field a continuation line ("...") extends

    def finish():
        nonlocal entry, target
        if entry.msgid or entry.msgstr or entry.previous_msgid:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
        if not line:
            finish()
            continue
        try:
            if line.startswith("#|"):
                rest = line[2:].strip()
                if rest.startswith("msgid "):
                    entry.previous_msgid, target = _unquote(rest[6:]), "previous_msgid"
                elif rest.startswith('"') and target == "previous_msgid":
                    entry.previous_msgid = (entry.previous_msgid or "") + _unquote(rest)
                continue
            if line.startswith("#,"):
                entry.flags.update(f.strip() for f in line[2:].split(","))
                continue
            if line.startswith("#:"):
                entry.occurrences.extend(line[2:].split())
                continue
            if line.startswith("#"):
                continue
            if entry.line == 0:
                entry.line = number
            entry.obsolete = entry.obsolete or obsolete
            keyword, _, value = line.partition(" ")
            if line.startswith('"'):
                if target is None:
                    raise ValueError("a string continues no field")
                setattr(entry, target, (getattr(entry, target) or "") + _unquote(line))
            elif keyword in ("msgctxt", "msgid", "msgstr"):
                if keyword == "msgctxt" and (entry.msgid or entry.msgstr):
                    finish()
                target = keyword
                setattr(entry, keyword, _unquote(value))
            elif keyword == "msgstr[0]":
                target = "msgstr"
                entry.msgstr = _unquote(value)
            elif keyword.startswith("msgstr[") or keyword == "msgid_plural":
                target = None  # Chinese has one plural form; the book has no plural messages
            else:
                raise ValueError(f"unknown keyword {keyword!r}")
        except ValueError as exc:
            raise SystemExit(f"{path}:{number}: cannot read this PO line ({exc}): {raw!r}") from None
    finish()
    return [e for e in entries if e.msgid]


#: Renderings of one reported figure (the bare number, the English with its unit noun, the number with
#: its hedge): a translation may glue a different rendering of the same figure, usually the figure as
#: the report printed it in Chinese (`market_stock_total`, '509158户', for `market_stock_total__n`).
RENDERINGS = re.compile(r"__(?:n|en|hedged)$")


def _glue_key(body: str) -> str:
    """The figure a glue role shows, with its format spec if any: `key:spec` without the rendering
    suffix (a changed spec changes the precision shown, so it must stay)."""
    key, colon, spec = body.strip().split("::")[-1].partition(":")
    return RENDERINGS.sub("", key) + colon + spec


def roles(text: str) -> collections.Counter:
    """What a translation must keep of a message's roles (see the module docstring)."""
    out: collections.Counter = collections.Counter()
    for name, body in ROLE.findall(text):
        if name in XREF:
            out[(name, _TARGET.match(body).group(1).strip())] += 1
        elif name.startswith("glue"):
            out[("glue", _glue_key(body))] += 1
        else:
            out[(name, body.strip())] += 1
    return out


def glosses(english: collections.Counter) -> set:
    """The glue roles of an English message that only gloss Chinese text it also shows: `x_en` beside
    `x` or `x_zh` (the headline and its English translation). The Chinese edition drops the gloss."""
    keys = {body for name, body in english if name == "glue" and ":" not in body}
    return {("glue", k) for k in keys
            if k.endswith("_en") and ({k[:-3], k[:-3] + "_zh"} & keys)}


def role_problem(entry: Entry) -> str | None:
    english, chinese = roles(entry.msgid), roles(entry.msgstr)
    for gloss in glosses(english):
        if gloss not in chinese:
            del english[gloss]
    if english == chinese:
        return markup_problem(entry.msgstr)
    missing = sorted(f"{{{n}}}`{b}`" for n, b in (english - chinese).elements())
    extra = sorted(f"{{{n}}}`{b}`" for n, b in (chinese - english).elements())
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"extra {', '.join(extra)}"] if extra else [])
    return "; ".join(parts)


_MARKDOWN = MarkdownIt("commonmark")


def markup_problem(text: str) -> str | None:
    """Emphasis that would show as literal asterisks: CommonMark cannot close ** between a Chinese full
    stop and the next character (write **标题**。, not **标题。**)."""
    plain = ROLE.sub("x", text)
    tokens = _MARKDOWN.parseInline(plain)
    shown = "".join(child.content for token in tokens for child in (token.children or []) if child.type == "text")
    return "emphasis shows its asterisks (close ** before the Chinese punctuation)" if "*" in shown else None


def changed(old: str, new: str, context: int = 4) -> str:
    """What changed from old to new, word by word, with a few words either side: 'a [-b-] [+c+] d'."""
    a, b = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            words = a[i1:i2]
            if len(words) > 2 * context:
                words = ([] if i1 == 0 else words[:context]) + ["…"] + ([] if i2 == len(a) else words[-context:])
            out += words
        else:
            out += ([f"[-{' '.join(a[i1:i2])}-]"] if i2 > i1 else []) + ([f"[+{' '.join(b[j1:j2])}+]"] if j2 > j1 else [])
    return " ".join(out)


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass
class Status:
    catalog: str
    translated: int = 0
    missing: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    roles: int = 0
    problems: list[str] = field(default_factory=list)


def merged_entries(po: Path, pot: Path | None) -> list[Entry]:
    """The catalog's entries, merged first with a fresh .pot in a scratch copy when one is given."""
    if pot is None:
        return parse_po(po)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / po.name
        shutil.copy(po, scratch)
        subprocess.run(["msgmerge", "--quiet", "--previous", "--update", "--backup=off", str(scratch), str(pot)],
                       check=True)
        return parse_po(scratch)


def check_catalog(name: str, entries: list[Entry]) -> Status:
    status = Status(name)
    for e in entries:
        if e.obsolete:
            status.obsolete += 1
            status.problems.append(f"{name}: obsolete (its English is no longer in the book): {_short(e.msgid)!r}")
        elif e.fuzzy:
            status.fuzzy += 1
            if e.previous_msgid is not None:
                what = f"the English changed: {changed(e.previous_msgid, e.msgid)}"
            else:
                what = f"no previous English kept: {_short(e.msgid)!r}"
            status.problems.append(f"{name}:{e.where}: fuzzy ({what})")
        elif not e.msgstr:
            status.missing += 1
            status.problems.append(f"{name}:{e.where}: missing: {_short(e.msgid)!r}")
        else:
            status.translated += 1
            problem = role_problem(e)
            if problem:
                status.roles += 1
                status.problems.append(f"{name}:{e.where}: roles differ from the English ({problem}): "
                                       f"{_short(e.msgid)!r}")
    return status


def check(locale: Path, pot_dir: Path | None = None) -> list[Status]:
    statuses = []
    pots = {p.relative_to(pot_dir).with_suffix("").as_posix(): p for p in pot_dir.rglob("*.pot")} if pot_dir else {}
    pos = {p.relative_to(locale).with_suffix("").as_posix(): p for p in locale.rglob("*.po")} if locale.is_dir() else {}
    pos = {name: path for name, path in pos.items() if name not in INTERFACE}
    for name in sorted(set(pots) | set(pos)):
        if name not in pos:
            status = Status(f"{name}.po")
            status.missing += 1
            status.problems.append(f"{name}.po: missing: the page has no catalog (run `make gettext`)")
        elif pot_dir is not None and name not in pots:
            status = check_catalog(f"{name}.po", parse_po(pos[name]))
            status.problems.insert(0, f"{name}.po: obsolete: the page is no longer in the book")
            status.obsolete += 1
        else:
            status = check_catalog(f"{name}.po", merged_entries(pos[name], pots.get(name)))
        statuses.append(status)
    return statuses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locale", type=Path, default=LOCALE, help="the catalogs (default: %(default)s)")
    parser.add_argument("--pot", type=Path, help="a fresh gettext build to merge with first (_build/gettext)")
    parser.add_argument("--summary", action="store_true", help="one line a catalog; exit 0 whatever the status")
    args = parser.parse_args(argv)
    statuses = check(args.locale, args.pot)
    if not statuses:
        print(f"no catalogs in {args.locale}: run `make gettext`")
        return 0 if args.summary else 1
    totals = collections.Counter()
    for s in statuses:
        totals.update(translated=s.translated, missing=s.missing, fuzzy=s.fuzzy, obsolete=s.obsolete, roles=s.roles)
        if args.summary:
            print(f"{s.catalog}: {s.translated} translated, {s.missing} missing, {s.fuzzy} fuzzy, "
                  f"{s.obsolete} obsolete, {s.roles} role mismatches")
        else:
            for problem in s.problems:
                print(problem)
    print(f"zh catalogs: {totals['translated']} translated, {totals['missing']} missing, {totals['fuzzy']} fuzzy, "
          f"{totals['obsolete']} obsolete, {totals['roles']} role mismatches")
    problems = sum(len(s.problems) for s in statuses)
    return 0 if args.summary or problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
