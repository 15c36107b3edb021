"""Job descriptions and résumés as text a plan can use: read, bound, split into requirements.

Pure functions of the text, so the CLI, the app and the tests see the same requirements. A job
description is a few dozen bullet points mixed with boilerplate (benefits, equal opportunity,
"about us"); the planner retrieves per requirement, so the splitting decides what it can match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_CHARS = 20_000
"""Longer pastes are truncated: a real JD is 2–6k characters, a résumé rarely over 10k."""

MIN_REQUIREMENT_WORDS = 3
"""Fewer words is a heading ("Requirements", "About you") rather than something to practise."""

MAX_REQUIREMENT_CHARS = 300
"""A longer 'sentence' is a run-on paragraph; it is split on clause breaks instead."""

ENGLISH_STOPWORD_SHARE = 0.12
"""Share of common English function words below which text is not English. English prose,
bullet lists included, measures 0.2–0.45; French, German or Spanish JDs measure under 0.06."""

MIN_WORDS_FOR_LANGUAGE = 15
"""Shorter texts are too small to judge their language reliably."""

_BOILERPLATE = re.compile(
    r"\b(equal opportunity|benefits?|salary|compensation|401\(?k\)?|paid time off|pto|"
    r"health insurance|dental|visa sponsorship|apply now|privacy notice|accommodation|"
    r"we are an? .{0,30}employer|about (us|the company)|perks|parental leave|stock options)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^(about|what|who|why|how|our|the|your|you|requirements?|responsibilities|qualifications|"
    r"nice|bonus|benefits|perks|role|team|job|position|skills|preferred|minimum|basic|key)\b"
    r"[^.!?]{0,40}$",
    re.IGNORECASE,
)
"""A section heading ("About the role", "What you will do", "Nice to have") is not a requirement."""
ML_TERMS = re.compile(
    r"\b(machine learning|ml|ai|artificial intelligence|models?|modell?ing|data|statistic\w*|"
    r"train\w*|inference|learning|neural|deep|llms?|language models?|nlp|vision|recommend\w*|"
    r"rank\w*|search|retrieval|rag|embeddings?|features?|experiment\w*|a/b|metrics?|python|"
    r"pytorch|tensorflow|jax|pipelines?|mlops|spark|sql|analytics|predict\w*|forecast\w*|"
    r"classif\w*|regression|cluster\w*|transformers?|gpus?|evaluat\w*|drift|serving|"
    r"deploy\w*|algorithms?|optimi[sz]\w*|probabilit\w*|causal|fine-tun\w*)\b",
    re.IGNORECASE,
)
"""Words that make a requirement about ML or data work, whatever the embedding says: the
embedding alone puts "Manage supplies, mail and deliveries" at cosine 0.40 to a bank key point."""
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–—]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"'])")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|, and |, or | - | – | — )\s*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'+#.-]*")
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "the a an and or of to in on for with is are be we you our your will as at by from this "
        "that who have has it its into about experience can work team",
    )
)


@dataclass(frozen=True)
class JobText:
    """The text a plan is built from, with what was changed on the way (for notices)."""

    text: str
    notices: list[str] = field(default_factory=list)


def bound_text(raw: str, what: str) -> JobText:
    """Normalise line ends and truncate an over-long paste, saying so."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    notices = []
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        notices.append(
            f"The {what} is long ({len(raw):,} characters); only the first {len(text):,} "
            "characters were used."
        )
    return JobText(text, notices)


def looks_english(text: str) -> bool:
    """True unless there are enough words to tell and few of them are English function words."""
    words = [w.lower() for w in _WORD.findall(text)]
    letters = sum(c.isalpha() for c in text)
    ascii_letters = sum(c.isascii() and c.isalpha() for c in text)
    if letters and ascii_letters / letters < 0.6:
        return False
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True
    return sum(w in _STOPWORDS for w in words) / len(words) >= ENGLISH_STOPWORD_SHARE


def _pieces(line: str) -> list[str]:
    sentences = _SENTENCE_END.split(line)
    out: list[str] = []
    for sentence in sentences:
        if len(sentence) <= MAX_REQUIREMENT_CHARS:
            out.append(sentence)
        else:
            out.extend(p for p in _CLAUSE_BREAK.split(sentence) if p)
    return out


def requirements(text: str) -> list[str]:
    """The requirement-like sentences of a JD or résumé: bullets and sentences, no boilerplate.

    Headings, one- and two-word lines and benefits/legal lines are dropped; duplicates are kept
    once, in their first position (JDs repeat themselves between summary and bullets).
    """
    found: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        line = _BULLET.sub("", line).strip().strip("•*").strip()
        for piece in _pieces(line):
            piece = piece.strip(" :-–—").strip()
            if (
                len(_WORD.findall(piece)) < MIN_REQUIREMENT_WORDS
                or _BOILERPLATE.search(piece)
                or _HEADING.match(piece)
                or piece.endswith(":")
            ):
                continue
            key = piece.lower()
            if key not in seen:
                seen.add(key)
                found.append(piece)
    return found


_ROLE_WORDS = re.compile(
    r"\b(engineer|scientist|developer|researcher|architect|lead|manager|specialist|analyst)\b",
    re.IGNORECASE,
)
_HIRING = re.compile(
    r"\b(?:hiring|looking for|seeking|join us as|role of|position of)\s+(?:an?\s+|our\s+|the\s+)?"
    r"(?P<role>[A-Z][\w/&+,. -]{3,80}?)(?=\s+(?:to|who|with|that|in|on|at)\b|[.,;:!\n]|$)",
)
DEFAULT_ROLE = "Machine Learning Engineer"


def role_title(text: str) -> str:
    """The role the JD is for: a short title line at the top, a "hiring a …" phrase, or MLE."""
    for line in text.split("\n")[:5]:
        line = _BULLET.sub("", line).strip().strip("#*").strip()
        if line and len(line.split()) <= 12 and _ROLE_WORDS.search(line) and not line.endswith("."):
            return line.split(" | ")[0].strip()
    if match := _HIRING.search(text):
        return match.group("role").strip()
    return DEFAULT_ROLE


def quote(phrase: str, limit: int = 90) -> str:
    """A JD phrase short enough to quote in one line, cut at a word boundary."""
    phrase = " ".join(phrase.split())
    if len(phrase) <= limit:
        return phrase
    return phrase[: phrase.rfind(" ", 0, limit - 1)].rstrip(",;:") + "…"
