"""Mayo Clinic model for the probability of malignancy of a solitary pulmonary nodule."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mayo_spn",
    name="Solitary Pulmonary Nodule (SPN) Malignancy Risk Score (Mayo Clinic Model)",
    synonyms=("Mayo Clinic SPN model", "Swensen model", "Mayo pulmonary nodule risk"),
    category="pulmonology",
    source="Swensen SJ, Silverstein MD, Ilstrup DM, Schleck CD, Edell ES. The probability of "
    "malignancy in solitary pulmonary nodules. Application to small radiologically "
    "indeterminate nodules. Arch Intern Med. 1997;157(8):849-55.",
    doi="10.1001/archinte.1997.00440290031002",
    output_type="decimal",
    unit="%",
    description="x = -6.8272 + 0.0391 × age + 0.7917 × smoker + 1.3388 × cancer + 0.1274 × "
    "diameter (mm) + 1.0407 × spiculation + 0.7838 × upper lobe; probability = e^x / (1 + e^x).",
)


class Inputs(QuantityInputs):
    """Inputs of the Mayo Clinic model (nodules 4-30 mm on chest radiography)."""

    age: float = Field(ge=18, le=120, description="Age [years]")
    diameter: float = quantity("length", "mm", ge=1, le=100, description="Nodule diameter")
    smoker: bool = Field(description="Current or former smoker")
    extrathoracic_cancer_ge_5y: bool = Field(
        description="Extrathoracic cancer diagnosed ≥ 5 years before the nodule"
    )
    upper_lobe: bool = Field(description="Nodule in an upper lobe")
    spiculation: bool = Field(description="Spiculated nodule margin")


def compute(inputs: Inputs) -> CalcResult:
    """Logistic model of Swensen 1997."""
    i = inputs
    # Coefficients of Swensen 1997 (as reproduced by medicalalgorithms.com).
    s = Score(-6.8272)
    s.add("0.0391 × age", i.age, 0.0391 * i.age)
    s.add("Smoker (0.7917)", i.smoker, 0.7917 if i.smoker else 0.0)
    s.add(
        "Extrathoracic cancer ≥ 5 y (1.3388)",
        i.extrathoracic_cancer_ge_5y,
        1.3388 if i.extrathoracic_cancer_ge_5y else 0.0,
    )
    s.add("0.1274 × diameter (mm)", i.diameter, 0.1274 * i.diameter)
    s.add("Spiculation (1.0407)", i.spiculation, 1.0407 if i.spiculation else 0.0)
    s.add("Upper lobe (0.7838)", i.upper_lobe, 0.7838 if i.upper_lobe else 0.0)
    p = 100 / (1 + math.exp(-s.total))
    warnings = []
    if not 4 <= i.diameter <= 30:
        warnings.append("The model was derived for nodules of 4-30 mm.")
    return CalcResult(
        calculator=META.id,
        value=round(p, 1),
        unit="%",
        interpretation=f"Probability of malignancy {p:.1f}%",
        steps=s.steps,
        warnings=warnings,
        extra={"logit": s.total},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (a PET result is not part of the Swensen model)."""
    f = Fields(inputs, META.id)
    if f.has("fdg pet", "pet"):
        pet = f.text("fdg pet", "pet").lower()
        if "not performed" not in pet:
            raise MedMCPInputError(
                f"{META.id}: the Swensen 1997 model has no PET term; expected 'PET not "
                f"performed', found {pet!r}."
            )
    return {
        "age": f.number("age"),
        "diameter": f.quantity("diameter", default_unit="mm"),
        "smoker": f.yes("smoker"),
        "extrathoracic_cancer_ge_5y": f.yes("extrathoracic cancer", "cancer"),
        "upper_lobe": f.yes("upper lobe"),
        "spiculation": f.yes("spiculation"),
    }
