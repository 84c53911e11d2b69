"""PE-SARD bleeding score: Syncope, Anemia, Renal Dysfunction in acute pulmonary embolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pe_sard",
    name="Pulmonary Embolism Syncope-Anemia-Renal Dysfunction (PE-SARD) Score",
    synonyms=("PE-SARD", "PE-SARD score", "PE-SARD bleeding score"),
    category="pulmonology",
    source="Chopard R, Piazza G, Falvo N, et al. An original risk score to predict early major "
    "bleeding in acute pulmonary embolism: the Syncope, Anemia, Renal Dysfunction (PE-SARD) "
    "bleeding score. Chest. 2021;160(5):1832-1843.",
    output_type="decimal",
    unit="points",
    description="Risk of early (in-hospital) major bleeding in acute PE from syncope (+1.5), "
    "haemoglobin <12 g/dL (+2.5) and GFR <60 mL/min (+1): low, intermediate or high risk.",
)

# Points and categories: Chopard 2021, abstract: syncope +1.5; anaemia, haemoglobin <12 g/dL,
# +2.5; renal dysfunction, GFR <60 mL/min, +1. Low risk 0 points; intermediate 1-2.5; high >2.5.
# Observed in-hospital major bleeding 0.9% (low) to 9.0% (high) in the derivation registry.
_HB_CUTOFF = 12.0
_GFR_CUTOFF = 60.0


class Inputs(QuantityInputs):
    """Inputs of the PE-SARD bleeding score."""

    syncope: bool = Field(description="Syncope at presentation (+1.5)")
    hemoglobin: float = quantity(
        "hemoglobin", "g/dL", ge=2, le=25, description="Haemoglobin (<12 g/dL: +2.5)"
    )
    gfr: float = quantity(
        "egfr", "mL/min/1.73m²", ge=0, le=200, description="Glomerular filtration rate (<60: +1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum the three PE-SARD items and give the bleeding-risk group (Chopard 2021)."""
    s = Score()
    s.flag("Syncope", inputs.syncope, 1.5)
    s.add("Anaemia (Hb <12 g/dL)", inputs.hemoglobin, 2.5 if inputs.hemoglobin < _HB_CUTOFF else 0)
    s.add("Renal dysfunction (GFR <60 mL/min)", inputs.gfr, 1 if inputs.gfr < _GFR_CUTOFF else 0)
    total = s.value
    if total == 0:
        group = "Low bleeding risk (0 points; 0.9% early major bleeding in the derivation cohort)"
    elif total <= 2.5:
        group = "Intermediate bleeding risk (1-2.5 points)"
    else:
        group = "High bleeding risk (>2.5 points; 9.0% early major bleeding in the derivation"
        group += " cohort)"
    return CalcResult(
        calculator=META.id,
        value=total,
        unit="points",
        interpretation=f"{group}.",
        steps=s.steps,
        extra={"risk_group": group.split(" (")[0]},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PE-SARD inputs → Inputs.

    Anaemia and renal dysfunction may be recorded as values ("10.8 g/dL", "45 mL/min") or as the
    criterion ("Anemia (Hb <12 g/dL): Yes"); a criterion answer gets a stand-in value on the
    recorded side of its threshold (Hb 10 or 14 g/dL; GFR 45 or 90).
    """
    f = Fields(inputs, META.id)

    def measured(keys: tuple[str, ...], unit: str, yes_value: float, no_value: float) -> Any:
        field, value = f.raw(*keys)
        text = str(value).strip().lower()
        if isinstance(value, bool) or text.startswith(("yes", "no", "true", "false", "absent")):
            return yes_value if parse_yes(value, field=field) else no_value
        return f.quantity(*keys, default_unit=unit)

    return {
        "syncope": f.yes("syncope"),
        "hemoglobin": measured(
            ("hemoglobin", "haemoglobin", "hb", "anemia", "anaemia"), "g/dL", 10.0, 14.0
        ),
        "gfr": measured(
            ("gfr", "renal", "kidney", "creatinine clearance"), "mL/min/1.73m²", 45.0, 90.0
        ),
    }
