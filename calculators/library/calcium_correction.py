"""Calcium corrected for hypo- or hyperalbuminaemia (Payne)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="calcium_correction",
    name="Calcium Correction for Hypoalbuminemia",
    synonyms=(
        "Calcium Correction for Hypoalbuminemia and Hyperalbuminemia",
        "corrected calcium",
        "albumin-corrected calcium",
        "Payne corrected calcium",
    ),
    category="electrolytes",
    source="Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in "
    "patients with abnormal serum proteins. Br Med J. 1973;4(5893):643-646.",
    doi="10.1136/bmj.4.5893.643",
    pmid="4758544",
    output_type="decimal",
    unit="mg/dL",
    medcalc_id=7,
    description="Total calcium adjusted to a normal albumin: Ca + 0.8 × (normal albumin − "
    "albumin).",
)


class Inputs(QuantityInputs):
    """Inputs of the corrected calcium."""

    calcium: float = quantity("calcium", "mg/dL", ge=2, le=25, description="Serum total calcium")
    albumin: float = quantity("albumin", "g/dL", ge=0.3, le=10, description="Serum albumin")
    normal_albumin: float = quantity(
        "albumin",
        "g/dL",
        ge=3,
        le=5.5,
        default=4.0,
        description="Normal albumin of the formula (4 g/dL in Payne's adaptation; MDCalc default)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Corrected Ca (mg/dL) = Ca + 0.8 × (normal albumin − albumin)."""
    # 0.8 mg/dL of calcium per g/dL of albumin (Payne 1973: 0.02 mmol/L per g/L).
    value = inputs.calcium + 0.8 * (inputs.normal_albumin - inputs.albumin)
    if value < 8.5:
        interp = "Corrected calcium < 8.5 mg/dL: hypocalcaemia"
    elif value > 10.5:
        interp = "Corrected calcium > 10.5 mg/dL: hypercalcaemia"
    else:
        interp = "Corrected calcium within 8.5-10.5 mg/dL"
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        unit="mg/dL",
        interpretation=interp,
        steps=[
            Step(
                label="Corrected calcium",
                value=round(value, 3),
                detail=f"{inputs.calcium} + 0.8 × ({inputs.normal_albumin} − "
                f"{inputs.albumin}) mg/dL",
            )
        ],
        extra={"corrected_calcium_mmol_l": round(value * 0.2495, 3)},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (its question sets normal albumin to 4 g/dL)."""
    return {
        "calcium": mc.quantity(entities, "Calcium"),
        "albumin": mc.quantity(entities, "Albumin"),
        "normal_albumin": 4.0,
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    out = {
        "calcium": kw.parse_quantity(m.find("calcium"), "mg/dL"),
        "albumin": kw.parse_quantity(m.find("albumin g", "serum albumin", "albumin"), "g/dL"),
    }
    if m.has("normal albumin"):
        out["normal_albumin"] = kw.parse_quantity(m.find("normal albumin"), "g/dL")
    return out
