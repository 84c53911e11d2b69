"""LENT prognostic score for malignant pleural effusion."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="lent_score",
    name="LENT Prognostic Score for Malignant Pleural Effusion",
    synonyms=("LENT score", "LENT", "LENT prognostic score"),
    category="oncology",
    source="Clive AO, Kahan BC, Hooper CE, et al. Predicting survival in malignant pleural "
    "effusion: development and validation of the LENT prognostic score. Thorax. "
    "2014;69(12):1098-1104.",
    doi="10.1136/thoraxjnl-2014-205285",
    pmid="25100651",
    output_type="integer",
    description="Pleural fluid LDH, ECOG performance status, neutrophil-to-lymphocyte ratio "
    "and tumour type (0-7): low, moderate and high risk with median survival 319, 130, 44 days.",
)

Tumour = Literal[
    "mesothelioma", "haematological", "breast", "gynaecological", "renal", "lung", "other"
]
# Clive 2014: mesothelioma / haematological 0; breast / gynaecological / renal 1; lung / other
# tumour types 2 (as in the LENT implementation read on GitHub, which cites the paper).
_TUMOUR_POINTS: dict[str, int] = {
    "mesothelioma": 0,
    "haematological": 0,
    "breast": 1,
    "gynaecological": 1,
    "renal": 1,
    "lung": 2,
    "other": 2,
}


class Inputs(QuantityInputs):
    """Inputs of the LENT score."""

    pleural_ldh: float = quantity(
        "enzyme", "U/L", ge=0, le=100000, description="Pleural fluid LDH (≥ 1500 U/L: +1)"
    )
    ecog: int = Field(ge=0, le=4, description="ECOG performance status 0-4 (0: 0 … 3-4: 3)")
    nlr: float = Field(ge=0, le=200, description="Serum neutrophil-to-lymphocyte ratio (≥ 9: +1)")
    tumour_type: Tumour = Field(
        description="Tumour type: mesothelioma/haematological 0; breast/gynaecological/renal 1; "
        "lung/other 2"
    )


def compute(inputs: Inputs) -> CalcResult:
    """LENT points (Clive 2014) and risk group."""
    i = inputs
    s = Score()
    # Cut-offs 1500 U/L and NLR 9 (Clive 2014); values at the cut-off score, as in the
    # implementation read (≥).
    s.add("Pleural fluid LDH ≥ 1500 U/L", i.pleural_ldh, 1 if i.pleural_ldh >= 1500 else 0)
    s.add("ECOG performance status", i.ecog, min(i.ecog, 3))
    s.add("NLR ≥ 9", i.nlr, 1 if i.nlr >= 9 else 0)
    s.add("Tumour type", i.tumour_type, _TUMOUR_POINTS[i.tumour_type])
    total = int(s.total)
    # Clive 2014 abstract: median survival low 319 days, moderate 130, high 44.
    if total <= 1:
        risk, survival = "Low risk", "319"
    elif total <= 4:
        risk, survival = "Moderate risk", "130"
    else:
        risk, survival = "High risk", "44"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{risk}: median survival {survival} days (LENT {total}).",
        steps=s.steps,
        extra={"risk": risk, "median_survival_days": int(survival)},
    )


_TUMOUR_OPTIONS: dict[str, tuple[str, ...]] = {
    "mesothelioma": ("mesothelioma",),
    "haematological": (
        "haematological",
        "hematological",
        "hematologic",
        "lymphoma",
        "leukemia",
        "leukaemia",
        "myeloma",
    ),
    "breast": ("breast",),
    "gynaecological": ("gynaecological", "gynecological", "gynecologic", "ovarian", "uterine"),
    "renal": ("renal", "kidney"),
    "lung": ("lung",),
    "other": ("other",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (pleural LDH, ECOG, NLR, tumour type) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "pleural_ldh": f.quantity("ldh", default_unit="U/L"),
        "ecog": int(f.number("ecog")),
        "nlr": f.number("neutrophil", "nlr"),
        "tumour_type": f.option("tumor", "tumour", options=_TUMOUR_OPTIONS),
    }
