"""DASH prediction score for recurrent venous thromboembolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="dash_vte_recurrence",
    name="DASH Prediction Score for Recurrent VTE",
    synonyms=("DASH score", "DASH prediction score", "DASH VTE recurrence score"),
    category="hematology",
    source="Tosetto A, et al. Predicting disease recurrence in patients with previous "
    "unprovoked venous thromboembolism: a proposed prediction score (DASH). J Thromb "
    "Haemost. 2012;10(6):1019-25.",
    doi="10.1111/j.1538-7836.2012.04735.x",
    output_type="integer",
    unit=None,
    description="D-dimer, Age, Sex, Hormones: recurrence risk after stopping anticoagulation "
    "for a first unprovoked VTE.",
)


class Inputs(CalcInputs):
    """Inputs of the DASH score."""

    abnormal_d_dimer: bool = Field(
        description="Abnormal D-dimer after stopping anticoagulation (+2)"
    )
    age_50_or_younger: bool = Field(description="Age ≤50 years (+1)")
    male: bool = Field(description="Male sex (+1)")
    hormone_use_at_onset: bool = Field(description="Women only: hormone use at VTE onset (−2)")

    @model_validator(mode="after")
    def _hormones_women_only(self) -> Inputs:
        if self.male and self.hormone_use_at_onset:
            raise ValueError(
                "'hormone_use_at_onset' applies to women only; it must be false when 'male' is true"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """D-dimer +2, age ≤50 +1, male +1, hormone use (women) −2 (Tosetto 2012)."""
    steps, total = tally(
        [
            ("Abnormal D-dimer", inputs.abnormal_d_dimer, 2 if inputs.abnormal_d_dimer else 0),
            ("Age ≤50", inputs.age_50_or_younger, 1 if inputs.age_50_or_younger else 0),
            ("Male sex", inputs.male, 1 if inputs.male else 0),
            (
                "Hormone use at VTE onset (women)",
                inputs.hormone_use_at_onset,
                -2 if inputs.hormone_use_at_onset else 0,
            ),
        ]
    )
    # Tosetto 2012: annualised recurrence 3.1% for scores ≤1, 6.4% for 2, 12.3% for ≥3.
    label = (
        "Low risk (≤1): 3.1% annual recurrence; consider stopping anticoagulation"
        if total <= 1
        else "Higher risk (2): 6.4% annual recurrence; consider extended anticoagulation"
        if total == 2
        else "High risk (≥3): 12.3% annual recurrence; consider extended anticoagulation"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (D-dimer, age ≤50, male, hormone use) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "abnormal_d_dimer": f.yes("d dimer"),
        "age_50_or_younger": f.yes("age"),
        "male": f.yes("male"),
        "hormone_use_at_onset": f.yes("hormone"),
    }
