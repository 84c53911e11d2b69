"""Horowitz index (PaO₂/FiO₂ ratio) with the Berlin ARDS severity bands."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pf_ratio",
    name="Horowitz Index for Lung Function (P/F Ratio)",
    synonyms=(
        "P/F ratio",
        "PaO2/FiO2 ratio",
        "PaO₂/FiO₂ ratio",
        "Horowitz index",
        "Horowitz quotient",
    ),
    category="pulmonology",
    source="ARDS Definition Task Force. Acute respiratory distress syndrome: the Berlin "
    "Definition. JAMA. 2012;307(23):2526-33.",
    doi="10.1001/jama.2012.5669",
    output_type="decimal",
    unit="mmHg",
    description="Arterial oxygen tension over inspired oxygen fraction; with PEEP ≥5 cmH₂O the "
    "Berlin definition grades ARDS as mild (200–300), moderate (100–200), "
    "severe (≤100).",
)


class Inputs(QuantityInputs):
    """Inputs of the P/F ratio."""

    pao2: float = quantity("pressure", "mmHg", ge=10, le=700, description="Arterial PaO₂")
    fio2: float = quantity(
        "fio2", "fraction", ge=0.21, le=1.0, description="Inspired oxygen fraction (0.21–1.0, or %)"
    )


# Berlin Definition (JAMA 2012): severity by P/F with PEEP/CPAP ≥5 cmH₂O and observed
# mortality: mild 27%, moderate 32%, severe 45%.
_BANDS = ((100.0, "Severe", "45%"), (200.0, "Moderate", "32%"), (300.0, "Mild", "27%"))


def compute(inputs: Inputs) -> CalcResult:
    """P/F = PaO₂ (mmHg) / FiO₂ (fraction)."""
    pf = inputs.pao2 / inputs.fio2
    label = "Above the ARDS range (>300 mmHg)"
    for upper, grade, mortality in _BANDS:
        if pf <= upper:
            label = f"{grade} ARDS range (Berlin; if ARDS criteria are met, mortality {mortality})"
            break
    return CalcResult(
        calculator=META.id,
        value=round(pf, 1),
        unit="mmHg",
        interpretation=label,
        steps=[
            Step(
                label="P/F ratio",
                value=round(pf, 1),
                detail=f"{inputs.pao2:g} mmHg ÷ {inputs.fio2:g}",
            )
        ],
        warnings=[
            "The Berlin grades apply only with PEEP or CPAP ≥5 cmH₂O and the other "
            "ARDS criteria (timing, bilateral opacities, not cardiac)."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (PaO2, FiO2 in %) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"pao2": f.quantity("pao2", default_unit="mmHg"), "fio2": _fio2(f.quantity("fio2"))}


def _fio2(q: Any) -> Any:
    # A bare FiO2 above 1 can only be a percentage.
    if isinstance(q, float) and q > 1:
        return [q, "%"]
    return q
