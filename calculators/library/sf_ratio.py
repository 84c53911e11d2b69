"""SpO₂/FiO₂ (S/F) ratio, a non-invasive surrogate of the P/F ratio."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="sf_ratio",
    name="SpO₂/FiO₂ Ratio",
    synonyms=("S/F ratio", "SpO2/FiO2 ratio", "SpO2/FiO2", "SF ratio"),
    category="pulmonology",
    source="Rice TW, et al. Comparison of the SpO2/FiO2 ratio and the PaO2/FiO2 ratio in "
    "patients with acute lung injury or ARDS. Chest. 2007;132(2):410-7.",
    doi="10.1378/chest.07-0617",
    output_type="decimal",
    unit=None,
    description="Pulse-oximetric saturation over inspired oxygen fraction; S/F 235 and 315 "
    "correspond to P/F 200 and 300 (Rice 2007).",
)


class Inputs(QuantityInputs):
    """Inputs of the S/F ratio."""

    spo2: float = quantity("percent", "%", ge=50, le=100, description="Pulse oximetry SpO₂")
    fio2: float = quantity(
        "fio2", "fraction", ge=0.21, le=1.0, description="Inspired oxygen fraction (0.21–1.0, or %)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """S/F = SpO₂ (%) / FiO₂ (fraction)."""
    sf = inputs.spo2 / inputs.fio2
    # Rice 2007: S/F = 64 + 0.84 × P/F; S/F 235 ≈ P/F 200, S/F 315 ≈ P/F 300.
    if sf < 235:
        label = "Corresponds to P/F <200 (Rice 2007 regression)"
    elif sf < 315:
        label = "Corresponds to P/F 200–300 (Rice 2007 regression)"
    else:
        label = "Corresponds to P/F ≥300 (Rice 2007 regression)"
    warnings = []
    if inputs.spo2 > 97:
        warnings.append(
            "SpO₂ above 97% sits on the flat part of the dissociation curve: the "
            "S/F ratio no longer tracks P/F (Rice 2007 used SpO₂ ≤97%)."
        )
    return CalcResult(
        calculator=META.id,
        value=round(sf, 1),
        unit=None,
        interpretation=label,
        steps=[
            Step(
                label="S/F ratio", value=round(sf, 1), detail=f"{inputs.spo2:g}% ÷ {inputs.fio2:g}"
            )
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (SpO2 %, FiO2 %) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    fio2 = f.quantity("fio2")
    if isinstance(fio2, float) and fio2 > 1:
        fio2 = [fio2, "%"]
    return {"spo2": f.quantity("spo2", "sao2", default_unit="%"), "fio2": fio2}
