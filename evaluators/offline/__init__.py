"""The offline evaluator: rubric-based feedback with the embedded MiniLM model, no network.

Exports resolve lazily so that light users (``evaluators.star``, the LLM engine's injection
cross-check) can import the pure helper modules without loading the evaluator.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evaluators.offline.evaluator import OfflineEvaluator as OfflineEvaluator
    from evaluators.offline.injection import detect_injection as detect_injection
    from evaluators.offline.scoring import overall_score as overall_score

_EXPORTS = {
    "OfflineEvaluator": "evaluators.offline.evaluator",
    "detect_injection": "evaluators.offline.injection",
    "overall_score": "evaluators.offline.scoring",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
