"""Estimated GFR by the 2021 CKD-EPI equations (creatinine, or creatinine with cystatin C)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="ckd_epi_2021",
    name="CKD-EPI Equations for Glomerular Filtration Rate",
    synonyms=(
        "CKD-EPI Equations for Glomerular Filtration Rate (GFR)",
        "CKD-EPI",
        "CKD-EPI 2021",
        "2021 CKD-EPI Creatinine",
        "eGFR CKD-EPI",
        "CKD-EPI eGFR",
        "2021 CKD-EPI Creatinine-Cystatin C",
    ),
    category="renal",
    source="Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based "
    "equations to estimate GFR without race. N Engl J Med. 2021;385(19):1737-1749.",
    doi="10.1056/NEJMoa2102953",
    pmid="34554658",
    output_type="decimal",
    unit="mL/min/1.73 m²",
    medcalc_id=3,
    description="Race-free 2021 CKD-EPI eGFR from serum creatinine (and cystatin C when given), "
    "with the KDIGO GFR category.",
)


class Inputs(QuantityInputs):
    """Inputs of the 2021 CKD-EPI equations."""

    sex: Sex = Field(description="Sex")
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine (IDMS-traceable)"
    )
    cystatin_c: float | None = Field(
        None,
        gt=0.1,
        le=15,
        description="Serum cystatin C in mg/L; when given the 2021 creatinine-cystatin C "
        "equation is used",
    )


# 2021 CKD-EPI creatinine: 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012
# [female]; κ 0.7 (F) / 0.9 (M); α −0.241 (F) / −0.302 (M) (Inker 2021, Table 2).
# 2021 creatinine-cystatin C: 135 × min(Scr/κ,1)^α × max(Scr/κ,1)^−0.544 ×
# min(Scys/0.8,1)^−0.323 × max(Scys/0.8,1)^−0.778 × 0.9961^age × 0.963 [female];
# α −0.219 (F) / −0.144 (M) (Inker 2021, Table 2).


def compute(inputs: Inputs) -> CalcResult:
    """2021 CKD-EPI eGFR in mL/min/1.73 m²."""
    female = inputs.sex == "female"
    kappa = 0.7 if female else 0.9
    ratio = inputs.creatinine / kappa
    steps = [
        Step(label="Creatinine / κ", value=round(ratio, 4), detail=f"κ = {kappa} ({inputs.sex})")
    ]
    if inputs.cystatin_c is None:
        alpha = -0.241 if female else -0.302
        egfr = (
            142
            * min(ratio, 1) ** alpha
            * max(ratio, 1) ** -1.200
            * 0.9938**inputs.age
            * (1.012 if female else 1.0)
        )
        equation = "2021 CKD-EPI creatinine"
        detail = f"142 × min(Scr/κ,1)^{alpha} × max(Scr/κ,1)^-1.200 × 0.9938^age" + (
            " × 1.012" if female else ""
        )
    else:
        alpha = -0.219 if female else -0.144
        cys = inputs.cystatin_c / 0.8
        egfr = (
            135
            * min(ratio, 1) ** alpha
            * max(ratio, 1) ** -0.544
            * min(cys, 1) ** -0.323
            * max(cys, 1) ** -0.778
            * 0.9961**inputs.age
            * (0.963 if female else 1.0)
        )
        equation = "2021 CKD-EPI creatinine-cystatin C"
        detail = (
            f"135 × min(Scr/κ,1)^{alpha} × max(Scr/κ,1)^-0.544 × min(Scys/0.8,1)^-0.323"
            f" × max(Scys/0.8,1)^-0.778 × 0.9961^age" + (" × 0.963" if female else "")
        )
        steps.append(Step(label="Cystatin C / 0.8", value=round(cys, 4)))
    steps.append(Step(label="eGFR", value=round(egfr, 3), detail=detail))
    return CalcResult(
        calculator=META.id,
        value=round(egfr, 3),
        unit="mL/min/1.73 m²",
        interpretation=gfr_category(egfr),
        steps=steps,
        extra={"equation": equation},
    )


def gfr_category(egfr: float) -> str:
    """KDIGO 2012 GFR category (Kidney Int Suppl. 2013;3:1-150)."""
    for lower, label in (
        (90, "G1 (normal or high)"),
        (60, "G2 (mildly decreased)"),
        (45, "G3a (mildly to moderately decreased)"),
        (30, "G3b (moderately to severely decreased)"),
        (15, "G4 (severely decreased)"),
    ):
        if egfr >= lower:
            return f"KDIGO GFR category {label}"
    return "KDIGO GFR category G5 (kidney failure)"


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (the question names the 2021 creatinine equation)."""
    return {
        "sex": mc.sex(entities),
        "age": mc.quantity(entities, "age"),
        "creatinine": mc.quantity(entities, "creatinine"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (cystatin C when the item gives one)."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "sex": str(m.find("sex", "gender")).split()[0].lower(),
        "age": kw.parse_quantity(m.find("age"), "years"),
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
    }
    if m.has("cystatin"):
        out["cystatin_c"] = kw.parse_number(m.find("cystatin"))
    return out
