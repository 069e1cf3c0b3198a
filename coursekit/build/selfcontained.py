"""One HTML file that is the whole deck: `coursekit deck --self-contained`.

The deck is first built as usual beside a staging copy of the assets, then every file it loads is folded into
the page: style sheets (with their @imports, fonts and images) as <style>, scripts as data: URLs (a data: URL
cannot end a <script> element early, whatever the library's text holds), reveal.js and its notes plugin as
data: URLs that require.js loads by name, images and video posters as data: URLs. Videos stay files beside
the deck: inlined, a few minutes of animation would make a page too large to open.

MathJax 2 loads its configuration, extensions and fonts from its folder while it runs, so which of its files
a deck needs is only known by running it: the staged deck is opened in Chromium, and the files MathJax asked
for and the fonts its typeset formulas use are inlined; a deck with no formula gets no MathJax at all. In
the page, MathJax's file loader is pointed at the inlined copies (its own `fileURL` and `Styles` hooks).
"""

from __future__ import annotations

import base64
import html.parser
import json
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit.course.problems import CourseError, Problem

MIME = {".js": "text/javascript", ".css": "text/css", ".woff": "font/woff", ".woff2": "font/woff2",
        ".ttf": "font/ttf", ".otf": "font/otf", ".svg": "image/svg+xml", ".png": "image/png", ".gif": "image/gif",
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".avif": "image/avif"}
ATTR_RE = r"""\s{attr}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
TAG_RE = re.compile(r"<(link|script|img|video|source)\b[^>]*>", re.I)
CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)""")
CSS_IMPORT_RE = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?\s*;""")
FACE_SRC_RE = re.compile(r"src\s*:\s*([^;}]*)")
MATHJAX_NAME = "MathJax.js"
FAKE_MATHJAX_ROOT = "mathjax-inlined"  # never fetched: every file MathJax asks for is mapped to its copy

# What MathJax is told before it starts: its files and fonts are the inlined copies.
MATHJAX_SHIM = """window.MathJax = {root: %(root)s, config: %(config)s, extensions: [],
  AuthorInit: function () {
    var files = %(files)s, fonts = %(fonts)s, ajax = MathJax.Ajax, fileURL = ajax.fileURL, styles = ajax.Styles;
    MathJax.cdnVersion = "";  // no ?V= query after a data: URL
    ajax.fileURL = function (file) {
      var url = fileURL.call(this, file);
      return files[url.slice(%(root)s.length + 1)] || url;
    };
    ajax.Styles = function (css) {
      [].concat((css && css["@font-face"]) || []).forEach(function (face) {
        var m = /([\\w-]+)\\.woff'/.exec(face["src /*2*/"] || "");
        if (m && fonts[m[1]]) { delete face["src /*1*/"]; face["src /*2*/"] = "url('" + fonts[m[1]] + "') format('woff')"; }
      });
      return styles.apply(this, arguments);
    };
  }};"""
# A deck without formulas has no MathJax; nbconvert's slide-change handler still asks it for the slide's jax.
MATHJAX_STUB = "window.MathJax = {Hub: {getAllJax: function () { return []; }, Rerender: function () {}}};"

# Run in the staged deck once MathJax is done: how many formulas it typeset and the web fonts they use.
MATHJAX_USE_JS = """() => {
  if (!window.MathJax || !MathJax.Hub) return {formulas: 0, fonts: []};
  const chtml = MathJax.OutputJax.CommonHTML, faces = (chtml && chtml.config.styles["@font-face"]) || [];
  const fonts = faces.filter(f => f["src /*2*/"] && document.querySelector("." + f["font-family"].slice(0, -1)))
                     .map(f => /([\\w-]+)\\.woff'/.exec(f["src /*2*/"])[1]);
  return {formulas: MathJax.Hub.getAllJax().length, fonts};
}"""
MATHJAX_IDLE_JS = ("() => window.Reveal && (!window.MathJax || !MathJax.Hub || (MathJax.isReady && "
                   "MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running))")


@dataclass
class Inlined:
    html: str
    videos: list[str] = field(default_factory=list)  # as the page refers to them, relative to the deck
    formulas: int = 0
    mathjax_files: list[str] = field(default_factory=list)


def data_url(path: Path, mime: str | None = None) -> str:
    mime = mime or MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _attr(tag: str, name: str) -> str | None:
    m = re.search(ATTR_RE.format(attr=name), tag, re.I)
    return None if m is None else (m[1] if m[1] is not None else m[2])


def _set_attr(tag: str, name: str, value: str) -> str:
    return re.sub(ATTR_RE.format(attr=name), lambda _: f' {name}="{value}"', tag, count=1, flags=re.I)


def _local(url: str) -> bool:
    return bool(url) and not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", url, re.I)


def _file(url: str, base: Path) -> Path:
    return (base / unquote(urlsplit(url).path)).resolve()


def inline_css(path: Path, seen: frozenset = frozenset()) -> str:
    """The style sheet's text with its @imports in place and every file it refers to as a data: URL. In a
    font's src list only the WOFF faces are kept where there are any: Chromium would never fetch the rest."""
    if path in seen:
        return ""
    text = path.read_text(encoding="utf-8")

    def expand(m):
        url = m[1]
        return inline_css(_file(url, path.parent), seen | {path}) if _local(url) else m[0]

    text = CSS_IMPORT_RE.sub(expand, text)

    def woff_only(m):
        sources = [s.strip() for s in re.split(r",(?![^(]*\))", m[1])]
        woff = [s for s in sources if re.search(r"format\(\s*['\"]woff2?['\"]\s*\)", s)]
        return f"src: {', '.join(woff or sources)}"

    text = FACE_SRC_RE.sub(woff_only, text)
    # An eot-only `src:` line before the woff one is overridden by it; drop it so the .eot is not inlined.
    text = re.sub(r"src\s*:\s*url\([^)]*\.eot[^)]*\)\s*;", "", text)

    def embed(m):
        url = next(g for g in m.groups() if g is not None)
        if not _local(url):
            return m[0]
        target = _file(url, path.parent)
        if not target.is_file():
            raise CourseError(Problem(str(path), 0, f"the style sheet refers to {url}, which is not there"))
        return f'url("{data_url(target)}")'

    return CSS_URL_RE.sub(embed, text).replace("</style", "<\\/style")


def mathjax_use(page: Path) -> tuple[dict, list[str]]:
    """Open the staged deck offline and let MathJax typeset it: what it typeset and the files it loaded,
    relative to its own folder, in the order it asked for them."""
    from coursekit.build.browser import chromium, offline_page

    blocked: list[str] = []
    requested: list[str] = []
    with chromium() as browser:
        tab = offline_page(browser, blocked, viewport={"width": 1280, "height": 720})
        tab.on("request", lambda r: requested.append(r.url))
        tab.goto(page.as_uri())
        tab.wait_for_function(MATHJAX_IDLE_JS, timeout=60000)
        use = tab.evaluate(MATHJAX_USE_JS)
        tab.context.close()
    if blocked:
        raise CourseError(Problem(str(page), 0, f"the deck tried to load {blocked[0]} from outside its folder"))
    files = []
    for url in requested:
        path = unquote(urlsplit(url).path)
        marker = "/mathjax/"
        if marker in path and path.endswith(".js") and not path.endswith("/" + MATHJAX_NAME):
            name = path.split(marker, 1)[1]
            if name not in files:
                files.append(name)
    return use, files


def _mathjax_scripts(tag: str, page_dir: Path, use: dict, files: list[str]) -> str:
    src = _attr(tag, "src") or ""
    mathjax = _file(src, page_dir)
    root = mathjax.parent
    query = dict(p.split("=", 1) for p in urlsplit(src).query.split("&") if "=" in p)
    config = [f"{name}.js" for name in query.get("config", "").split(",") if name]
    shim = MATHJAX_SHIM % {
        "root": json.dumps(FAKE_MATHJAX_ROOT), "config": json.dumps(config),
        "files": json.dumps({name: data_url(root / name) for name in files}),
        "fonts": json.dumps({font: data_url(root / "fonts" / "HTML-CSS" / "TeX" / "woff" / f"{font}.woff")
                             for font in use["fonts"]}),
    }
    return f"<script>{shim}</script>\n<script src=\"{data_url(mathjax)}\">"  # the page's </script> ends it


def inline(page_path: Path, folders: list[Path], shown: str) -> Inlined:
    """The staged deck at ``page_path`` as one page. Its asset URLs resolve against the staged page; a picture
    against each of ``folders`` in turn (the deck's, then the notebook's)."""

    def found(url: str, what: str) -> Path:
        for base in folders:
            if (target := _file(url, base)).is_file():
                return target
        raise CourseError(Problem(shown, 0, f"the deck shows {what} {url}, which is neither beside the deck nor "
                                  "beside the notebook; put it next to the notebook"))

    def media(url: str, what: str) -> str:
        return data_url(found(url, what))

    page = page_path.read_text(encoding="utf-8")
    staged = page_path.parent
    for m in TAG_RE.finditer(page):  # a missing picture is named before Chromium starts
        url = _attr(m[0], "poster" if m[1].lower() == "video" else "src") if m[1].lower() in ("img", "video") else None
        if url and _local(url):
            found(url, "the picture")
    use, files = mathjax_use(page_path)
    result = Inlined("", formulas=use["formulas"], mathjax_files=files)
    modules: dict[str, str] = {}
    loaders: list[str] = []  # require.js's tag, once inlined

    def replace(m):
        tag, name = m[0], m[1].lower()
        if name == "link":
            href = _attr(tag, "href")
            if (_attr(tag, "rel") or "").lower() != "stylesheet" or not href or not _local(href):
                return tag
            ident = _attr(tag, "id")
            return f"<style{f' id={json.dumps(ident)}' if ident else ''}>{inline_css(_file(href, staged))}</style>"
        if name == "script":
            src = _attr(tag, "src")
            if not src or not _local(src):
                return tag
            if Path(urlsplit(src).path).name == MATHJAX_NAME:
                if not use["formulas"]:
                    return f"<script>{MATHJAX_STUB}"  # the element's own </script> follows
                return _mathjax_scripts(tag, staged, use, files)
            inlined = _set_attr(tag, "src", data_url(_file(src, staged)))
            if Path(urlsplit(src).path).name == "require.js":
                loaders.append(inlined)
            return inlined
        if name == "img":
            src = _attr(tag, "src")
            return _set_attr(tag, "src", media(src, "the picture")) if src and _local(src) else tag
        if name == "video":
            poster = _attr(tag, "poster")
            return _set_attr(tag, "poster", media(poster, "the poster")) if poster and _local(poster) else tag
        src = _attr(tag, "src")  # <source>: the video itself stays a file
        if src and _local(src):
            result.videos.append(src)
        return tag

    page = TAG_RE.sub(replace, page)
    if not use["formulas"]:  # nothing to configure
        page = re.sub(r'<script type="text/x-mathjax-config">.*?</script>', "", page, flags=re.S)
    # require.js loads reveal.js and the notes plugin by URL: give each a name that maps to its data: URL.
    for number, url in enumerate(sorted(set(re.findall(r'"([^"]+?/(?:dist/reveal|plugin/notes/notes)\.js)"', page)))):
        if not _local(url):
            continue
        name = f"inlined-module-{number}"
        modules[name] = data_url(_file(url, staged))
        page = page.replace(f'"{url}"', f'"{name}"')
    if modules:
        if not loaders:
            raise CourseError(Problem(shown, 0, "the deck loads reveal.js through require.js, but has no require.js"))
        end = page.index("</script>", page.index(loaders[0])) + len("</script>")
        page = page[:end] + f"<script>require.config({{paths: {json.dumps(modules)}}});</script>" + page[end:]
    left = [u for u in loaded_urls(page) if _local(u) and u not in result.videos]
    if left:
        raise CourseError(Problem(shown, 0, f"the self-contained deck would still load {left[0]}"))
    result.html = page
    return result


class _Resources(html.parser.HTMLParser):
    """Collects what a page loads by itself (scripts, styles, images, media, frames), not the links a reader clicks."""
    LOADS = {"script": "src", "img": "src", "link": "href", "video": "poster", "source": "src", "iframe": "src",
             "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attr = self.LOADS.get(tag)
        for name, value in attrs:
            if value and (name == attr or (tag == "video" and name == "src")):
                self.urls.append(value)


def loaded_urls(page: str) -> list[str]:
    """The URLs a page loads by itself: what must be local for it to work offline, and what folding inlines."""
    parser = _Resources()
    parser.feed(page)
    return parser.urls + re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", page)
