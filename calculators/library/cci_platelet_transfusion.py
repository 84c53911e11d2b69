"""Corrected count increment (CCI) after a platelet transfusion."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_fields as mf

META = CalculatorMeta(
    id="cci_platelet_transfusion",
    name="Corrected Count Increment (CCI) for Platelet Transfusion",
    synonyms=("CCI platelet", "corrected count increment", "platelet CCI"),
    category="hematology",
    source="Delaflor-Weiss E, Mintz PD. The evaluation and management of platelet "
    "refractoriness and alloimmunization. Transfus Med Rev. 2000;14(2):180-196.",
    output_type="decimal",
    unit="/µL",
    description="Platelet increment scaled to body surface area and to the number of platelets "
    "transfused: (post − pre count) × BSA / platelets transfused (× 10¹¹).",
)

# Delaflor-Weiss & Mintz 2000: the expected 10-60 min CCI is ≥ 7,500; a CCI below 7,500 after
# two sequential transfusions defines platelet refractoriness.
ADEQUATE = 7500


class Inputs(QuantityInputs):
    """Inputs of the CCI."""

    pre_count: float = quantity(
        "count_per_ul", "/uL", ge=0, le=2_000_000, description="Platelet count before transfusion"
    )
    post_count: float = quantity(
        "count_per_ul", "/uL", ge=0, le=2_000_000, description="Platelet count after transfusion"
    )
    bsa: float = quantity("bsa", "m²", ge=0.1, le=4, description="Body surface area")
    platelets_transfused: float = Field(
        gt=0, le=20, description="Platelets transfused, in units of 10¹¹ (apheresis unit ≈ 3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """CCI = (post − pre) × BSA / (platelets transfused / 10¹¹)."""
    i = inputs
    increment = i.post_count - i.pre_count
    cci = increment * i.bsa / i.platelets_transfused
    reading = (
        "adequate response (≥ 7,500 at 10-60 min)"
        if cci >= ADEQUATE
        else "poor response (< 7,500); two sequential poor CCIs define refractoriness"
    )
    return CalcResult(
        calculator=META.id,
        value=round(cci),
        unit="/µL",
        interpretation=f"CCI {cci:,.0f}: {reading}.",
        steps=[
            Step(label="Platelet increment", value=increment, detail="post − pre, per µL"),
            Step(label="CCI", value=round(cci, 1), detail="increment × BSA / platelets (× 10¹¹)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (counts per µL or × 10³/µL, BSA, platelets transfused × 10¹¹)."""
    f = mf.Fields(inputs, META.id)
    return {
        "pre_count": f.quantity("pre", "before", default_unit="/uL"),
        "post_count": f.quantity("post", "after", default_unit="/uL"),
        "bsa": f.number("body surface", "bsa"),
        "platelets_transfused": f.number("number of platelets", "platelets transfused", "dose"),
    }
