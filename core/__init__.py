"""The bottom layer: error types and located-YAML diagnostics that every package shares.

Imports nothing of ours, so ``rubrics``, ``knowledge``, ``evaluators`` and ``app`` can all use it
without an import running up the layering (app → evaluators → knowledge → rubrics → core).
"""
