"""What the immune-related adverse event (irAE) grading calculators share.

Each irAE calculator grades one organ toxicity of immune checkpoint inhibitor therapy by the
ASCO 2018 guideline tables (which use CTCAE v5 wording): every criterion the findings meet
points to a grade, and the toxicity takes the highest such grade (G1-G4).

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from m3agent.calculators.base import CalcResult, Step

SOURCE = (
    "Brahmer JR, Lacchetti C, Schneider BJ, et al. Management of immune-related adverse events "
    "in patients treated with immune checkpoint inhibitor therapy: American Society of Clinical "
    "Oncology Clinical Practice Guideline. J Clin Oncol. 2018;36(17):1714-1768."
)
DOI = "10.1200/JCO.2017.77.6385"
PMID = "29442540"


def graded_result(
    calculator: str,
    toxicity: str,
    criteria: Sequence[tuple[str, Any, int]],
    warnings: Sequence[str] = (),
) -> CalcResult:
    """The highest grade any criterion meets, with one Step per criterion.

    Args:
        calculator: The calculator id.
        toxicity: The toxicity graded ("Pneumonitis").
        criteria: ``(label, observed value, grade it meets)``; grade 0 when not met.
        warnings: Caveats to pass on (e.g. a grade-4 criterion not assessed).
    """
    grade = max((g for _, _, g in criteria), default=0)
    steps = [
        Step(label=label, value=value, detail=f"meets G{g}" if g else "no grade criterion met")
        for label, value, g in criteria
    ]
    if grade == 0:
        text = f"No {toxicity.lower()} grade met (G0)"
    else:
        text = f"G{grade} {toxicity.lower()} (highest grade any finding meets)"
    return CalcResult(
        calculator=calculator,
        value=f"G{grade}",
        interpretation=text,
        steps=steps,
        warnings=list(warnings),
    )


def not_assessed(value: bool | None, what: str) -> list[str]:
    """A warning when an optional grade-4 finding was not given."""
    return [f"{what} not given: assumed absent"] if value is None else []
