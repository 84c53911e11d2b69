"""What the Karnofsky and Lansky scales share: one level out of 0-100 in steps of 10.

The Karnofsky Performance Status (Karnofsky & Burchenal 1949) and the Lansky Play-Performance
Scale (Lansky 1987, modelled on it for children) each rate function as a single level 0, 10,
..., 100 with a published description; the score is the level itself.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, field_validator

from m3agent.calculators.base import CalcInputs, CalcResult, Step
from m3agent.calculators.library._medmcp_fields import Fields

#: Level → its descriptions (the first is the one shown; the others are accepted answers).
Levels = Mapping[int, tuple[str, ...]]


def level_field(scale: str, levels: Levels) -> Any:
    """The ``score`` input of a 0-100 scale, its description listing every level."""
    return Field(
        ge=0,
        le=100,
        description=f"{scale} level (multiple of 10): "
        + "; ".join(f"{k} {v[0]}" for k, v in levels.items()),
    )


class LevelInputs(CalcInputs):
    """Inputs of a 0-100 scale in steps of 10 (subclasses give ``score`` its description)."""

    score: int = Field(ge=0, le=100, description="Level (multiple of 10)")

    @field_validator("score")
    @classmethod
    def _step_of_ten(cls, v: int) -> int:
        if v % 10:
            raise ValueError(f"expected a multiple of 10 (0, 10, ..., 100), found {v}")
        return v


def level_result(
    calculator: str,
    scale: str,
    score: int,
    levels: Levels,
    *,
    unit: str | None = None,
    warnings: list[str] | None = None,
) -> CalcResult:
    """The level as the value, with its description as interpretation and single step."""
    text = levels[score][0]
    return CalcResult(
        calculator=calculator,
        value=score,
        unit=unit,
        interpretation=f"{scale} {score}: {text}.",
        steps=[Step(label=f"{scale} level", value=score, points=score, total=score, detail=text)],
        warnings=warnings or [],
    )


def read_level(inputs: list[dict[str, Any]], calculator: str, keyword: str, levels: Levels) -> int:
    """Read the level from the MedMCP-Calc patient description (matched against ``levels``)."""
    f = Fields(inputs, calculator)
    return f.option("description", keyword, "patient", options=levels)
