"""The one place that switches off network access and telemetry for every library we use.

Imported by each of our packages' ``__init__`` so the switches are in the environment before
sentence-transformers, huggingface_hub, chromadb, onnxruntime, ctranslate2 or Streamlit are
imported anywhere. ``setdefault`` keeps an operator's explicit choice.
"""

from __future__ import annotations

import os

OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb
    "CHROMA_TELEMETRY_IMPL": "none",
    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}


def apply() -> None:
    """Set every offline/telemetry switch unless the environment already sets it."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


apply()
