"""The offline evaluator: rubric-based feedback with the embedded MiniLM model, no network.

Importing it loads no model: MiniLM is loaded on the first evaluation. The helpers both engines
share (overall score, injection detector, text primitives) live in ``evaluators`` itself.
"""

from evaluators.offline.evaluator import OfflineEvaluator

__all__ = ["OfflineEvaluator"]
