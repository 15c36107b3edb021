"""The feedback engine: schemas, offline and LLM evaluators, STAR analysis, speech, delivery."""

import knowledge as _knowledge  # noqa: F401  (offline switches before any model library)
