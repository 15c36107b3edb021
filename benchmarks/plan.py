"""Practice-plan speed and focus, on the job descriptions the tests use.

For each JD in ``tests/fixtures/jds``: the warm time of ``build_plan`` (index open, models
loaded), the raw embedding time of the same requirement sentences in the same run (the
baseline: planning is one batched retrieval plus ranking), their ratio, and how many of the 12
questions are about the role's own area (the same keyword test as tests/knowledge/test_plan.py).

    .venv/bin/python benchmarks/plan.py [-n 12]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import knowledge_base  # noqa: E402
from benchmarks.speed import best_of  # noqa: E402
from knowledge.embeddings import embed  # noqa: E402
from knowledge.jd import requirements  # noqa: E402
from knowledge.plan import build_plan  # noqa: E402
from tests.knowledge.test_plan import ROLE_AREAS  # noqa: E402

JDS = ROOT / "tests" / "fixtures" / "jds"
REPEATS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=12)
    args = parser.parse_args()
    kb = knowledge_base()
    content, index = kb.content, kb.index
    embed(["warm up"])
    print(f"{'job description':<24} {'plan s':>7} {'embed s':>8} {'ratio':>6} {'on area':>8}")
    for path in sorted(JDS.glob("*.txt")):
        if path.name == "resume.txt":
            continue
        jd = path.read_text()
        build_plan(content, index, jd, n=args.n)  # warm caches
        plan_s = best_of(lambda jd=jd: build_plan(content, index, jd, n=args.n), REPEATS)
        embed_s = best_of(lambda jd=jd: embed(requirements(jd)), REPEATS)
        plan = build_plan(content, index, jd, n=args.n)
        area = ROLE_AREAS.get(path.name)
        on_area = "-"
        if area:
            hits = 0
            for q in plan.questions:
                question = content.questions[q.id]
                text = " ".join([question.prompt, *question.key_points, *question.tags])
                hits += re.search(area, text, re.IGNORECASE) is not None
            on_area = f"{hits}/{len(plan.questions)}"
        print(
            f"{path.name:<24} {plan_s:>7.3f} {embed_s:>8.3f} {plan_s / embed_s:>5.1f}x {on_area:>8}"
        )


if __name__ == "__main__":
    main()
