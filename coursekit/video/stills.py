"""The still pictures of a draft video, cached by content hash.

A slide is the built deck itself, drawn by Chromium at that slide with its first ``shown`` fragments, as a
presenter would step to it; Chromium starts only when a slide's picture is not in the cache. An editor,
terminal or title frame is drawn with Pillow (frames.py), its text kept beside its PNG, so a test can read
what a frame shows without OCR.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from coursekit.build.browser import chromium, offline_page, outside_any_loop
from coursekit.course import fsio, parsed
from coursekit.course.problems import CourseError, Problem
from coursekit.video import frames

WIDTH, HEIGHT = 1280, 720  # layout size; high quality screenshots the same layout at a higher pixel ratio
VERSION = 6  # bump when stills drawn by an older coursekit must not be reused
KEPT_BROWSER = "coursekit.video.still_server"  # the server that keeps a Chromium between drafts
EDITOR_LINES = 24  # lines of a demo file the editor frame shows
PANEL_LINES = 9  # lines of output the interactive panel shows (the last ones)
TERMINAL_LINES = 26
# Shown to the camera, as a presenter would: no controls or progress bar, no transitions between states.
# nbconvert's decks load reveal.js through require.js, so Reveal is a module, not a global.
REVEAL = "require('../assets/reveal.js/dist/reveal.js')"
STILL_DECK_JS = """() => {
  const Reveal = %s;
  Reveal.configure({controls: false, progress: false, slideNumber: false, transition: 'none',
                    backgroundTransition: 'none', fragmentInURL: false});
  const style = document.createElement('style');
  style.textContent = '.reveal .slides section .fragment, .reveal .slides section { transition: none !important; }';
  document.head.appendChild(style);
}""" % REVEAL
# MathJax has typeset the page (its startup "End" hook ran) and nothing is queued or running since, such as
# the deck's re-render on a slide change.
MATHJAX_WATCH = """() => { window.__typeset = !window.MathJax || !MathJax.Hub;
  if (!window.__typeset) MathJax.Hub.Register.StartupHook("End", () => { window.__typeset = true; }); }"""
MATHJAX_DONE = """() => {
  if (!window.__typeset) return false;
  if (!window.MathJax || !MathJax.Hub) return true;
  if (MathJax.Hub.queue.pending || MathJax.Hub.queue.running) return false;
  // The deck re-renders a slide's formulas when it is shown: each must have its rendered frame again.
  const slide = document.querySelector('.reveal .slides section.present') || document;
  if (slide.querySelector('.MathJax_Processing')) return false;
  return [...slide.querySelectorAll('script[type^="math/tex"]')].every(script => {
    const frame = script.previousElementSibling;
    return frame && !frame.classList.contains('MathJax_Preview') && frame.getBoundingClientRect().width > 0;
  });
}"""
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# What the picture shows has arrived: every picture on the slide decoded, every video's poster decoded and its
# metadata read (which sets its size), with the player's controls (and their loading spinner) taken away, as
# a camera on a presenter's slide would see it; then the web fonts the layout asked for, then two frames so
# that the deck has laid the slide out again (its ResizeObserver) and painted it.
SHOWN_READY = """async () => {
  const slide = document.querySelector('.reveal .slides section.present section.present')
             || document.querySelector('.reveal .slides section.present') || document.body;
  const decoded = img => img.decode().catch(() => null);
  const videos = [...slide.querySelectorAll('video')];
  videos.forEach(v => { v.controls = false; v.removeAttribute('controls'); });
  await Promise.all([...slide.querySelectorAll('img')].map(decoded));
  await Promise.all(videos.filter(v => v.poster).map(v => { const img = new Image(); img.src = v.poster; return decoded(img); }));
  await Promise.all(videos.map(v => v.readyState >= 1 || v.networkState === 3 ? null : new Promise(done => {
    v.addEventListener('loadedmetadata', done, {once: true});
    v.addEventListener('error', done, {once: true, capture: true});  // a <source> that fails fires here
  })));
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return videos.length;
}"""
SHOW_SLIDE_JS = """([id, shown]) => {
  const Reveal = %s;
  const el = document.getElementById(id);
  if (!el) return false;
  const i = Reveal.getIndices(el);
  Reveal.slide(i.h, i.v, shown - 1);
  return true;
}""" % REVEAL


@dataclass(frozen=True)
class Still:
    key: str  # content hash: the PNG is cache/<key>.png
    deck: str = ""  # a slide: the deck's path, the slide's id and how many fragments show
    slide: str = ""
    shown: int = 0
    frame: str = ""  # an editor, terminal or title frame: what to draw, as JSON (frames.draw)


def _frame(**values) -> Still:
    spec = json.dumps(values, sort_keys=True)
    return Still(fsio.sha256(repr((VERSION, spec)))[:32], frame=spec)


def editor(demo: Path, shown_path: str, first: int, last: int, title: str, output: str | None) -> Still:
    """The demo file in an editor, lines ``first``..``last`` (the cued cell) highlighted, real line numbers;
    with ``output`` (not None) the interactive panel shows what the cell printed in the build's run."""
    text = demo.read_text(encoding="utf-8")
    lines = parsed.memo("highlight", text, str(demo.resolve()), lambda: frames.code_runs(text))
    top = max(1, first - 2)
    if last - top + 1 > EDITOR_LINES:
        top = first
    numbers = list(range(top, min(len(lines), top + EDITOR_LINES - 1) + 1))
    if output is not None:
        numbers = numbers[: max(last - top + 2, EDITOR_LINES * 6 // 10)]
        kept = output.rstrip("\n").splitlines()[-PANEL_LINES:]
        output = "\n".join(kept) if kept else "(no output)"
    folder, _, name = shown_path.rpartition("/")
    return _frame(kind="editor", name=name, folder=folder, numbers=numbers, cell=[first, last],
                  lines=[lines[n - 1] for n in numbers], output=output, cell_title=title)


def terminal(command: str, output: str, folder: str) -> Still:
    kept = output.rstrip("\n").splitlines()[-TERMINAL_LINES:]
    return _frame(kind="terminal", command=command, output="\n".join(kept), folder=folder)


def card(kicker: str, heading: str, address: str = "") -> Still:
    return _frame(kind="card", kicker=kicker, heading=heading, address=address)


def slide(deck: Path, slide_id: str, shown: int, look: str) -> Still:
    """The deck at ``slide_id`` with ``shown`` fragments visible; ``look`` is the slide's hash (slide_looks)."""
    return Still(fsio.sha256(repr((look, slide_id, shown, VERSION)))[:32], deck=str(deck), slide=slide_id, shown=shown)


# What slide_looks leaves out, found without parsing: a deck's notes and code sub-slides nest no element of their kind.
_NOTES = re.compile(r'<aside class="notes">(?:(?!<aside\b).)*?</aside>', re.S)
_CODE = re.compile(r'<section class="course-code"[^>]*>(?:(?!<section\b).)*?</section>', re.S)
_HIDDEN = re.compile(r'<p class="visually-hidden" id="[^"]*">[^<]*</p>')  # a video's description (deck_source)


def slide_looks(deck: Path, extra: bytes = b"") -> dict[str, tuple[int, str]]:
    """For each slide with an id in the built deck: its number of fragments, and a hash of what it looks
    like: the page's head and scripts, ``extra`` such as the theme CSS, the slide's own HTML without its
    speaker notes, the code sub-slides below it and the text drawn nowhere (.visually-hidden: a video's
    description), and the content of each picture it shows (an image, a video's poster). So editing narration,
    which only changes the notes, a demo, which only changes the code below, or a scene's description redraws no
    slide, and a scene rendered again redraws the slide that shows its poster.

    Kept in the parse cache by the page less its notes, code sub-slides and video descriptions (cut out by pattern,
    which can only cut less than the parse does): a demo, narration or description edit reuses the looks without
    parsing the page; the pictures' content is read each time."""
    shown = _HIDDEN.sub("", _CODE.sub("", _NOTES.sub("", deck.read_text(encoding="utf-8"))))
    looks = parsed.memo("looks", shown + "\0" + extra.hex(), str(deck.resolve()), lambda: _looks(shown, extra))
    return {slide: (n, fsio.sha256(look + "".join(_picture(deck.parent, url) for url in pictures)) if pictures
                    else look) for slide, (n, look, pictures) in looks.items()}


def deck_looks(deck: Path) -> dict[str, tuple[int, str]]:
    """slide_looks of a built deck with the site's stylesheets (its assets/*.css) as ``extra``: what a draft keys
    its slide stills by, and what the still server compares when a deck it drew is written again."""
    css = b"".join(p.read_bytes() for p in sorted((deck.parent.parent / "assets").glob("*.css")))
    return slide_looks(deck, css)


def _picture(folder: Path, url: str) -> str:
    """What a slide's picture at ``url`` holds: its file's hash (an inline or remote one is in the HTML itself)."""
    if ":" in url.split("/")[0]:
        return ""
    path = folder / url.split("?")[0].split("#")[0]
    return fsio.file_sha256(path) if path.is_file() else f"missing {url}"


def _looks(shown: str, extra: bytes) -> dict[str, tuple[int, str, list[str]]]:
    """The looks of a page whose notes and code sub-slides the patterns have cut out, before its pictures: per
    slide, (fragments, the hash of its HTML, the pictures it shows)."""
    from bs4 import BeautifulSoup

    # The head (three quarters of a deck: nbconvert's inline CSS) is hashed as text; only the body is parsed.
    cut = shown.find("</head>")
    head, body = (shown[:cut], shown[cut:]) if cut >= 0 else ("", shown)
    soup = BeautifulSoup(body, "html.parser")
    # Any notes or code the patterns missed go here. find_all, not CSS selectors: compiling soupsieve's patterns
    # took longer than the parse.
    for notes in soup.find_all("aside", class_="notes"):
        notes.decompose()
    for code in soup.find_all("section", class_="course-code"):  # sub-slides below a slide: not in its picture
        code.decompose()
    # Drawn nowhere: the course CSS (in ``extra`` or the head, both hashed) clips it to nothing, out of the flow.
    for hidden in soup.find_all(class_="visually-hidden"):
        hidden.decompose()
    reveal = soup.find(class_="reveal")
    slides = reveal.find(class_="slides") if reveal else None
    shared = fsio.sha256(head + "".join(str(s) for s in soup.find_all("script")) + extra.hex())
    looks = {}
    for section in (slides.find_all("section", id=True) if slides else []):
        pictures = [i["src"] for i in section.find_all("img", src=True)] + \
                   [v["poster"] for v in section.find_all("video", poster=True)]
        looks[section["id"]] = (len(section.find_all(class_="fragment")), fsio.sha256(shared + str(section)), pictures)
    return looks


def render(stills: list[Still], cache: Path, pixel_ratio: float = 1.0, echo=print,
           refresh: bool = False) -> dict[str, Path]:
    """Every still's PNG by key: cached ones as they are (unless ``refresh``); the missing frames drawn with
    Pillow, the missing slides in one Chromium session, which starts only when a slide is missing."""
    cache.mkdir(parents=True, exist_ok=True)
    out = {s.key: cache / f"{s.key}.png" for s in stills}
    missing = {s.key: s for s in stills if refresh or not out[s.key].exists()
               or (s.frame and not (cache / f"{s.key}.txt").exists())}
    drawn = [s for s in missing.values() if s.frame]
    for still in drawn:
        spec = json.loads(still.frame)
        frames.draw(spec, WIDTH, HEIGHT, pixel_ratio, out[still.key])
        fsio.write_text(cache / f"{still.key}.txt", frames.describe(spec))
    slides = {k: s for k, s in missing.items() if not s.frame}
    if drawn:
        echo(f"  drew {len(drawn)} frame(s)")
    if slides:
        echo(f"  drawing {len(slides)} slide(s) in Chromium")
        if not kept_browser_draw(list(slides.values()), out, pixel_ratio):
            outside_any_loop(lambda: _draw(slides, out, pixel_ratio))
    return out


def kept_browser_draw(slides: list[Still], out: dict[str, Path], pixel_ratio: float) -> bool:
    """Draw these slide stills to ``out`` in the browser kept between drafts (still_server); False when it did not
    (the caller draws them). Raises the deck's own problem, as a draft's browser would."""
    answer = ask_kept_browser(slides, out, pixel_ratio)
    if answer is not None and "problem" in answer:
        raise CourseError(Problem(*answer["problem"]))
    return bool(answer and answer.get("ok"))


def ask_kept_browser(slides: list[Still], out: dict[str, Path], pixel_ratio: float) -> dict | None:
    """The still server's answer to drawing ``slides``: {"ok", "launches"}, {"problem"} or {"error"}; None when
    there is none (COURSEKIT_WARM_SERVER=0, or it could not start)."""
    from coursekit.build import warm_client

    sock = warm_client.connect(server=KEPT_BROWSER, prefix="stills")
    if sock is None:
        return None
    request = {"pixel_ratio": pixel_ratio,
               "stills": [{"key": s.key, "deck": str(Path(s.deck).resolve()), "slide": s.slide, "shown": s.shown,
                           "target": str(Path(out[s.key]).resolve())} for s in slides]}
    try:
        with sock, sock.makefile("rwb") as stream:
            stream.write(json.dumps(request).encode() + b"\n")
            stream.flush()
            return json.loads(stream.readline() or b"{}")
    except (OSError, ValueError):
        return None


def _draw(missing: dict[str, Still], out: dict[str, Path], pixel_ratio: float) -> None:
    with chromium() as browser:
        draw_slides(browser, missing, out, pixel_ratio)


def draw_slides(browser, missing: dict[str, Still], out: dict[str, Path], pixel_ratio: float) -> None:
    """The slide stills ``missing``, drawn in a new context of ``browser`` (a draft's own)."""
    draw_on(*new_page(browser, pixel_ratio), missing, out)


def new_page(browser, pixel_ratio: float) -> tuple:
    """A page in a context of its own, offline, at the drafts' size: (page, the URLs it was refused)."""
    blocked: list[str] = []
    return offline_page(browser, blocked, viewport={"width": WIDTH, "height": HEIGHT},
                        device_scale_factor=pixel_ratio), blocked


def draw_on(page, blocked: list[str], missing: dict[str, Still], out: dict[str, Path], opened: str = "") -> None:
    """The slide stills ``missing``, drawn on ``page`` (from new_page, used once: its context is closed after);
    ``opened``: the deck the page has loaded already (open_deck), as it is on disk now."""
    try:
        _shoot(page, missing, out, opened)
    finally:
        page.context.close()
    if blocked:
        raise CourseError(Problem("build/site", 0, f"a draft picture tried to load {blocked[0]} from outside "
                                  "the site"))


def open_deck(page, deck: str) -> None:
    """Load ``deck`` on ``page`` and set it up as a presenter shows it to the camera."""
    page.goto(Path(deck).as_uri())
    page.wait_for_selector(".reveal.ready", timeout=60000)
    page.evaluate(STILL_DECK_JS)
    page.evaluate(MATHJAX_WATCH)


def _shoot(page, missing: dict[str, Still], out: dict[str, Path], opened: str = "") -> None:
    decks_open = opened
    for still in sorted(missing.values(), key=lambda s: (s.deck, s.slide, s.shown, s.key)):
        target = out[still.key]
        if still.deck != decks_open:
            open_deck(page, still.deck)
            decks_open = still.deck
        if not page.evaluate(SHOW_SLIDE_JS, [still.slide, still.shown]):
            raise CourseError(Problem(still.deck, 0, f"the built deck has no slide '{still.slide}'; "
                                      "rebuild it with `make slides`"))
        page.wait_for_function(MATHJAX_DONE, timeout=60000)  # formulas typeset before the picture
        # Laid out, then every web font the layout asked for (MathJax's glyphs start loading only now).
        page.evaluate(NEXT_FRAMES)
        page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=60000)
        page.evaluate(SHOWN_READY)
        with fsio.atomic_path(target) as tmp:
            page.screenshot(path=str(tmp), type="png")


def source_of(still: Still, cache: Path) -> str:
    """Where what a still shows can be read: the deck and slide it captures, or a frame's text."""
    return f"{still.deck}#{still.slide}" if still.deck else str(cache / f"{still.key}.txt")

