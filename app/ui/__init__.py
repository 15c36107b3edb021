"""Streamlit building blocks shared by the pages (components, resources, pure helpers)."""
