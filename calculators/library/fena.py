"""Fractional excretion of sodium (FENa)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="fena",
    name="Fractional Excretion of Sodium (FENa)",
    synonyms=("FENa", "FE Na", "fractional excretion of sodium"),
    category="renal",
    source="Espinel CH. The FENa test. Use in the differential diagnosis of acute renal "
    "failure. JAMA. 1976;236(6):579-581.",
    doi="10.1001/jama.1976.03270070025021",
    pmid="947239",
    output_type="decimal",
    unit="%",
    medcalc_id=40,
    description="FENa = (urine Na × serum Cr) / (serum Na × urine Cr) × 100; < 1% suggests "
    "prerenal injury.",
)


class Inputs(QuantityInputs):
    """Inputs of FENa."""

    serum_sodium: float = quantity(
        "electrolyte", "mEq/L", ge=90, le=200, description="Serum sodium"
    )
    serum_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )
    urine_sodium: float = quantity(
        "urine_sodium", "mmol/L", ge=1, le=400, description="Urine sodium"
    )
    urine_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=1, le=1000, description="Urine creatinine"
    )


def compute(inputs: Inputs) -> CalcResult:
    """FENa (%) = 100 × (UNa × SCr) / (SNa × UCr)."""
    value = (
        100
        * (inputs.urine_sodium * inputs.serum_creatinine)
        / (inputs.serum_sodium * inputs.urine_creatinine)
    )
    # Espinel 1976: < 1% prerenal, > 1% (often > 2%) intrinsic renal (ATN).
    if value < 1:
        interp = "FENa < 1%: prerenal"
    elif value <= 2:
        interp = "FENa 1-2%: indeterminate (prerenal or intrinsic)"
    else:
        interp = "FENa > 2%: intrinsic renal (e.g. acute tubular necrosis)"
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        unit="%",
        interpretation=interp + "; unreliable on diuretics.",
        steps=[
            Step(
                label="FENa",
                value=round(value, 3),
                detail="100 × (urine Na × serum Cr) / (serum Na × urine Cr)",
            )
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    e = entities
    return {
        "serum_sodium": mc.quantity(e, "Sodium"),
        "serum_creatinine": mc.quantity(e, "creatinine"),
        "urine_sodium": mc.quantity(e, "Urine sodium"),
        "urine_creatinine": mc.quantity(e, "Urine creatinine"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "serum_sodium": kw.parse_quantity(m.find("serum sodium"), "mEq/L"),
        "serum_creatinine": kw.parse_quantity(m.find("serum creatinine"), "mg/dL"),
        "urine_sodium": kw.parse_quantity(m.find("urine sodium"), "mmol/L"),
        "urine_creatinine": kw.parse_quantity(m.find("urine creatinine"), "mg/dL"),
    }
