"""FRACTURE Index: 5-year risk of hip fracture in older women."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="fracture_index",
    name="FRACTURE Index",
    synonyms=("FRACTURE index score",),
    category="geriatrics",
    source=(
        "Black DM, Steinbuch M, Palermo L, et al. An assessment tool for predicting fracture "
        "risk in postmenopausal women. Osteoporos Int. 2001;12(7):519-28."
    ),
    doi="10.1007/s001980170072",
    pmid="11527048",
    output_type="integer",
    description="Age, prior fracture, maternal hip fracture, weight ≤125 lb, smoking, use of "
    "arms to stand and (optionally) hip BMD T-score predict 5-year hip fracture risk.",
)


class Inputs(QuantityInputs):
    """Inputs of the FRACTURE Index (the BMD item is optional in the published index)."""

    age: float = Field(ge=40, le=120, description="Age [years]")
    fracture_after_50: bool = Field(description="Any fracture after age 50")
    maternal_hip_fracture: bool = Field(description="Mother had a hip fracture after age 50")
    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")
    current_smoker: bool = Field(description="Current smoker")
    arms_to_stand: bool = Field(description="Needs arms to stand up from a chair")
    hip_t_score: float | None = Field(
        default=None, ge=-6, le=4, description="Total hip BMD T-score (optional)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum the FRACTURE Index points (Black 2001)."""
    i = inputs
    age_pts = (
        0
        if i.age < 65
        else 1
        if i.age < 70
        else 2
        if i.age < 75
        else 3
        if i.age < 80
        else 4
        if i.age < 85
        else 5
    )
    items = [
        ("Age", i.age, age_pts),
        ("Fracture after 50", i.fracture_after_50, int(i.fracture_after_50)),
        ("Maternal hip fracture", i.maternal_hip_fracture, int(i.maternal_hip_fracture)),
        ("Weight ≤125 lb (56.7 kg)", round(i.weight, 1), 1 if i.weight <= 56.7 else 0),
        ("Current smoker", i.current_smoker, int(i.current_smoker)),
        ("Uses arms to stand", i.arms_to_stand, 2 if i.arms_to_stand else 0),
    ]
    if i.hip_t_score is not None:
        t = i.hip_t_score
        items.append(
            ("Hip BMD T-score", t, 0 if t >= -1 else 2 if t > -2 else 3 if t > -2.5 else 4)
        )
    steps, total = tally(items)
    score = int(total)
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation="Higher scores carry higher 5-year hip fracture risk "
        f"({'with' if i.hip_t_score is not None else 'without'} BMD)",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc FRACTURE Index inputs → Inputs (weight category ≤125 lb as 125 lb)."""
    weight = str(mm.get(inputs, r"weight"))
    out: dict[str, Any] = {
        "age": mm.number(mm.get(inputs, r"^age")),
        "fracture_after_50": mm.yes(mm.get(inputs, r"history of any fracture|fracture after")),
        "maternal_hip_fracture": mm.yes(mm.get(inputs, r"mother")),
        "weight": mm.quantity(weight, "lb") if not weight.strip().startswith(">") else [126, "lb"],
        "current_smoker": mm.yes(mm.get(inputs, r"smok")),
        "arms_to_stand": mm.yes(mm.get(inputs, r"arms")),
    }
    bmd = mm.opt(inputs, r"bmd|t-score")
    if bmd is not None and re.search(r"\d", str(bmd)):
        nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", str(bmd))]
        out["hip_t_score"] = sum(nums) / len(nums)
    return out
