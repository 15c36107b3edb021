"""Rubrics as YAML data (one per question kind, plus ``communication``) and their models/loader."""
