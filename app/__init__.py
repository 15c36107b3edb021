"""Interview Coach application: Streamlit UI, the ``coach`` CLI, settings and persistence."""

import knowledge as _knowledge  # noqa: F401  (offline switches before any model library)
