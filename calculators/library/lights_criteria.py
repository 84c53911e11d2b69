"""Light's criteria for exudative pleural effusions."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="lights_criteria",
    name="Light's Criteria for Exudative Effusions",
    synonyms=("Light's criteria", "Lights criteria", "Light criteria pleural effusion"),
    category="pulmonology",
    source="Light RW, Macgregor MI, Luchsinger PC, Ball WC Jr. Pleural effusions: the "
    "diagnostic separation of transudates and exudates. Ann Intern Med. 1972;77(4):507-513.",
    output_type="text",
    description="An effusion is an exudate if pleural/serum protein > 0.5, pleural/serum LDH "
    "> 0.6, or pleural LDH > 2/3 of the upper limit of normal serum LDH.",
)

#: The reading when any criterion is met (sensitivity 98% for exudates, Light 1972 as
#: summarised by MDCalc and droracle.ai).
EXUDATE = (
    "At least one of Light's Criteria has been met; according to one study, this was 98% "
    "sensitive for exudative effusion."
)
#: The reading when none is met.
TRANSUDATE = "None of Light's Criteria has been met: the effusion is a transudate."


class Inputs(QuantityInputs):
    """Inputs of Light's criteria (paired pleural fluid and serum samples)."""

    serum_protein: float = quantity("protein", "g/dL", ge=1, le=15, description="Serum protein")
    pleural_protein: float = quantity(
        "protein", "g/dL", ge=0, le=15, description="Pleural fluid protein"
    )
    serum_ldh: float = quantity("enzyme", "U/L", ge=10, le=20000, description="Serum LDH")
    pleural_ldh: float = quantity("enzyme", "U/L", ge=0, le=100000, description="Pleural fluid LDH")
    serum_ldh_uln: float = quantity(
        "enzyme", "U/L", ge=50, le=2000, description="Upper limit of normal of serum LDH"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Count Light's criteria met (Light 1972); any one makes an exudate."""
    i = inputs
    protein_ratio = i.pleural_protein / i.serum_protein
    ldh_ratio = i.pleural_ldh / i.serum_ldh
    ldh_cut = 2 / 3 * i.serum_ldh_uln
    s = Score()
    s.add("Pleural/serum protein > 0.5", round(protein_ratio, 3), 1 if protein_ratio > 0.5 else 0)
    s.add("Pleural/serum LDH > 0.6", round(ldh_ratio, 3), 1 if ldh_ratio > 0.6 else 0)
    s.add(
        "Pleural LDH > 2/3 × ULN serum LDH",
        i.pleural_ldh,
        1 if i.pleural_ldh > ldh_cut else 0,
        f"cut-off {ldh_cut:.0f} U/L",
    )
    met = int(s.total)
    reading = EXUDATE if met else TRANSUDATE
    return CalcResult(
        calculator=META.id,
        value=reading,
        interpretation=f"{'Exudate' if met else 'Transudate'} ({met} of 3 criteria met).",
        steps=s.steps,
        extra={
            "criteria_met": met,
            "exudate": bool(met),
            "protein_ratio": round(protein_ratio, 3),
            "ldh_ratio": round(ldh_ratio, 3),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (serum/pleural protein and LDH, ULN of serum LDH) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "serum_protein": f.quantity("serum protein", default_unit="g/dL"),
        "pleural_protein": f.quantity("pleural fluid protein", default_unit="g/dL"),
        "serum_ldh": f.quantity("serum ldh", exclude=("upper",), default_unit="U/L"),
        "pleural_ldh": f.quantity("pleural fluid ldh", default_unit="U/L"),
        "serum_ldh_uln": f.quantity("upper limit", default_unit="U/L"),
    }
