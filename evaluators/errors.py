"""Re-export of the error hierarchy, which lives in ``core.errors`` below every layer.

Kept so the evaluators and the app can keep importing their errors from ``evaluators.errors``.
"""

from core.errors import (
    CoachError,
    ContentError,
    EngineUnavailable,
    InputError,
    RateLimited,
    StorageError,
)

__all__ = [
    "CoachError",
    "ContentError",
    "EngineUnavailable",
    "InputError",
    "RateLimited",
    "StorageError",
]
