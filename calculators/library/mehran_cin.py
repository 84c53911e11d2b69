"""Mehran score for contrast-induced nephropathy after PCI."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mehran_cin",
    name="Mehran Score for Post-PCI Contrast Nephropathy",
    synonyms=("Mehran score", "Mehran risk score", "contrast-induced nephropathy risk score"),
    category="cardiology",
    source=(
        "Mehran R, Aymong ED, Nikolsky E, et al. A simple risk score for prediction of "
        "contrast-induced nephropathy after percutaneous coronary intervention: development "
        "and initial validation. J Am Coll Cardiol. 2004;44(7):1393-1399."
    ),
    doi="10.1016/j.jacc.2004.06.068",
    output_type="integer",
    description="Eight-item score (0 to ~40) for contrast-induced nephropathy (and dialysis) "
    "after PCI; renal function by eGFR band or, without eGFR, serum creatinine > 1.5 mg/dL.",
)

# Mehran 2004, Figure 2 (points) and Figure 3 (risk groups: CIN % / dialysis %).
_GROUPS = (
    (5, "Low risk (≤5)", 7.5, 0.04),
    (10, "Moderate risk (6-10)", 14.0, 0.12),
    (15, "High risk (11-15)", 26.1, 1.09),
    (math.inf, "Very high risk (≥16)", 57.3, 12.6),
)


class Inputs(QuantityInputs):
    """Inputs of the Mehran score (eGFR or serum creatinine for the renal item)."""

    hypotension: bool = Field(
        description="Hypotension: SBP < 80 mmHg for ≥ 1 h needing inotropes or IABP within "
        "24 h peri-procedure"
    )
    iabp: bool = Field(description="Intra-aortic balloon pump")
    chf: bool = Field(description="Congestive heart failure: NYHA III/IV or pulmonary oedema")
    age: float = quantity("age", "years", ge=18, le=120, description="Age (> 75 scores 4)")
    anemia: bool = Field(description="Anaemia: baseline haematocrit < 39% (men) or < 36% (women)")
    diabetes: bool = Field(description="Diabetes mellitus")
    contrast_volume: float = quantity(
        "volume", "mL", ge=0, le=2000, description="Contrast media volume (1 point per 100 mL)"
    )
    egfr: float | None = quantity(
        "egfr",
        "mL/min/1.73m²",
        ge=1,
        le=200,
        default=None,
        description="eGFR (40-60: 2, 20-40: 4, < 20: 6)",
    )
    creatinine: float | None = quantity(
        "creatinine",
        "mg/dL",
        ge=0.1,
        le=20,
        default=None,
        description="Serum creatinine (> 1.5 mg/dL: 4; used when eGFR is not given)",
    )

    @model_validator(mode="after")
    def _renal(self) -> Inputs:
        if self.egfr is None and self.creatinine is None:
            raise ValueError("egfr or creatinine is required for the renal item")
        return self


def _renal_points(i: Inputs) -> tuple[str, float | None, int]:
    if i.egfr is not None:
        e = i.egfr
        pts = 0 if e >= 60 else 2 if e >= 40 else 4 if e >= 20 else 6
        return "eGFR < 60 (40-60: 2; 20-40: 4; < 20: 6)", round(e, 1), pts
    assert i.creatinine is not None
    return "Serum creatinine > 1.5 mg/dL", i.creatinine, 4 if i.creatinine > 1.5 else 0


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the Mehran 2004 points and its risk group."""
    i = inputs
    s = Score()
    s.flag("Hypotension", i.hypotension, 5)
    s.flag("Intra-aortic balloon pump", i.iabp, 5)
    s.flag("Congestive heart failure", i.chf, 5)
    s.add("Age > 75", i.age, 4 if i.age > 75 else 0)
    s.flag("Anaemia", i.anemia, 3)
    s.flag("Diabetes", i.diabetes, 3)
    # "1 for each 100 cc" of contrast (Mehran 2004, Fig. 2): full 100-mL steps.
    s.add(
        "Contrast volume",
        i.contrast_volume,
        math.floor(i.contrast_volume / 100),
        "1 point per 100 mL",
    )
    label, value, pts = _renal_points(i)
    s.add(label, value, pts)
    total = int(s.total)
    group, cin, dialysis = next((g, c, d) for hi, g, c, d in _GROUPS if total <= hi)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{group}: risk of contrast-induced nephropathy {cin}%, "
        f"of dialysis {dialysis}%.",
        steps=s.steps,
        extra={"cin_risk_percent": cin, "dialysis_risk_percent": dialysis},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (yes/no items, age, contrast volume, eGFR or creatinine)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "hypotension": f.yes("hypotension"),
        "iabp": f.yes("iabp", "balloon pump", "intra aortic"),
        "chf": f.yes("heart failure", "chf"),
        "age": f.quantity("age", default_unit="years"),
        "anemia": f.yes("anemia", "anaemia"),
        "diabetes": f.yes("diabet"),
        "contrast_volume": f.quantity("contrast", default_unit="mL"),
    }
    if f.has("egfr", "gfr"):
        out["egfr"] = f.number("egfr", "gfr")
    if f.has("creatinine"):
        out["creatinine"] = f.quantity("creatinine", default_unit="mg/dL")
    return out
