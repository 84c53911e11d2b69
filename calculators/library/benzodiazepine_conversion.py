"""Benzodiazepine dose conversion by the Ashton equivalence table (10 mg oral diazepam)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="benzodiazepine_conversion",
    name="Benzodiazepine Conversion Calculator",
    synonyms=("Benzodiazepine conversion", "Benzodiazepine equivalence", "Diazepam equivalents"),
    category="pharmacology",
    source="Ashton CH. Benzodiazepine Equivalence Table (The Ashton Manual, 2002; revised April "
    "2007, benzo.org.uk/bzequiv.htm), oral doses approximately equivalent to 10 mg diazepam, as "
    "tabulated in 'Benzodiazepine Approximate Dose Equivalents to 10 mg Oral Diazepam' (Table "
    "7, eguideline.guidelinecentral.com/i/1532950); see also Ashton CH. The diagnosis and "
    "management of benzodiazepine dependence. Curr Opin Psychiatry. 2005;18(3):249-255.",
    doi="10.1097/01.yco.0000165594.60434.84",
    output_type="decimal",
    unit="mg",
    description="Converts an oral benzodiazepine dose into the approximately equivalent dose of "
    "another through diazepam equivalents (one table: Ashton's).",
)

Drug = Literal[
    "alprazolam",
    "chlordiazepoxide",
    "clonazepam",
    "clorazepate",
    "diazepam",
    "lorazepam",
    "oxazepam",
    "quazepam",
    "temazepam",
    "triazolam",
]

# Oral dose (mg) approximately equivalent to 10 mg diazepam, Ashton Manual (2002) column of the
# Table 7 cited above. Estazolam (1-2 mg) and flurazepam (15-30 mg) are given there only as
# ranges, so they are not offered rather than picking a point of the range.
ASHTON_MG_PER_10MG_DIAZEPAM: dict[str, float] = {
    "alprazolam": 0.5,
    "chlordiazepoxide": 25,
    "clonazepam": 0.5,
    "clorazepate": 15,
    "diazepam": 10,
    "lorazepam": 1,
    "oxazepam": 20,
    "quazepam": 20,
    "temazepam": 20,
    "triazolam": 0.5,
}

# US brand names (Medscape benzodiazepine equivalency table) for reading benchmark values.
_BRANDS = {
    "xanax": "alprazolam",
    "librium": "chlordiazepoxide",
    "klonopin": "clonazepam",
    "tranxene": "clorazepate",
    "valium": "diazepam",
    "ativan": "lorazepam",
    "serax": "oxazepam",
    "doral": "quazepam",
    "restoril": "temazepam",
    "halcion": "triazolam",
}


class Inputs(QuantityInputs):
    """Inputs: the current drug and dose, and the drug to convert to."""

    from_drug: Drug = Field(description="Benzodiazepine the patient takes now")
    dose: float = quantity("dose_mg", "mg", ge=0.01, le=1000, description="Its oral dose")
    to_drug: Drug = Field(description="Benzodiazepine to convert to")


def compute(inputs: Inputs) -> CalcResult:
    """Dose × (target equivalent / current equivalent), via diazepam equivalents."""
    i = inputs
    eq_from = ASHTON_MG_PER_10MG_DIAZEPAM[i.from_drug]
    eq_to = ASHTON_MG_PER_10MG_DIAZEPAM[i.to_drug]
    diazepam = i.dose * 10 / eq_from
    target = diazepam * eq_to / 10
    shown = round(target, 3)
    return CalcResult(
        calculator=META.id,
        value=shown,
        unit="mg",
        interpretation=(
            f"{i.dose:g} mg {i.from_drug} ≈ {shown:g} mg {i.to_drug} "
            f"(≈ {round(diazepam, 2):g} mg diazepam; Ashton table)."
        ),
        steps=[
            Step(
                label=f"{i.from_drug} → diazepam",
                value=round(diazepam, 3),
                detail=f"{i.dose:g} mg × 10 / {eq_from:g} (mg {i.from_drug} ≈ 10 mg diazepam)",
            ),
            Step(
                label=f"diazepam → {i.to_drug}",
                value=shown,
                detail=f"× {eq_to:g} / 10 (mg {i.to_drug} ≈ 10 mg diazepam)",
            ),
        ],
        warnings=[
            "Equivalents are approximate and differ between tables; individualise the dose, and "
            "reduce it when switching in older or frail patients."
        ],
        extra={"diazepam_equivalent_mg": round(diazepam, 3)},
    )


def _drug(f: Fields, *keys: str) -> str:
    field, value = f.raw(*keys)
    text = str(value).lower()
    for name in ASHTON_MG_PER_10MG_DIAZEPAM:
        if re.search(rf"\b{name}\b", text):
            return name
    for brand, name in _BRANDS.items():
        if re.search(rf"\b{brand}\b", text):
            return name
    raise MedMCPInputError(
        f"{META.id}: {field}: expected one of {sorted(ASHTON_MG_PER_10MG_DIAZEPAM)}, "
        f"found {value!r}."
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (current drug and dose, target drug) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "from_drug": _drug(f, "current", "from", "converting from", "original", "benzodiazepine"),
        "dose": f.quantity("dose", "total daily", "amount", default_unit="mg"),
        "to_drug": _drug(f, "converting to", "to", "new", "target", "desired"),
    }
