"""Secondary Intracerebral Hemorrhage (sICH) Score."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, first_number, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sich_score",
    name="Secondary Intracerebral Hemorrhage (sICH) Score",
    synonyms=("sICH Score", "SICH score", "Secondary ICH score"),
    category="neurology",
    source="Delgado Almandoz JE, Schaefer PW, Goldstein JN, et al. Practical scoring system "
    "for the identification of patients with intracerebral hemorrhage at highest risk of "
    "harboring an underlying vascular etiology: the Secondary Intracerebral Hemorrhage Score. "
    "AJNR Am J Neuroradiol. 2010;31(9):1653-60 (Table 2).",
    output_type="integer",
    description="NCCT probability category, age group, sex and the absence of both "
    "hypertension and impaired coagulation (0-6) rank the likelihood that an ICH has an "
    "underlying vascular cause; ≥ 3 is high.",
)

Ncct = Literal["high", "indeterminate", "low"]

#: NCCT category → (points, definition) (Delgado Almandoz 2010, Table 2 footnote).
NCCT: dict[str, tuple[int, str]] = {
    "high": (
        2,
        "Enlarged vessels or calcifications along the ICH margins, or hyperattenuation in a "
        "dural venous sinus or cortical vein along the ICH's venous drainage path",
    ),
    "indeterminate": (1, "Neither high- nor low-probability criteria met"),
    "low": (
        0,
        "Neither high-probability sign, and the ICH is in the basal ganglia, thalamus "
        "or brain stem",
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the sICH score."""

    ncct_probability: Ncct = Field(
        description="NCCT category: " + "; ".join(f"{k} ({v[0]}): {v[1]}" for k, v in NCCT.items())
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex (female +1)")
    neither_hypertension_nor_coagulopathy: bool = Field(
        description="Neither known hypertension nor impaired coagulation (INR > 3, aPTT > 80 s, "
        "platelets < 50,000/µL or daily antiplatelet therapy) (+1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four criteria (0-6)."""
    s = Score()
    pts, text = NCCT[inputs.ncct_probability]
    s.add("NCCT probability of a vascular cause", inputs.ncct_probability, pts, text)
    # Delgado Almandoz 2010: age 18-45 years 2, 46-70 years 1, ≥ 71 years 0.
    age = inputs.age
    age_pts = 2 if age < 46 else 1 if age < 71 else 0
    s.add("Age group (18-45: 2; 46-70: 1; ≥ 71: 0)", age, age_pts)
    s.flag("Female sex", inputs.sex == "female", 1)
    s.flag(
        "Neither hypertension nor impaired coagulation",
        inputs.neither_hypertension_nor_coagulopathy,
        1,
    )
    total = int(s.total)
    level = "High" if total >= 3 else "Low"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{level} likelihood of an underlying vascular cause (sICH score "
        f"{total}/6; ≥ 3 is high: consider catheter angiography even if CTA is negative).",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (category texts, '46–70 years (+1) (age 56)') → kwargs."""
    f = Fields(inputs, META.id)
    field, value = f.raw("ncct", "probability")
    ncct = match_option(
        value,
        {"high": ("High",), "indeterminate": ("Indeterminate", "Intermediate"), "low": ("Low",)},
        field=f"{META.id}: {field}",
    )
    field, age_value = f.raw("age")
    m = re.search(r"age\D{0,3}(\d+(?:\.\d+)?)", str(age_value), re.IGNORECASE)
    if m:
        age = float(m.group(1))
    elif isinstance(age_value, int | float):
        age = float(age_value)
    else:
        age = first_number(age_value, field=field)
        if re.search(r"\d\s*[-–]\s*\d", str(age_value)):
            raise ValueError(
                f"{field}: expected the age in years, found only a range {age_value!r}"
            )
    return {
        "ncct_probability": ncct,
        "age": age,
        "sex": f.sex("sex"),
        "neither_hypertension_nor_coagulopathy": f.yes("absence", "hypertension"),
    }
