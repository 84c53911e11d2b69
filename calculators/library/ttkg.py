"""Transtubular Potassium Gradient (TTKG)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ttkg",
    name="Transtubular Potassium Gradient (TTKG)",
    synonyms=("TTKG", "transtubular potassium gradient"),
    category="nephrology",
    source="West ML, et al. New clinical approach to evaluate disorders of potassium "
    "excretion. Miner Electrolyte Metab. 1986;12(4):234-8; Ethier JH, et al. The "
    "transtubular potassium concentration in patients with hypokalemia and "
    "hyperkalemia. Am J Kidney Dis. 1990;15(4):309-15.",
    output_type="decimal",
    unit=None,
    description="(Urine K / plasma K) / (urine osm / plasma osm): the K gradient at the "
    "cortical collecting duct, a bedside index of aldosterone action.",
)


class Inputs(QuantityInputs):
    """Inputs of the TTKG."""

    urine_potassium: float = quantity(
        "electrolyte", "mEq/L", ge=1, le=300, description="Urine potassium"
    )
    serum_potassium: float = quantity(
        "electrolyte", "mEq/L", ge=1, le=12, description="Serum potassium"
    )
    urine_osmolality: float = quantity(
        "osmolality", "mOsm/kg", ge=30, le=1500, description="Urine osmolality"
    )
    serum_osmolality: float = quantity(
        "osmolality", "mOsm/kg", ge=200, le=450, description="Serum osmolality"
    )


def compute(inputs: Inputs) -> CalcResult:
    """TTKG = (U_K / P_K) / (U_osm / P_osm)."""
    ttkg = (inputs.urine_potassium / inputs.serum_potassium) / (
        inputs.urine_osmolality / inputs.serum_osmolality
    )
    k = inputs.serum_potassium
    # Ethier 1990: in hyperkalaemia TTKG <7 (usually <5) suggests hypoaldosteronism or
    # resistance; in hypokalaemia TTKG >3 suggests renal potassium wasting.
    if k > 5.0:
        label = (
            "TTKG <7 in hyperkalemia suggests hypoaldosteronism or aldosterone resistance"
            if ttkg < 7
            else "TTKG ≥7 in hyperkalemia: appropriate renal K excretion"
        )
    elif k < 3.5:
        label = (
            "TTKG >3 in hypokalemia suggests renal potassium loss"
            if ttkg > 3
            else "TTKG ≤3 in hypokalemia suggests extrarenal potassium loss"
        )
    else:
        label = "Normokalemia: TTKG on a normal diet is about 8–9"
    warnings = []
    if inputs.urine_osmolality <= inputs.serum_osmolality:
        warnings.append("TTKG is valid only when urine osmolality exceeds serum osmolality.")
    warnings.append(
        "Validity requires urine Na >25 mEq/L; the TTKG's assumptions have been "
        "questioned (Kamel KS, Halperin ML. Curr Opin Nephrol Hypertens 2011)."
    )
    return CalcResult(
        calculator=META.id,
        value=round(ttkg, 2),
        unit=None,
        interpretation=label,
        steps=[
            Step(label="Urine/plasma K", value=round(inputs.urine_potassium / k, 3)),
            Step(
                label="Urine/plasma osmolality",
                value=round(inputs.urine_osmolality / inputs.serum_osmolality, 3),
            ),
            Step(label="TTKG", value=round(ttkg, 2), detail="(U_K/P_K) / (U_osm/P_osm)"),
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (urine/serum K, urine/serum osmolality) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "urine_potassium": f.quantity("urine potassium"),
        "serum_potassium": f.quantity("serum potassium", "plasma potassium"),
        "urine_osmolality": f.quantity("urine osmol"),
        "serum_osmolality": f.quantity("serum osmol", "plasma osmol"),
    }
