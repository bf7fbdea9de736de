"""A light site: what a page loads, rewritten once the HTML build has finished (issue 30, item 4).

pydata-sphinx-theme ships every Font Awesome icon as a 1.5 MB script (`scripts/fontawesome.js`) to draw
about a dozen of them, loads Sphinx's search index on every page (for a search-as-you-type the book
does not turn on), writes three viewport tags and ships source maps. After the build this module:

- draws the icons the pages use with CSS masks, their outlines read from the theme's own
  fontawesome.js (`_static/icons.css`), and drops the script and its preload;
- loads the search tools and index only on search.html (the search dialog submits there);
- keeps one viewport tag; deletes the `.map` files and the comments that point to them;
- writes the charts as palette PNGs (the site's rasters only; the PDF draws vector charts), gives
  each `<img>` its width and height and links it to its full-size file;
- gives the theme's Search field button a name that contains its visible text (axe
  label-content-name-mismatch).

The edits are plain text substitutions on the theme's markup and each is idempotent, so an
incremental build (which rewrites only the pages it rebuilt) ends in the same site.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import quote

import pydata_sphinx_theme
from PIL import Image
from sphinx.util import logging

logger = logging.getLogger(__name__)

ICON_CSS = "icons.css"
#: The theme's icon script, read from the installed theme (an incremental build does not copy it again).
FA_JS = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
#: Icon prefixes drawn here: the theme uses only the solid set.
SOLID = ("fa-solid", "fas")
FA_SCRIPT = re.compile(r'\s*<(?:script defer|link rel="preload" as="script" href)=?[^>]*scripts/fontawesome\.js[^>]*>(?:</script>)?')
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
SOURCE_MAP = re.compile(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)")
SEARCH_FIELD = ('<button class="btn search-button-field search-button__button pst-js-only" title="Search" '
                'aria-label="Search"')
IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*_images/[^"]+\.png)"(?P<rest>[^>]*)>')


def icon_names(html: str) -> set[str]:
    """The icon names of `<i>`/`<span>` elements with a solid prefix (fa-bars, fa-magnifying-glass …)."""
    names = set()
    for classes in re.findall(r'<(?:i|span) class="([^"]*)"', html):
        words = classes.split()
        if any(w in SOLID for w in words):
            names.update(w[3:] for w in words if w.startswith("fa-") and w not in SOLID and w not in ("fa-lg", "fa-fw"))
    return names


def solid_icons(script: str) -> str:
    """The solid pack's definitions in fontawesome.js (the object passed to d("fas", …))."""
    end = script.find('d("fas",')
    start = script.rfind("var p={", 0, end)
    if start < 0 or end < 0:
        raise ValueError("fontawesome.js: no solid icon pack found (did pydata-sphinx-theme change?)")
    return script[start:end]


def icon_outline(pack: str, name: str) -> tuple[int, int, str] | None:
    m = re.search(r'[{,]"?%s"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]' % re.escape(name), pack)
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else None


def icon_css(pack: str, names: set[str]) -> str:
    """CSS that draws each icon as a mask in the current text colour (no web font, no script)."""
    rules = [
        "/* The theme's icons as CSS masks (tenprograms.sphinxext.weight): no icon font, no icon script. */",
        ".fa-solid::before, .fas::before { content: none !important; }",
        ".fa-solid, .fas { font-family: inherit !important; }",
        ".fa-solid, .fas { display: inline-block; height: 1em; background-color: currentColor;"
        " -webkit-mask: var(--tp-icon) center / contain no-repeat; mask: var(--tp-icon) center / contain no-repeat;"
        " vertical-align: -0.125em; }",
        ".fa-solid.fa-lg, .fas.fa-lg { height: 1.25em; vertical-align: -0.25em; }",
    ]
    # the theme's one icon drawn by CSS alone: before each download link (figure data, notebooks)
    rules.append("a.reference.download::before { content: \"\" !important; font: inherit !important; display: inline-block; width: 0.8em;"
                 " height: 0.8em; margin: 0 0.25em; padding: 0; background-color: currentColor;"
                 " -webkit-mask: var(--tp-icon) center / contain no-repeat; mask: var(--tp-icon) center / contain no-repeat; }")
    rules.append("a.reference.download { --tp-icon: var(--tp-icon-download); }")
    # the icon in an admonition's title (a note): the theme draws it with the icon font, so a page with a
    # note would load the 150 KB font; drawn as a mask instead
    rules.append(".admonition > .admonition-title::after, div.admonition > .admonition-title::after {"
                 " content: \"\" !important; font: inherit !important; background-color: currentColor;"
                 " -webkit-mask: var(--tp-icon-circle-info) center / contain no-repeat;"
                 " mask: var(--tp-icon-circle-info) center / contain no-repeat; }")
    for name in sorted(names | {"download", "circle-info"}):
        outline = icon_outline(pack, name)
        if outline is None:
            logger.warning("icon fa-%s is not in the theme's solid pack: it will not show", name,
                           type="tenprograms", subtype="icons")
            continue
        width, height, path = outline
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path d="{path}"/></svg>'
        url = f'url("data:image/svg+xml,{quote(svg)}")'
        rules.append(f".fa-{name} {{ --tp-icon: {url}; width: {width / height:.4f}em; }}")
        if name in ("download", "circle-info"):
            rules.append(f":root {{ --tp-icon-{name}: {url}; }}")
    return "\n".join(rules) + "\n"


def rewrite_page(html: str, page: Path, root: Path, sizes: dict[str, tuple[int, int]]) -> str:
    rel = "../" * (len(page.relative_to(root).parts) - 1)
    html = FA_SCRIPT.sub("", html)
    css_link = f'<link rel="stylesheet" type="text/css" href="{rel}_static/{ICON_CSS}" />'
    if css_link not in html:
        html = html.replace("</head>", f"  {css_link}\n</head>", 1)
    if page.name != "search.html" or page.parent != root:
        html = SEARCH_SCRIPTS.sub("", html)
    seen = []

    def one_viewport(m):
        seen.append(m)
        return m.group(0) if len(seen) == 1 else ""

    html = VIEWPORT.sub(one_viewport, html)
    # the visible text is "Search Ctrl+K": a name of "Search" alone hides the shortcut from voice control
    html = html.replace(SEARCH_FIELD, SEARCH_FIELD.replace('aria-label="Search"', 'aria-label="Search (Ctrl+K)"'))
    # myst-nb labels a cell's "Show the code" toggle "Toggle hidden content": a name that does not contain
    # the visible words fails axe's label-content-name-mismatch; the visible words are the name
    html = html.replace('<summary aria-label="Toggle hidden content">', "<summary>")

    def sized(m):
        tag = m.group(0)
        src = m.group("src")
        size = sizes.get(src.rsplit("/", 1)[-1])
        if size and " width=" not in tag:
            tag = tag[:-1].rstrip("/").rstrip() + f' width="{size[0]}" height="{size[1]}" />'
        return tag

    html = IMG.sub(sized, html)
    # each chart links to its full-size file (a phone shows it scaled to the column)
    html = re.sub(r'(<figure[^>]*>\s*)(<img [^>]*src="([^"]*_images/[^"]+\.png)"[^>]*>)(?!\s*</a>)',
                  r'\1<a class="tp-fullsize" href="\3">\2</a>', html)
    return html


def palette_png(path: Path) -> tuple[int, int]:
    """Rewrite a chart as a 256-colour palette PNG (anti-aliased edges lose a few shades) if smaller."""
    image = Image.open(path)
    size = image.size
    if image.mode != "P":
        buffer = io.BytesIO()
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE) \
            .save(buffer, format="PNG", optimize=True)
        if buffer.tell() < path.stat().st_size:
            path.write_bytes(buffer.getvalue())
    return size


def lighten(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir)
    static = root / "_static"
    script = static / "scripts" / "fontawesome.js"
    pages = sorted(root.rglob("*.html"))
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    names = set().union(*(icon_names(t) for t in texts.values()))
    (static / ICON_CSS).write_text(icon_css(solid_icons(FA_JS.read_text(encoding="utf-8")), names), encoding="utf-8")
    for copied in [script, *static.glob("scripts/fontawesome.js.*")]:
        copied.unlink(missing_ok=True)
    sizes = {p.name: palette_png(p) for p in sorted((root / "_images").glob("*.png"))}
    for page, text in texts.items():
        new = rewrite_page(text, page, root, sizes)
        if new != text:
            page.write_text(new, encoding="utf-8")
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    for asset in [*static.rglob("*.js"), *static.rglob("*.css")]:
        data = asset.read_bytes()
        stripped = SOURCE_MAP.sub(b"", data)
        if stripped != data:
            asset.write_bytes(stripped)


#: The 404 page's words in each edition's language (Sphinx `language`): title, text, link texts.
NOT_FOUND = {
    "en": ("Page not found", "There is no page at this address. The book starts at {home}; the {search} finds names "
           "and numbers.", "its home page", "search page"),
    "zh_CN": ("页面不存在", "此地址没有页面。本书从{home}开始；{search}可查找名称和数字。", "首页", "搜索页"),
}


def not_found_page(app):
    """A 404 page in the book's theme (a static server shows it for a missing address), in the build's language."""
    title, text, home, search = NOT_FOUND.get(app.config.language, NOT_FOUND["en"])
    body = f"<h1>{title}</h1><p>" + text.format(
        home=f'<a href="{app.builder.get_target_uri(app.config.root_doc)}">{home}</a>',
        search=f'<a href="search.html">{search}</a>') + "</p>"
    yield "404", {"title": title, "body": body}, "page.html"


def static_changed(app, env, added, changed, removed):
    """A changed file of html_static_path (book.css) alone left Sphinx with "no targets are out of date",
    and it then skips writing, static files included: rebuild the root page so the write phase runs."""
    if app.builder.format != "html":
        return []
    out = Path(app.outdir) / "_static"
    for folder in app.config.html_static_path:
        base = Path(app.confdir) / folder
        for file in base.rglob("*"):
            copy = out / file.relative_to(base)
            if file.is_file() and (not copy.exists() or copy.read_bytes() != file.read_bytes()):
                return [app.config.root_doc]
    return []


def setup(app):
    app.connect("env-get-outdated", static_changed)
    app.connect("html-collect-pages", not_found_page)
    app.connect("build-finished", lighten)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
