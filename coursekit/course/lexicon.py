"""The pronunciation lexicon: how a script's written words, code terms above all, are spoken.

One mapping serves two readers: the draft voice (speak `grad_fn` as "grad F N") and the aligner of a real
take (expect the words "grad F N" where the script wrote `grad_fn`). Entries live in the course's
``lexicon.toml``; a code token without an entry is spoken by rule (``a.b`` -> "a dot b", ``a_b`` -> "a b",
``__a__`` -> "dunder a", CamelCase split, ``()`` dropped), so no term is ever unspeakable.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.course.problems import CourseError, Problem

FILE = "lexicon.toml"
EDGE = "\"'“”‘’,;:!?()[]{}`*"
CAMEL_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)?|[a-z]+")
DUNDER_RE = re.compile(r"^__(\w+?)__$")
CODE_RE = re.compile(r"[._()\[\]=]|[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")


@dataclass(frozen=True)
class Token:
    written: str  # as the script writes it, punctuation around it included
    spoken: str  # the words said for it ('' for punctuation alone)


@dataclass
class Lexicon:
    terms: dict[str, str] = field(default_factory=dict)
    source: str = FILE

    @classmethod
    def load(cls, root: Path) -> Lexicon:
        path = root / FILE
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except tomllib.TOMLDecodeError as exc:
            raise CourseError(Problem(FILE, getattr(exc, "lineno", 0), f"not valid TOML: {exc}")) from None
        terms = table.get("terms", {})
        bad = [k for k, v in terms.items() if not isinstance(v, str) or not v.strip() or not k.strip()]
        if bad or set(table) - {"terms"}:
            raise CourseError(Problem(FILE, 0, "expected one [terms] table of \"written\" = \"spoken words\" entries; "
                                      f"check {bad[:3] or sorted(set(table) - {'terms'})}"))
        return cls(dict(terms), FILE)

    def digest(self) -> dict[str, str]:
        return dict(sorted(self.terms.items()))

    def _code(self, core: str) -> str:
        """A code-like token spoken by rule, its parts looked up first."""
        if core in self.terms:
            return self.terms[core]
        if m := DUNDER_RE.match(core):
            return "dunder " + self._code(m.group(1))
        spoken = []
        for dotted in (p for p in core.split(".") if p):  # a.b is "a dot b"; brackets and calls are pauses
            words = []
            for part in (p for p in re.split(r"[\[\]()=,]+", dotted) if p):
                if part in self.terms:
                    words.append(self.terms[part])
                    continue
                for piece in part.split("_"):
                    if piece in self.terms:
                        words.append(self.terms[piece])
                    elif piece:
                        words.extend(CAMEL_RE.findall(piece) or [piece])
                if part.endswith("_") and not part.startswith("_"):
                    words.append("underscore")  # in-place methods: requires_grad_, add_
            spoken.append(" ".join(words))
        return " dot ".join(s for s in spoken if s)

    def word(self, written: str) -> str:
        """The spoken form of one whitespace-free token, without its surrounding punctuation."""
        return self._word(written)[0]

    def _word(self, written: str) -> tuple[str, bool]:
        """(spoken form, whether a final '.' was punctuation rather than part of the term)."""
        core = written.strip(EDGE)
        if core in self.terms:
            return self.terms[core], False
        bare = core.rstrip(".")
        if not bare:
            return "", bool(core)
        spoken = self.terms.get(bare) or (self._code(bare) if CODE_RE.search(bare) else bare)
        return spoken, bare != core

    def tokens(self, text: str) -> list[Token]:
        return [Token(w, self.word(w)) for w in text.split()]

    def spoken(self, text: str) -> str:
        """``text`` as the voice should say it: code terms replaced, sentence punctuation kept for prosody."""
        out = []
        for written in text.split():
            spoken, full_stop = self._word(written)
            lead = written[: len(written) - len(written.lstrip(EDGE))]
            tail = written[len(written.rstrip(EDGE)):]
            if full_stop:
                tail = "." + tail
            lead, tail = (re.sub(r"[`*()\[\]{}]", "", s) for s in (lead, tail))
            out.append(f"{lead}{spoken}{tail}" if spoken else tail)
        return " ".join(s for s in out if s).strip()

    def words(self, text: str) -> list[str]:
        """The spoken words of ``text``, lower-case, without punctuation: what an aligner listens for."""
        return [w.lower() for t in self.tokens(text) for w in re.findall(r"[A-Za-z0-9']+", t.spoken)]
