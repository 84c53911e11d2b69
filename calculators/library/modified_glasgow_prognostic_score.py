"""Modified Glasgow Prognostic Score (mGPS) for cancer outcomes."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="modified_glasgow_prognostic_score",
    name="Modified Glasgow Prognostic Score (mGPS) for Cancer Outcomes",
    synonyms=("mGPS", "modified Glasgow prognostic score"),
    category="oncology",
    source="McMillan DC. The systemic inflammation-based Glasgow Prognostic Score: a decade "
    "of experience in patients with cancer. Cancer Treat Rev. 2013;39(5):534-40.",
    doi="10.1016/j.ctrv.2012.08.003",
    output_type="integer",
    unit=None,
    description="Systemic inflammation score from CRP and albumin (0–2); higher scores carry "
    "worse cancer survival.",
)


class Inputs(QuantityInputs):
    """Inputs of the mGPS."""

    crp: float = quantity("crp", "mg/L", ge=0, le=1000, description="C-reactive protein")
    albumin: float = quantity("albumin", "g/L", ge=5, le=60, description="Albumin")


def compute(inputs: Inputs) -> CalcResult:
    """CRP ≤10 mg/L: 0; CRP >10 with albumin ≥35 g/L: 1; CRP >10 with albumin <35 g/L: 2."""
    if inputs.crp <= 10:
        score, why = 0, "CRP ≤10 mg/L (albumin not considered)"
    elif inputs.albumin >= 35:
        score, why = 1, "CRP >10 mg/L, albumin ≥35 g/L"
    else:
        score, why = 2, "CRP >10 mg/L, albumin <35 g/L"
    labels = {
        0: "mGPS 0: no systemic inflammatory response",
        1: "mGPS 1: intermediate prognosis",
        2: "mGPS 2: worst prognosis (systemic inflammation with hypoalbuminaemia)",
    }
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=labels[score],
        steps=[Step(label="mGPS", value=why, points=score, total=score)],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (CRP, albumin) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    albumin = f.quantity("albumin")
    if isinstance(albumin, float):  # a bare number: g/dL if ≤10, otherwise g/L
        albumin = [albumin, "g/dL" if albumin <= 10 else "g/L"]
    return {"crp": f.quantity("crp", "c reactive", default_unit="mg/L"), "albumin": albumin}
