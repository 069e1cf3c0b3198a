"""Video scripts (scripts/NN_slug.md): segments, narration, stage directions and cues, with line numbers.

The grammar is design.md's: ``# Title`` once, ``## Segment`` headings, narration as paragraphs and bullets,
stage directions as blockquotes, and cue lines that start with a marker in any of the instructors'
decorations (``[X]``, ``**[X]**``, ``__[X]__``, `` `[X]` ``, ``__`[X]`__``) followed by a description and a
Markdown link. Markdown itself is parsed by markdown-it-py, so fenced code is code, never a cue.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coursekit.course.problems import Problem

MARKERS = ("SHOW IN VS CODE", "SHOW ON SLIDES", "SHOW ANIMATION", "SHOW IN BROWSER", "SHOW IN TERMINAL")
CUE_RE = re.compile(r"^\s*(?:\*\*|__)?`?\[(?P<marker>[A-Za-z][A-Za-z ]{2,40})\](?!\()`?(?:\*\*|__)?(?P<rest>.*)$", re.S)
URL_RE = re.compile(r"https?://[^\s<>()\[\]`]+[^\s<>()\[\]`.,;:!?'\"]")
WORD_RE = re.compile(r"[\w'’-]+")
# A sentence ends at . ? or ! (and any closing quote or bracket) followed by a space and a capital, a digit
# or code; "x.grad" and "0.5" have no space, and the abbreviations below never end one.
# A sentence ends at . ? or ! before a capital, a digit, or a code term (`torch.cat joins them` is heard as a new
# sentence although it starts in lower case): a word with . _ or ( inside it, other than e.g. and i.e.
SENTENCE_END_RE = re.compile(r"(?<=[.?!])[\"'”’)\]]*\s+"
                             r"(?=[\"'“‘(\[`]?[A-Z0-9_]|`?(?!e\.g\.|i\.e\.)[a-z_]\w*[._(][A-Za-z_])")
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.")


def sentences(text: str) -> list[str]:
    """The sentences of one narration paragraph or bullet, in order; text without an ending is one sentence."""
    pieces: list[str] = []
    start = 0
    for m in SENTENCE_END_RE.finditer(text):
        piece = text[start:m.start() + len(m.group(0).rstrip())].strip()
        if pieces and pieces[-1].lower().endswith(ABBREVIATIONS):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        if pieces and pieces[-1].lower().endswith(ABBREVIATIONS):
            pieces[-1] = f"{pieces[-1]} {rest}"
        else:
            pieces.append(rest)
    return [p for p in pieces if p]


@dataclass
class Link:
    text: str
    target: str


@dataclass
class Cue:
    marker: str
    description: str
    line: int
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    segment: int = 0

    @property
    def link(self) -> Link | None:
        return self.links[0] if self.links else None

    @property
    def kind(self) -> str:
        """Short name of the marker: 'vscode', 'slides', 'animation', 'browser' or 'terminal'."""
        return {"SHOW IN VS CODE": "vscode", "SHOW ON SLIDES": "slides", "SHOW ANIMATION": "animation",
                "SHOW IN BROWSER": "browser", "SHOW IN TERMINAL": "terminal"}[self.marker]


@dataclass
class Block:
    """One piece of a segment in reading order: narration, a stage direction, a sub-heading or a cue."""
    kind: str  # "narration", "bullet", "direction", "heading", "code" or "cue"
    text: str
    line: int
    cue: Cue | None = None
    markdown: str = ""  # the inline Markdown source, for rendering


@dataclass
class Segment:
    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def cues(self) -> list[Cue]:
        return [b.cue for b in self.blocks if b.cue]

    @property
    def narration(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("narration", "bullet")]

    @property
    def narration_markdown(self) -> list[str]:
        return [("- " if b.kind == "bullet" else "") + b.markdown for b in self.blocks if b.kind in ("narration", "bullet")]

    @property
    def words(self) -> int:
        return sum(len(WORD_RE.findall(t)) for t in self.narration)


@dataclass
class Script:
    path: str
    title: str
    line: int
    segments: list[Segment]
    problems: list[Problem]

    @property
    def cues(self) -> list[Cue]:
        return [c for s in self.segments for c in s.cues]

    @property
    def words(self) -> int:
        return sum(s.words for s in self.segments)


def _plain(children, keep_link_text: bool = True) -> tuple[str, list[Link]]:
    """Text of an inline token's children and the links they hold; a link shows as its text when kept."""
    parts: list[str] = []
    links: list[Link] = []
    href = None
    link_text: list[str] = []
    for child in children or []:
        if child.type == "link_open":
            href, link_text = child.attrs.get("href", ""), []
        elif child.type == "link_close":
            links.append(Link("".join(link_text), str(href)))
            href = None
        elif child.type in ("text", "code_inline", "html_inline"):  # inline HTML is text, never markup
            (link_text if href is not None else parts).append(child.content)
            if href is not None and keep_link_text:
                parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip(), links


def _marker(written: str) -> str:
    return " ".join(written.upper().split())


def _split_at_cues(content: str) -> list[tuple[int, str]]:
    """A paragraph's source cut around each line that starts with something marker-like, since a cue is
    one line: [(line offset, text)]."""
    chunks: list[tuple[int, list[str]]] = []
    after_cue = False
    for offset, text in enumerate(content.split("\n")):
        is_cue = bool(CUE_RE.match(text))
        if not chunks or is_cue or after_cue:
            chunks.append((offset, [text]))
        else:
            chunks[-1][1].append(text)
        after_cue = is_cue
    return [(offset, "\n".join(texts)) for offset, texts in chunks]


def _marker_problem(written: str) -> str | None:
    """A message when ``written`` looks like a mistyped cue marker, None when it is just bracketed text."""
    upper = " ".join(written.upper().split())
    close = difflib.get_close_matches(upper, MARKERS, n=1, cutoff=0.6)
    if close or upper.startswith("SHOW"):
        hint = f"; did you mean [{close[0]}]?" if close else ""
        return f"unknown cue marker [{written}]{hint} Markers are: " + ", ".join(f"[{m}]" for m in MARKERS)
    return None


def parse_text(text: str, shown: str) -> Script:
    problems: list[Problem] = []
    lines = text.splitlines()
    tokens = _markdown().parse(text)
    title, title_line = "", 0
    segments: list[Segment] = []
    quote_depth = 0
    last_cue: Cue | None = None  # the cue that indented bullets right after it annotate

    def segment(line: int) -> Segment:
        if not segments:  # material before the first '##' forms an opening segment
            segments.append(Segment(title or "Opening", title_line or line))
        return segments[-1]

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] + 1 if tok.map else 0
        if tok.type == "heading_open":
            content, _ = _plain(tokens[i + 1].children)
            if tok.tag == "h1":
                if title:
                    problems.append(Problem(shown, line, f"second '# ' title (the first is at line {title_line}); "
                                            "a script has one title, segments use '## '"))
                else:
                    title, title_line = content, line
            elif tok.tag == "h2":
                segments.append(Segment(content, line))
            else:
                segment(line).blocks.append(Block("heading", content, line))
            last_cue = None
            i += 3
            continue
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type in ("fence", "code_block"):
            segment(line).blocks.append(Block("code", tok.content, line))
            last_cue = None
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            first = tokens[i - 1].map[0] + 1
            in_item = i >= 2 and tokens[i - 2].type == "list_item_open"
            # Every line that starts with a marker is a cue of its own, even with no blank line before it.
            for offset, chunk in _split_at_cues(tok.content):
                line = first + offset
                content, _ = _plain(_markdown().parseInline(chunk)[0].children)
                if quote_depth:
                    segment(line).blocks.append(Block("direction", content, line, markdown=chunk))
                elif (m := CUE_RE.match(chunk)) and _marker(m["marker"]) in MARKERS:
                    description, rest_links = _plain(_markdown().parseInline(m["rest"])[0].children,
                                                     keep_link_text=False)
                    if not rest_links:  # a bare URL, as the seeds write browser cues
                        rest_links = [Link(u, u) for u in URL_RE.findall(m["rest"])]
                        for link in rest_links:
                            description = description.replace(link.target, "")
                    last_cue = Cue(_marker(m["marker"]), " ".join(description.split()), line, rest_links,
                                   segment=len(segments) - 1 if segments else 0)
                    segment(line).blocks.append(Block("cue", last_cue.description, line, last_cue))
                elif m and (msg := _marker_problem(m["marker"])):
                    problems.append(Problem(shown, line, msg))
                    last_cue = None
                elif in_item and last_cue and lines[line - 1][:1].isspace():
                    last_cue.notes.append(content)
                else:
                    segment(line).blocks.append(Block("bullet" if in_item else "narration", content, line,
                                                      markdown=chunk))
                    if not in_item:
                        last_cue = None
        elif tok.type == "html_block":  # raw HTML in a script is text to read, never markup
            text = tok.content.strip()
            if text:
                segment(line).blocks.append(Block("narration", text, line, markdown=text))
            last_cue = None
        i += 1

    if not title and not segments:
        problems.append(Problem(shown, 0, "empty script: write a '# Title', then '## Segment' headings with "
                                "narration and cues"))
    elif not title:
        problems.append(Problem(shown, 1, "no '# Title' line; a script starts with its title"))
    return Script(shown, title, title_line, segments, problems)


@lru_cache(maxsize=4)
def _markdown(html: bool = True):
    """One CommonMark parser per process: building one costs more than parsing a paragraph with it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": html})


def parse(path: Path, shown: str | None = None) -> Script:
    """The script at ``path``, parsed once per process for each version of the file (pages and checks read it
    many times; a parsed Script is never changed by its readers)."""
    shown = shown or str(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return _parse_file(path, shown, None, None)
    return _parse_file(path, shown, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parse_file(path: Path, shown: str, mtime_ns: int | None, size: int | None) -> Script:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Script(shown, "", 0, [], [Problem(shown, line, "not valid UTF-8 text; save the script as UTF-8")])
    from coursekit.course import parsed

    return parsed.memo("script", text, shown, lambda: parse_text(text, shown))


def inline(markdown: str):
    """A script's inline Markdown as HTML with raw HTML disabled, as every page and deck shows it: a line that
    holds <script> is words to read, never markup that runs."""
    from markupsafe import Markup

    return Markup(_markdown(False).renderInline(markdown))
