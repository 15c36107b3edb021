"""Job-description text: requirements split from bullets and prose, headings and boilerplate out."""

from __future__ import annotations

from knowledge.jd import (
    DEFAULT_ROLE,
    MAX_CHARS,
    bound_text,
    looks_english,
    quote,
    requirements,
    role_title,
)

JD = """Senior ML Engineer, Search

About the role
We are hiring an engineer to improve search ranking for our marketplace. You will own it.

What you will do:
- Train learning-to-rank models on click logs; correct position bias.
• Run A/B tests and read them correctly.
1) Build feature pipelines in Spark

Benefits
- Competitive salary and stock options.
We are an equal opportunity employer.
"""


def test_requirements_are_bullets_and_sentences_without_headings_or_boilerplate() -> None:
    found = requirements(JD)
    assert "Train learning-to-rank models on click logs; correct position bias." in found
    assert "Run A/B tests and read them correctly." in found
    assert "Build feature pipelines in Spark" in found
    assert "We are hiring an engineer to improve search ranking for our marketplace." in found
    for noise in ("About the role", "What you will do:", "Benefits"):
        assert noise not in found
    assert not any("salary" in r or "equal opportunity" in r for r in found)


def test_duplicates_are_kept_once_in_first_position() -> None:
    text = "Build ranking models for search.\n- Build ranking models for search.\n- Ship them."
    text += " Monitor them in production."
    assert requirements(text) == ["Build ranking models for search.", "Monitor them in production."]


def test_role_comes_from_a_title_line_or_a_hiring_phrase() -> None:
    assert role_title(JD) == "Senior ML Engineer, Search"
    prose = "We are looking for a Staff Data Scientist to lead pricing models."
    assert role_title(prose) == "Staff Data Scientist"
    assert role_title("Build models. Ship them.") == DEFAULT_ROLE


def test_language_check_flags_other_languages_but_not_terse_english_bullets() -> None:
    assert looks_english(JD)
    french = (
        "Nous recherchons un ingénieur pour concevoir des modèles et les déployer en production. "
        "Vous travaillerez avec les équipes produit sur les métriques et la qualité des données."
    )
    assert not looks_english(french)
    assert not looks_english("機械学習エンジニアを募集しています。" * 5)
    assert looks_english("PyTorch, Kubernetes")  # too short to judge: not flagged


def test_long_text_is_truncated_with_a_notice() -> None:
    long = ("- Build and monitor ranking models in production.\n" * 1000).strip()
    bounded = bound_text(long, "job description")
    assert len(bounded.text) <= MAX_CHARS
    assert bounded.notices and "first" in bounded.notices[0]
    assert bound_text("short", "job description").notices == []


def test_quotes_are_cut_at_a_word_boundary() -> None:
    phrase = "Design retrieval-augmented generation pipelines with hybrid retrieval and re-ranking"
    short = quote(phrase, 40)
    assert short.endswith("…") and len(short) <= 40
    assert phrase.startswith(short[:-1])
