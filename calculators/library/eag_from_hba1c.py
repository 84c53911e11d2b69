"""Estimated Average Glucose (eAG) from HbA1c (ADAG regression)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_fields as mf

META = CalculatorMeta(
    id="eag_from_hba1c",
    name="Estimated Average Glucose (eAG) From HbA1C",
    synonyms=("eAG", "estimated average glucose", "HbA1c to average glucose", "ADAG eAG"),
    category="endocrinology",
    source="Nathan DM, Kuenen J, Borg R, Zheng H, Schoenfeld D, Heine RJ; A1c-Derived Average "
    "Glucose (ADAG) Study Group. Translating the A1C assay into estimated average glucose "
    "values. Diabetes Care. 2008;31(8):1473-1478.",
    output_type="decimal",
    unit="mg/dL",
    description="Mean glucose over the past 2-3 months implied by an HbA1c (NGSP %): "
    "eAG (mg/dL) = 28.7 × HbA1c − 46.7.",
)


class Inputs(QuantityInputs):
    """Inputs of the eAG."""

    hba1c: float = quantity(
        "hba1c", "%", ge=3, le=20, description="HbA1c, NGSP/DCCT % (IFCC mmol/mol is converted)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Estimated average glucose: 28.7 × A1C − 46.7 mg/dL, 1.59 × A1C − 2.59 mmol/L."""
    a1c = inputs.hba1c
    # ADAG linear regression of mean glucose on HbA1c (Nathan 2008): slope 28.7 mg/dL per
    # HbA1c %, intercept −46.7 mg/dL; the same line in mmol/L is 1.59 × A1C − 2.59.
    mg_dl = 28.7 * a1c - 46.7
    mmol_l = 1.59 * a1c - 2.59
    return CalcResult(
        calculator=META.id,
        value=round(mg_dl, 1),
        unit="mg/dL",
        interpretation=f"eAG {mg_dl:.0f} mg/dL ({mmol_l:.1f} mmol/L): the mean glucose an HbA1c "
        f"of {round(a1c, 2):g}% corresponds to over the past 2-3 months.",
        steps=[
            Step(label="HbA1c", value=round(a1c, 2), detail="NGSP %"),
            Step(label="eAG mg/dL", value=round(mg_dl, 1), detail="28.7 × HbA1c − 46.7"),
            Step(label="eAG mmol/L", value=round(mmol_l, 2), detail="1.59 × HbA1c − 2.59"),
        ],
        warnings=[
            "HbA1c misstates mean glucose with altered red-cell survival (anaemia, "
            "haemoglobinopathy, recent transfusion, pregnancy, CKD)."
        ],
        extra={"eag_mmol_l": round(mmol_l, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('HbA1c': '8.2 %') → inputs."""
    f = mf.Fields(inputs, META.id)
    return {"hba1c": f.quantity("hba1c", "a1c", "hemoglobin a1c", "glycated", default_unit="%")}
