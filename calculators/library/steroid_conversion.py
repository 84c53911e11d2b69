"""Equivalent doses between systemic corticosteroids."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="steroid_conversion",
    name="Steroid Conversion Calculator",
    synonyms=(
        "corticosteroid conversion",
        "steroid equivalence",
        "glucocorticoid dose equivalents",
    ),
    category="pharmacology",
    source="Liu D, Ahmet A, Ward L, et al. A practical guide to the monitoring and management of "
    "the complications of systemic corticosteroid therapy. Allergy Asthma Clin Immunol. "
    "2013;9(1):30 (Table 1, equivalent glucocorticoid doses).",
    doi="10.1186/1710-1492-9-30",
    pmid="23947590",
    output_type="decimal",
    unit="mg",
    medcalc_id=24,
    description="Converts a dose of one systemic corticosteroid to the equipotent "
    "(anti-inflammatory) dose of another.",
)

Steroid = Literal[
    "betamethasone_iv",
    "cortisone_po",
    "dexamethasone_iv",
    "dexamethasone_po",
    "hydrocortisone_iv",
    "hydrocortisone_po",
    "methylprednisolone_iv",
    "methylprednisolone_po",
    "prednisolone_po",
    "prednisone_po",
    "triamcinolone_iv",
]

# Equivalent anti-inflammatory doses in mg (Liu 2013, Table 1; as used by MDCalc): cortisone
# 25, hydrocortisone 20, prednisone 5, prednisolone 5, methylprednisolone 4, triamcinolone 4,
# dexamethasone 0.75, betamethasone 0.75. IV and PO doses are taken as equivalent.
EQUIVALENT_MG: dict[str, float] = {
    "betamethasone_iv": 0.75,
    "cortisone_po": 25.0,
    "dexamethasone_iv": 0.75,
    "dexamethasone_po": 0.75,
    "hydrocortisone_iv": 20.0,
    "hydrocortisone_po": 20.0,
    "methylprednisolone_iv": 4.0,
    "methylprednisolone_po": 4.0,
    "prednisolone_po": 5.0,
    "prednisone_po": 5.0,
    "triamcinolone_iv": 4.0,
}


class Inputs(QuantityInputs):
    """Inputs of the steroid conversion."""

    from_steroid: Steroid = Field(description="The steroid and route given")
    dose: float = quantity("dose_mg", "mg", ge=0.01, le=5000, description="Dose of that steroid")
    to_steroid: Steroid = Field(description="The steroid and route to convert to")


def compute(inputs: Inputs) -> CalcResult:
    """Target dose = dose × equivalent(target) / equivalent(source)."""
    factor = EQUIVALENT_MG[inputs.to_steroid] / EQUIVALENT_MG[inputs.from_steroid]
    value = inputs.dose * factor
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        unit="mg",
        interpretation=f"{inputs.dose:g} mg {inputs.from_steroid} ≈ {value:.3g} mg "
        f"{inputs.to_steroid} (anti-inflammatory equivalence).",
        steps=[
            Step(
                label="Equivalent doses",
                value=f"{EQUIVALENT_MG[inputs.from_steroid]} mg "
                f"≡ {EQUIVALENT_MG[inputs.to_steroid]} mg",
            ),
            Step(
                label="Converted dose",
                value=round(value, 3),
                detail=f"{inputs.dose} × {factor:.4g}",
            ),
        ],
        warnings=["Equivalences ignore mineralocorticoid activity and duration of action."],
    )


def _steroid(name: str) -> str:
    key = "_".join(name.strip().lower().split())
    if key not in EQUIVALENT_MG:
        raise AdapterError(f"unknown steroid {name!r}; expected one of {sorted(EQUIVALENT_MG)}.")
    return key


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench ``{'input steroid': ['Dexamethasone PO', 7.96, 'mg'], 'target steroid'}``."""
    name, dose, unit = mc.get(entities, "input steroid")
    return {
        "from_steroid": _steroid(name),
        "dose": [dose, unit],
        "to_steroid": _steroid(mc.get(entities, "target steroid")),
    }
