"""The book's plot theme, set once: seaborn, a colour-blind-safe palette, a CJK font for Chinese."""
from __future__ import annotations

import io
import math
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager, ticker
from matplotlib.backends import backend_pdf
from matplotlib.patches import Patch

from . import fmt, labels_zh
from .glue import glue

#: Latin text in DejaVu Sans; any Chinese glyph falls back to Noto Sans CJK SC (fonts-noto-cjk).
CJK_FONT = "Noto Sans CJK SC"
FONT_FAMILY = ["DejaVu Sans", CJK_FONT]
#: Okabe–Ito-based, colour-blind safe (seaborn's "colorblind").
PALETTE = "colorblind"


def _ensure_cjk_font() -> None:
    names = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FONT in names:
        return
    # A font cache written before fonts-noto-cjk was installed: rebuild it once.
    font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
    if CJK_FONT not in {f.name for f in font_manager.fontManager.ttflist}:
        raise RuntimeError(f"font '{CJK_FONT}' not found: install the Debian package fonts-noto-cjk "
                           "(it is in apt.txt; `make book` installs it)")


def _pin_latin_font() -> None:
    """DejaVu Sans is matplotlib's own copy, pinned with matplotlib, on every machine. Debian's copy
    (fonts-dejavu-core) is a different file; which of the two a machine's font cache lists first
    decided which one a chart embedded, so the stored PDFs differed between machines."""
    bundled = Path(matplotlib.get_data_path()).resolve()
    manager = font_manager.fontManager
    keep = [f for f in manager.ttflist if f.name != FONT_FAMILY[0] or Path(f.fname).resolve().is_relative_to(bundled)]
    if len(keep) != len(manager.ttflist):
        manager.ttflist = keep
        manager._findfont_cached.cache_clear()


def use_book_theme() -> None:
    """Apply the theme. Call once at the top of a notebook (tenprograms.setup_notebook does)."""
    _ensure_cjk_font()
    _pin_latin_font()
    _inline_formats()
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font=FONT_FAMILY[0])
    matplotlib.rcParams.update({
        "font.family": FONT_FAMILY,
        # negative tick labels with a real minus sign (U+2212): DejaVu Sans and Noto Sans CJK SC have it
        "axes.unicode_minus": True,
        "figure.figsize": (7.0, 4.0),     # fits an A4 text block at full width
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "svg.hashsalt": "tenprograms",    # deterministic SVG ids
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "axes.titleweight": "bold",
        "axes.titlesize": 11,
        "axes.labelsize": 10,
    })


def _inline_formats() -> None:
    """In a notebook: each chart is drawn once, as a vector PDF (for the LaTeX book); the PNG for the
    HTML site is that same PDF rasterised (pypdfium2), not a second drawing."""
    try:
        # deferred: only a notebook kernel has IPython; the package works without it
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    ip = get_ipython()
    if ip is None:
        return
    set_matplotlib_formats("png", "pdf")          # enables both formats, then one drawing serves both:
    formatters = ip.display_formatter.formatters
    formatters["application/pdf"].for_type(plt.Figure, figure_pdf)
    formatters["image/png"].for_type(plt.Figure, figure_png)
    formatters["image/png"].enabled = True
    formatters["application/pdf"].enabled = True


_DRAWN: dict[int, tuple[object, bytes]] = {}
PNG_DPI = 150


def figure_pdf(fig) -> bytes:
    """The chart drawn once, as PDF (no creation date, so a rerun gives the same bytes)."""
    cached = _DRAWN.get(id(fig))
    if cached is not None and cached[0] is fig:
        return cached[1]
    buffer = io.BytesIO()
    with _fonts_in_name_order():
        fig.savefig(buffer, format="pdf", bbox_inches="tight", metadata={"CreationDate": None})
    _DRAWN.clear()
    _DRAWN[id(fig)] = (fig, buffer.getvalue())
    return buffer.getvalue()


def _font_order(item) -> tuple:
    (path, subset), _name = item
    return Path(str(path)).name, getattr(path, "face_index", 0), subset


@contextmanager
def _fonts_in_name_order():
    """While saving: embed the PDF's fonts in the order of their file names. matplotlib sorts them by
    full path, so the same chart came out with its objects in another order in another checkout
    (a venv under /home sorts before /usr/share/fonts, one under /work after it)."""
    original = backend_pdf.PdfFile.writeFonts

    def write_fonts(self):
        if self._dviFontInfo or any(str(path).endswith(".afm") for path, _ in self._fontNames):
            return original(self)    # usetex or core fonts: the book's charts use neither
        fonts = {}
        for (path, subset), name in sorted(self._fontNames.items(), key=_font_order):
            fonts[name] = self.embedTTF(path, subset, self._character_tracker.used[path][subset])
        self.writeObject(self.fontObject, fonts)

    backend_pdf.PdfFile.writeFonts = write_fonts
    try:
        yield
    finally:
        backend_pdf.PdfFile.writeFonts = original


def figure_png(fig) -> bytes:
    """The same drawing rasterised for the site at PNG_DPI."""
    import pypdfium2  # deferred: only the site's PNGs need the PDF renderer

    document = pypdfium2.PdfDocument(figure_pdf(fig))
    image = document[0].render(scale=PNG_DPI / 72).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


#: One encoding for a value the book implies for an earlier year (or period) from a printed rate or
#: count, in every chart: grey, and hatched where it is an area; a point is a hollow grey marker. The
#: legend entry (IMPLIED_LABEL) says so.
IMPLIED_COLOUR = "#9e9e9e"
IMPLIED = {"color": IMPLIED_COLOUR, "hatch": "//", "edgecolor": "white"}
IMPLIED_MARKER = {"marker": "o", "color": IMPLIED_COLOUR, "markerfacecolor": "white", "markeredgewidth": 1.8}
IMPLIED_LABEL = "Grey, hatched: implied by the book"
IMPLIED_LABEL_ZH = "灰色斜线：本书推算"


def implied_label(lang: str = "en") -> str:
    return labels_zh.pick(lang, IMPLIED_LABEL, IMPLIED_LABEL_ZH)


def implied_handle(label: str | None = None, lang: str = "en"):
    """The legend entry of the implied encoding (its label in the chart's language)."""
    return Patch(facecolor=IMPLIED_COLOUR, hatch="//", edgecolor="white", label=label or implied_label(lang))


def palette(n: int):
    return sns.color_palette(PALETTE, n)


def new_figure(width: float = 7.0, height: float = 4.0, **kwargs):
    """A figure and axes in the book's size."""
    return plt.subplots(figsize=(width, height), **kwargs)


#: How a qualifier marks a value label: 4,500+ (more than), ≤20,000 (nearly), ~100 (about).
QUALIFIER_MARK = {"exact": ("", ""), "more_than": ("", "+"), "nearly": ("≤", ""), "about": ("~", ""), "range": ("", "")}


def limits_not_from_zero(values, step: float, below: float = 0.6, above: float = 1.15) -> tuple[float, float]:
    """Limits for a value axis that need not start at zero (a dot plot): from `below` times the smallest
    value, down to a multiple of `step`, to `above` times the largest, up to one. Say so on the axis."""
    return (math.floor(below * min(values) / step) * step, math.ceil(above * max(values) / step) * step)


def value_label(value: float, qualifier: str = "exact", decimals: int | None = None) -> str:
    """A bar's label: the value as the book prints it (real minus sign) with its qualifier mark."""
    before, after = QUALIFIER_MARK.get(qualifier, ("", ""))
    return f"{before}{fmt.number(value, decimals)}{after}"


def ranges(ax, labels, lows, highs, unit: str = "", lang: str = "en"):
    """Horizontal intervals from low to high with both ends labelled: a printed range stays a range
    (no invented midpoint); in Chinese the numbers in Chinese format (labels_zh.number)."""
    number = fmt.number if labels_zh.check(lang) == "en" else labels_zh.number
    colour = palette(1)[0]
    for y, (low, high) in enumerate(zip(lows, highs)):
        ax.plot([low, high], [y, y], color=colour, linewidth=8, solid_capstyle="butt")
        ax.plot([low, high], [y, y], "|", color="black", markersize=18)
        for x in (low, high):
            ax.annotate(f"{number(x, 0)}{unit}", (x, y), xytext=(0, 12), textcoords="offset points",
                        ha="center", fontsize=9)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _pos: number(x, 0)))
    return ax


def glue_charts(name: str, draw, caveat: str = "") -> None:
    """Glue a chart in both languages from one computation: draw("en") as `name`, draw("zh") as
    `name@zh` (labels_zh.key; the zh build's glue:figure picks it), each with its figure-data file.
    `draw(lang)` only draws: the numbers it draws are computed before, once, by the notebook."""
    for lang in labels_zh.LANGUAGES:
        glue(labels_zh.key(name, lang), draw(lang), caveat=caveat)
