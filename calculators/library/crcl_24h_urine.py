"""Measured creatinine clearance from a timed (24-hour) urine collection."""

from __future__ import annotations

import re
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="crcl_24h_urine",
    name="CrCl from 24h Urine",
    synonyms=(
        "24-hour urine creatinine clearance",
        "measured creatinine clearance",
        "timed urine creatinine clearance",
    ),
    category="nephrology",
    source="Renal clearance C = U × V / P (Möller E, McIntosh JF, Van Slyke DD. Studies of "
    "urea excretion II. J Clin Invest. 1928;6(3):427-65); KDIGO 2012 CKD guideline on "
    "measured clearance (Kidney Int Suppl. 2013;3:1-150).",
    doi="10.1172/JCI100206",
    output_type="decimal",
    unit="mL/min",
    description="Creatinine clearance = urine creatinine × urine volume / (plasma creatinine × "
    "collection minutes).",
)


class Inputs(QuantityInputs):
    """Inputs of the measured creatinine clearance."""

    urine_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=1, le=1000, description="Urine creatinine"
    )
    plasma_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Plasma (serum) creatinine"
    )
    urine_volume: float = quantity(
        "volume", "mL", ge=10, le=15000, description="Urine volume collected"
    )
    collection_hours: float = quantity(
        "duration",
        "h",
        ge=1,
        le=48,
        default=24.0,
        description="Collection time (24 h for a 24-hour urine)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """CrCl (mL/min) = U_Cr × V / (P_Cr × minutes)."""
    minutes = inputs.collection_hours * 60
    crcl = inputs.urine_creatinine * inputs.urine_volume / (inputs.plasma_creatinine * minutes)
    label = (
        "Severely reduced (<30 mL/min)"
        if crcl < 30
        else "Moderately reduced (30–59 mL/min)"
        if crcl < 60
        else "Mildly reduced (60–89 mL/min)"
        if crcl < 90
        else "Normal or high (≥90 mL/min)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(crcl, 2),
        unit="mL/min",
        interpretation=label,
        steps=[
            Step(label="Collection time", value=minutes, detail="minutes"),
            Step(
                label="Creatinine clearance",
                value=round(crcl, 2),
                detail=f"{inputs.urine_creatinine:g} × {inputs.urine_volume:g} / "
                f"({inputs.plasma_creatinine:g} × {minutes:g})",
            ),
        ],
        warnings=[
            "An incomplete collection underestimates clearance: check the 24 h creatinine "
            "excretion (about 20–25 mg/kg in men, 15–20 mg/kg in women)."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (urine Cr, plasma Cr, urine volume [over N hours]) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "urine_creatinine": f.quantity("urine creatinine"),
        "plasma_creatinine": f.quantity("plasma creatinine", "serum creatinine"),
        "urine_volume": f.quantity("volume", default_unit="mL"),
    }
    text = f.text("volume")
    if "hour" in text.lower() or f.has("time", "hours", "duration"):
        m = re.search(r"(\d+(?:\.\d+)?)\s*(?:h|hr|hours)\b", text)
        if m:
            out["collection_hours"] = float(m.group(1))
        elif f.has("time", "duration"):
            out["collection_hours"] = f.quantity("time", "duration", default_unit="h")
    return out
