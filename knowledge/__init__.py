"""Question bank, its loader/validator, and the Chroma index of rubric and knowledge chunks."""

from knowledge import offline as _offline  # noqa: F401  (sets offline switches first)
