"""Simplified ejection fraction from LV dimensions (Quiñones method)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ejection_fraction_quinones",
    name="Ejection Fraction (Simplified)",
    synonyms=(
        "Quinones ejection fraction",
        "Quiñones method",
        "simplified ejection fraction",
        "EF from LV dimensions",
    ),
    category="cardiology",
    source="Quiñones MA, et al. A new, simplified and accurate method for determining ejection "
    "fraction with two-dimensional echocardiography. Circulation. 1981;64(4):744-53. "
    "Grades: Lang RM, et al. ASE/EAE chamber quantification. J Am Soc Echocardiogr. "
    "2005;18(12):1440-63.",
    doi="10.1161/01.cir.64.4.744",
    output_type="decimal",
    unit="%",
    description="EF = %ΔD² + (1 − %ΔD²) × apical shortening, from LV end-diastolic and "
    "end-systolic dimensions and the apical wall motion.",
)

Apex = Literal["normal", "hypokinetic", "akinetic", "dyskinetic", "aneurysmal"]

# Quiñones 1981: assumed long-axis (apical) fractional shortening by apical motion.
_APICAL_SHORTENING = {
    "normal": 0.15,
    "hypokinetic": 0.05,
    "akinetic": 0.0,
    "dyskinetic": -0.05,
    "aneurysmal": -0.10,
}


class Inputs(QuantityInputs):
    """Inputs of the simplified ejection fraction."""

    lvedd: float = quantity("length", "cm", ge=2, le=10, description="LV end-diastolic dimension")
    lvesd: float = quantity("length", "cm", ge=1, le=10, description="LV end-systolic dimension")
    apical_contraction: Apex = Field(
        description="Apical wall motion: normal (+15%), hypokinetic (+5%), akinetic (0%), "
        "dyskinetic (−5%), aneurysmal (−10%)"
    )

    @model_validator(mode="after")
    def _systolic_smaller(self) -> Inputs:
        if self.lvesd >= self.lvedd:
            raise ValueError(
                f"LV end-systolic dimension ({self.lvesd:g} cm) must be smaller "
                f"than the end-diastolic dimension ({self.lvedd:g} cm)"
            )
        return self


# ASE/EAE 2005 (Lang): normal ≥55%, mildly abnormal 45–54%, moderately 30–44%, severely <30%.
_GRADES = ((30.0, "Severely abnormal"), (45.0, "Moderately abnormal"), (55.0, "Mildly abnormal"))


def compute(inputs: Inputs) -> CalcResult:
    """EF = %ΔD² + (1 − %ΔD²) × %ΔL, with %ΔD² = (EDD² − ESD²) / EDD²."""
    d2 = (inputs.lvedd**2 - inputs.lvesd**2) / inputs.lvedd**2
    k = _APICAL_SHORTENING[inputs.apical_contraction]
    ef = (d2 + (1 - d2) * k) * 100
    grade = next((g for upper, g in _GRADES if ef < upper), "Normal")
    return CalcResult(
        calculator=META.id,
        value=round(ef, 1),
        unit="%",
        interpretation=f"{grade} LV function",
        steps=[
            Step(label="%ΔD²", value=round(d2 * 100, 1), detail="(EDD² − ESD²) / EDD² × 100"),
            Step(label="Apical correction", value=k, detail=inputs.apical_contraction),
            Step(
                label="Ejection fraction",
                value=round(ef, 1),
                detail="%ΔD² + (100 − %ΔD²) × apical shortening",
            ),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (LVEDD, LVESD in mm, apical contraction) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "lvedd": f.quantity("diastolic", default_unit="mm"),
        "lvesd": f.quantity("systolic", default_unit="mm"),
        "apical_contraction": f.option(
            "apical",
            options={
                "normal": "normal",
                "hypokinetic": "hypokinetic",
                "akinetic": "akinetic",
                "dyskinetic": "dyskinetic",
                "aneurysmal": ("aneurysmal", "aneurysm"),
            },
        ),
    }
