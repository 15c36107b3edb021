"""Detect text that addresses the grader instead of answering the question.

A pure function so both engines share it: the offline evaluator zeroes such answers, and the
LLM engine uses it to cross-check the model (an answer made of instructions to the grader must
not score high whatever the model says). Patterns are deliberately specific — "ignore the
outliers" or "give the model more data" in an honest answer must not trigger.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.DOTALL

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "asks the grader to ignore its instructions",
        re.compile(
            r"\b(ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}"
            r"\b(instructions?|rubrics?|prompts?|guidelines|rules|criteria|grading|scoring|"
            r"system message)\b",
            _FLAGS,
        ),
    ),
    (
        "asks for a particular score",
        re.compile(
            r"\b(give|award|assign|grant|mark|rate|score|grade)\b[^.!?\n]{0,40}"
            r"(full (marks|score|points|credit)|maximum (score|marks|points)|perfect score|"
            r"top (score|marks)|highest (score|grade|marks)|\b100\s*(/\s*100|%|points)|"
            r"\b(10/10|5/5|4/4|A\+))",
            _FLAGS,
        ),
    ),
    (
        "tells the grader what the answer deserves",
        re.compile(
            r"\b(this|my|the) (answer|response|submission)\b[^.!?\n]{0,30}"
            r"\b(deserves|should (get|receive|be (given|graded|scored|rated)))\b",
            _FLAGS,
        ),
    ),
    (
        "addresses the grader directly",
        re.compile(
            r"\b(dear|note to( the)?|attention|hey|hello)\s+(grader|evaluator|examiner|"
            r"assessor|marker|ai|assistant|model|llm)\b|\b(you are|act as|pretend to be|"
            r"you're) (now )?(an? |the )?(helpful )?(grader|evaluator|examiner|assistant|ai)\b",
            _FLAGS,
        ),
    ),
    (
        "contains fake system or prompt markup",
        re.compile(
            r"<\|?/?\s*(system|im_start|im_end|assistant|user|instructions?)\s*\|?>|"
            r"\[/?(INST|SYS|SYSTEM)\]|<<\s*/?SYS\s*>>|^\s*#{1,6}\s*(system|instructions?)\b|"
            r"^\s*(system|assistant)\s*(prompt|message)?\s*:|</?\s*(answer|rubric|grading)\s*>|"
            r"\b(end of (the )?(answer|response|submission)|new instructions?|system prompt)\b",
            _FLAGS | re.MULTILINE,
        ),
    ),
    (
        "contains a grading payload (JSON with scores)",
        re.compile(
            r"[{,]\s*[\"']?(score|scores|overall|grade|rating|marks?|criteria|points)[\"']?"
            r"\s*:\s*[\[{\"'\d]",
            _FLAGS,
        ),
    ),
    (
        "contains grader instructions in another language",
        re.compile(
            r"\b(ignora|ignorez|ignoriere|ignorieren|ignore[sz]?)\b[^.!?\n]{0,40}"
            r"\b(instrucciones|instructions|anweisungen|istruzioni|instruções|règles|regeln)\b|"
            r"(puntuación máxima|nota máxima|note maximale|volle punktzahl|punteggio massimo|"
            r"满分|忽略.{0,10}(指令|说明|规则)|игнорируй|максимальн\w* балл)",
            _FLAGS,
        ),
    ),
)


def detect_injection(text: str) -> list[str]:
    """Reasons the text looks like instructions to the grader (empty list when it is clean)."""
    return [reason for reason, pattern in _PATTERNS if pattern.search(text)]


def injection_notice(reasons: list[str]) -> str:
    """The one wording both engines use to tell the user their answer addressed the grader."""
    return (
        f"The answer contains instructions to the grader ({'; '.join(reasons)}); they were ignored"
    )
