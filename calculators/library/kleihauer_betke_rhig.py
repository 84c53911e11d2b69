"""Rh(D) immune globulin dose for a fetomaternal hemorrhage quantified by Kleihauer-Betke."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="kleihauer_betke_rhig",
    name="Maternal-Fetal Hemorrhage Rh(D) Immune Globulin Dosage (Kleihauer-Betke)",
    synonyms=(
        "Maternal-Fetal Hemorrhage Rh(D) Immune Globulin Dosage",
        "Kleihauer-Betke RhIG dose",
        "RhoGAM dose for fetomaternal hemorrhage",
        "Rh immune globulin vials",
    ),
    category="obstetrics",
    source="AABB Technical Manual, RhIG dosing for fetomaternal hemorrhage (fetal whole blood "
    "volume = % fetal cells × maternal blood volume; one 300 µg vial per 30 mL fetal whole "
    "blood; round to the nearest whole vial and add one), as summarised by Medical Algorithms "
    "'Dosing Rh immune globulin (RhoGAM) in massive fetomaternal hemorrhage' "
    "(https://www.medicalalgorithms.com).",
    output_type="integer",
    unit="vials",
    description="Fetal blood volume in the maternal circulation from the Kleihauer-Betke "
    "percentage, and the number of 300 µg RhIG vials to give.",
)

#: Maternal blood volume assumed when not given: 5000 mL (the standard KB calculation assumes
#: 5000 mL, i.e. 1% fetal cells = 50 mL fetal whole blood).
DEFAULT_MATERNAL_BLOOD_VOLUME_ML = 5000.0
#: One 300 µg vial of RhIG covers 30 mL of fetal whole blood (15 mL of fetal red cells).
ML_FETAL_BLOOD_PER_VIAL = 30.0


class Inputs(QuantityInputs):
    """Inputs of the KB-based RhIG dose."""

    fetal_cells_percent: float = Field(
        ge=0, le=20, description="Fetal red cells on the Kleihauer-Betke stain, % of red cells"
    )
    maternal_blood_volume: float = quantity(
        "volume",
        "mL",
        ge=2000,
        le=10000,
        default=DEFAULT_MATERNAL_BLOOD_VOLUME_ML,
        description="Maternal blood volume (5000 mL assumed when unknown)",
    )


def vials_for(fetal_blood_ml: float) -> int:
    """300 µg vials for a fetal bleed: FMH/30 rounded to the nearest whole vial, plus one.

    The AABB rule: a decimal below .5 rounds down, .5 or more rounds up, and one vial is
    added for the imprecision of the KB count (so 0 mL still gets the standard one vial).
    """
    return math.floor(fetal_blood_ml / ML_FETAL_BLOOD_PER_VIAL + 0.5) + 1


def compute(inputs: Inputs) -> CalcResult:
    """Fetal bleed volume (mL) = % fetal cells × maternal blood volume; vials = round(FMH/30)+1."""
    fmh = inputs.fetal_cells_percent / 100 * inputs.maternal_blood_volume
    raw = fmh / ML_FETAL_BLOOD_PER_VIAL
    vials = vials_for(fmh)
    return CalcResult(
        calculator=META.id,
        value=vials,
        unit="vials",
        interpretation=f"{vials} vials of 300 µg RhIG ({vials * 300} µg) for an estimated "
        f"fetomaternal hemorrhage of {fmh:.0f} mL fetal whole blood",
        steps=[
            Step(
                label="Fetal whole blood volume",
                value=round(fmh, 1),
                detail=f"{inputs.fetal_cells_percent:g}% × {inputs.maternal_blood_volume:g} mL",
            ),
            Step(label="Volume / 30 mL per vial", value=round(raw, 2)),
            Step(
                label="Vials (rounded to nearest, + 1)",
                value=vials,
                detail="decimal < .5 rounds down, ≥ .5 up; one vial added",
            ),
        ],
        extra={"fetal_blood_volume_ml": round(fmh, 1), "dose_ug": vials * 300},
        warnings=["Give within 72 hours of the bleed; no more than 5 vials IM at one site."],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (fetal cell %, optional maternal blood volume) → kwargs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "fetal_cells_percent": kw.parse_number(
            m.find("fetal cells", "fetal", "kleihauer", "percent")
        )
    }
    volume = m.find("maternal blood volume", "blood volume", default=None)
    if volume is not None:
        out["maternal_blood_volume"] = kw.parse_quantity(volume, "mL")
    return out
