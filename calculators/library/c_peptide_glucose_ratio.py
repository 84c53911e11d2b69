"""C-peptide to glucose ratio (C-peptide index, CPI) for beta-cell secretory function."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="c_peptide_glucose_ratio",
    name="C-Peptide to Glucose Ratio",
    synonyms=("C-peptide index", "CPI", "CPR index", "C-peptide to glucose ratio (CPR index)"),
    category="endocrinology",
    source="Funakoshi S, Fujimoto S, Hamasaki A, et al. Utility of indices using C-peptide "
    "levels for indication of insulin therapy to achieve good glycemic control in Japanese "
    "patients with type 2 diabetes. J Diabetes Investig. 2011. Postprandial "
    "ratio: Saisho Y. Postprandial C-peptide to glucose ratio as a marker of β cell function: "
    "implication for the management of type 2 diabetes. Int J Mol Sci. 2016;17(5):744.",
    doi="10.3390/ijms17050744",
    output_type="decimal",
    description="100 × C-peptide (ng/mL) / glucose (mg/dL) from the same sample, fasting or "
    "about 2 h after a meal; a fasting index < 0.8 suggests insulin is needed.",
)

Sample = Literal["fasting", "postprandial"]

# Fasting C-peptide index cut-offs (Funakoshi 2011, as tabulated by Japanese clinical
# references read for this module): CPI < 0.8 insulin therapy needed; 0.8-1.2 either oral
# agents or insulin can control glucose; > 1.2 diet, exercise and oral agents suffice.
FASTING_DEFICIENT_BELOW = 0.8
FASTING_PRESERVED_ABOVE = 1.2


class Inputs(QuantityInputs):
    """Inputs: C-peptide and glucose from the same draw, and when it was drawn."""

    c_peptide: float = quantity("c_peptide", "ng/mL", ge=0, le=50, description="Serum C-peptide")
    glucose: float = quantity("glucose", "mg/dL", ge=20, le=2000, description="Plasma glucose")
    sample: Sample = Field(description="fasting (8-12 h) or postprandial (about 2 h after a meal)")


def compute(inputs: Inputs) -> CalcResult:
    """CPI = 100 × C-peptide [ng/mL] / glucose [mg/dL]."""
    i = inputs
    ratio = 100 * i.c_peptide / i.glucose
    shown = round(ratio, 2)
    warnings: list[str] = []
    if i.sample == "fasting":
        if ratio < FASTING_DEFICIENT_BELOW:
            reading = "Insulin deficiency (fasting CPI < 0.8): insulin therapy needed"
        elif ratio <= FASTING_PRESERVED_ABOVE:
            reading = (
                "Impaired insulin secretion (fasting CPI 0.8-1.2): oral agents or insulin; "
                "basal insulin plus other agents may be appropriate"
            )
        else:
            reading = "Preserved insulin secretion (fasting CPI > 1.2): insulin usually unnecessary"
    else:
        reading = (
            f"Postprandial CPR index {shown}: higher values mean more preserved β-cell function"
        )
        warnings.append(
            "No postprandial cut-off is applied: the sources read for this module state "
            "category thresholds for the fasting index only."
        )
    return CalcResult(
        calculator=META.id,
        value=shown,
        interpretation=f"{reading}.",
        steps=[
            Step(
                label=f"{i.sample.capitalize()} C-peptide / glucose × 100",
                value=shown,
                detail=f"100 × {i.c_peptide:g} ng/mL / {i.glucose:g} mg/dL",
            )
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (C-peptide, glucose, fasting/postprandial) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "c_peptide": f.quantity("c peptide", "c-peptide", "cpr", default_unit="ng/mL"),
        "glucose": f.quantity("glucose", default_unit="mg/dL"),
    }
    if f.has("measurement", "state", "timing", "sample", "fasting", "postprandial"):
        out["sample"] = f.option(
            "measurement",
            "state",
            "timing",
            "sample",
            "fasting",
            "postprandial",
            options={
                "fasting": ("fasting", "fasted"),
                "postprandial": ("postprandial", "post prandial", "after a meal", "after meal"),
            },
        )
    return out
