"""TASH score (Trauma Associated Severe Hemorrhage) for massive transfusion."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="tash_score",
    name="TASH Score (Trauma Associated Severe Hemorrhage)",
    synonyms=("TASH score", "TASH", "Trauma Associated Severe Hemorrhage score"),
    category="trauma",
    source="Yücel N, Lefering R, Maegele M, et al. Trauma Associated Severe Hemorrhage "
    "(TASH)-Score: probability of mass transfusion as surrogate for life threatening "
    "hemorrhage after multiple trauma. J Trauma. 2006;60(6):1228-1236.",
    pmid="16766965",
    output_type="integer",
    description="Seven admission variables (0-28 points) giving the probability of massive "
    "transfusion (≥ 10 units of packed red cells) after multiple trauma.",
)


class Inputs(QuantityInputs):
    """The TASH items (Yücel 2006)."""

    sex: Literal["male", "female"] = Field(description="Sex (male +1)")
    hemoglobin: float = quantity(
        "hemoglobin",
        "g/dL",
        ge=1,
        le=25,
        description="Hemoglobin (< 7: 8, < 9: 6, < 10: 4, < 11: 3, < 12: 2)",
    )
    base_excess: float = quantity(
        "electrolyte",
        "mmol/L",
        ge=-40,
        le=30,
        description="Base excess (< -10: 4, < -6: 3, < -2: 1)",
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=0, le=300, description="Systolic BP (< 100: 4, < 120: 1)"
    )
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Heart rate (> 120: 2)")
    positive_fast: bool = Field(description="Free intra-abdominal fluid on FAST (+3)")
    unstable_pelvic_fracture: bool = Field(description="Clinically unstable pelvic fracture (+6)")
    open_or_dislocated_femur_fracture: bool = Field(
        description="Open or dislocated femur fracture (+3)"
    )


def _hb_points(hb: float) -> int:
    # Yücel 2006: Hb < 7 g/dL 8, < 9 6, < 10 4, < 11 3, < 12 2.
    for limit, pts in ((7, 8), (9, 6), (10, 4), (11, 3), (12, 2)):
        if hb < limit:
            return pts
    return 0


def _be_points(be: float) -> int:
    # Yücel 2006: base excess < -10 mmol/L 4, < -6 3, < -2 1.
    for limit, pts in ((-10, 4), (-6, 3), (-2, 1)):
        if be < limit:
            return pts
    return 0


def compute(inputs: Inputs) -> CalcResult:
    """TASH sum and P(massive transfusion) = 1 / (1 + e^(4.9 − 0.3 × TASH)) (Yücel 2006)."""
    i = inputs
    s = Score()
    s.add(
        "Hemoglobin",
        i.hemoglobin,
        _hb_points(i.hemoglobin),
        "< 7: 8, < 9: 6, < 10: 4, < 11: 3, < 12: 2",
    )
    s.add("Base excess", i.base_excess, _be_points(i.base_excess), "< -10: 4, < -6: 3, < -2: 1")
    sbp = i.systolic_bp
    s.add("Systolic BP", sbp, 4 if sbp < 100 else 1 if sbp < 120 else 0, "< 100: 4, < 120: 1")
    s.add("Heart rate > 120", i.heart_rate, 2 if i.heart_rate > 120 else 0)
    s.flag("Positive FAST (free abdominal fluid)", i.positive_fast, 3)
    # Yücel 2006 scores ONE fracture variable, "complex long bone and/or pelvic fractures":
    # AIS 3/4 (open or dislocated femur fracture) 3 points, AIS 5 (clinically unstable pelvic
    # fracture) 6 points; the worse fracture counts, which is why the score tops out at 28.
    # Conflict: some reimplementations (e.g. open-source MDCalc clones) add both items (0-31).
    fracture = 6 if i.unstable_pelvic_fracture else 3 if i.open_or_dislocated_femur_fracture else 0
    s.add(
        "Long bone/pelvic fracture (worse counts)",
        "unstable pelvis"
        if i.unstable_pelvic_fracture
        else "open/dislocated femur"
        if i.open_or_dislocated_femur_fracture
        else "none",
        fracture,
        "clinically unstable pelvic fracture 6; open or dislocated femur fracture 3",
    )
    s.add("Male sex", i.sex, 1 if i.sex == "male" else 0)
    total = int(s.total)
    # Logistic model of Yücel 2006: P(MT) = 1 / (1 + exp(4.9 - 0.3 × TASH)).
    prob = 1 / (1 + math.exp(4.9 - 0.3 * total))
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"TASH {total}: probability of massive transfusion {prob * 100:.0f}%.",
        steps=s.steps,
        extra={"massive_transfusion_probability_percent": round(prob * 100, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc TASH inputs ('8.2 g/dL', '-7 mmol/L', 'Yes') → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "hemoglobin": f.quantity("hemoglobin", "hb", "hgb", default_unit="g/dL"),
        "base_excess": f.number("base excess", "be"),
        "systolic_bp": f.quantity("systolic", "sbp", "blood pressure", default_unit="mmHg"),
        "heart_rate": f.number("heart rate", "hr", "pulse"),
        "positive_fast": f.yes("fast", "intra abdominal", "abdominal fluid", "free fluid"),
        "unstable_pelvic_fracture": f.yes("pelvic"),
        "open_or_dislocated_femur_fracture": f.yes("femur", "femoral"),
    }
