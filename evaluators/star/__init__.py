"""STAR analysis of behavioral stories: detection in free text, judgement of builder boxes."""

from evaluators.star.detect import Detector, analyze_star, ownership_ratio

__all__ = ["Detector", "analyze_star", "ownership_ratio"]
