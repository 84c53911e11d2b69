"""Modified Marshall score for organ failure in acute pancreatitis (revised Atlanta 2012)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="modified_marshall",
    name="Modified Marshall Score",
    synonyms=("Modified Marshall scoring system", "Marshall score pancreatitis"),
    category="gastroenterology",
    source="Banks PA, Bollen TL, Dervenis C, et al. Classification of acute pancreatitis - "
    "2012: revision of the Atlanta classification and definitions by international consensus. "
    "Gut. 2013;62(1):102-111.",
    doi="10.1136/gutjnl-2012-302779",
    output_type="integer",
    description="Respiratory (PaO2/FiO2), renal (creatinine) and cardiovascular (systolic BP) "
    "systems scored 0-4 each; a score ≥ 2 in any system defines organ failure.",
)


class Inputs(QuantityInputs):
    """Inputs of the modified Marshall score."""

    pao2: float = quantity("pressure", "mmHg", ge=10, le=700, description="Arterial PaO2")
    fio2: float = quantity(
        "fio2", "fraction", ge=0.21, le=1.0, description="FiO2 (room air 0.21; 2 L/min 0.25)"
    )
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine"
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=300, description="Systolic BP, off inotropic support"
    )
    fluid_responsive: bool | None = Field(
        default=None, description="If SBP < 90: does it respond to fluids? (needed then)"
    )
    ph: float | None = Field(
        default=None, ge=6.5, le=8.0, description="Arterial pH (scores 3-4 if SBP < 90)"
    )

    @model_validator(mode="after")
    def _hypotension_detail(self) -> Inputs:
        acidotic = self.ph is not None and self.ph < 7.3
        if self.systolic_bp < 90 and not acidotic and self.fluid_responsive is None:
            raise ValueError("fluid_responsive is required when systolic_bp < 90 mmHg")
        return self


def _respiratory(ratio: float) -> int:
    # Banks 2013 table 1: > 400: 0; 301-400: 1; 201-300: 2; 101-200: 3; ≤ 101: 4.
    if ratio > 400:
        return 0
    if ratio > 300:
        return 1
    if ratio > 200:
        return 2
    if ratio > 101:
        return 3
    return 4


def _renal(creatinine: float) -> int:
    # Banks 2013 table 1 (mg/dL): < 1.4: 0; 1.4-1.8: 1; 1.9-3.6: 2; 3.6-4.9: 3; > 4.9: 4.
    # The mg/dL bands leave a gap (1.8-1.9) and share 3.6; the µmol/L column (134-169: 1,
    # 170-310: 2, 311-439: 3) settles both: < 1.9 mg/dL (≤ 169 µmol/L) scores 1 and 3.6 mg/dL
    # (318 µmol/L) scores 3.
    if creatinine < 1.4:
        return 0
    if creatinine < 1.9:
        return 1
    if creatinine < 3.6:
        return 2
    if creatinine <= 4.9:
        return 3
    return 4


def _cardiovascular(sbp: float, fluid_responsive: bool | None, ph: float | None) -> int:
    # Banks 2013 table 1: > 90: 0; < 90 fluid responsive: 1; < 90 not fluid responsive: 2;
    # < 90 and pH < 7.3: 3; < 90 and pH < 7.2: 4 (SBP exactly 90 scores 0).
    if sbp >= 90:
        return 0
    if ph is not None and ph < 7.2:
        return 4
    if ph is not None and ph < 7.3:
        return 3
    return 1 if fluid_responsive else 2


def compute(inputs: Inputs) -> CalcResult:
    """Per-system scores 0-4 (Banks 2013) and their sum; organ failure = any system ≥ 2."""
    i = inputs
    ratio = i.pao2 / i.fio2
    systems = {
        "Respiratory (PaO2/FiO2)": (round(ratio, 1), _respiratory(ratio)),
        "Renal (creatinine mg/dL)": (i.creatinine, _renal(i.creatinine)),
        "Cardiovascular (SBP mmHg)": (
            i.systolic_bp,
            _cardiovascular(i.systolic_bp, i.fluid_responsive, i.ph),
        ),
    }
    steps, total = [], 0
    for label, (value, points) in systems.items():
        total += points
        steps.append(Step(label=label, value=value, points=points, total=total))
    failing = [label.split(" (")[0] for label, (_, p) in systems.items() if p >= 2]
    if failing:
        label = f"Organ failure present ({', '.join(failing)} ≥ 2)"
    else:
        label = "No organ failure (no organ system scores ≥ 2)"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{label}; modified Marshall total {total}.",
        steps=steps,
        extra={
            "respiratory": systems["Respiratory (PaO2/FiO2)"][1],
            "renal": systems["Renal (creatinine mg/dL)"][1],
            "cardiovascular": systems["Cardiovascular (SBP mmHg)"][1],
            "organ_failure": bool(failing),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (PaO2, FiO2, creatinine, SBP, fluid response / pH if hypotensive)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "pao2": f.quantity("pao2", default_unit="mmHg"),
        "fio2": f.quantity("fio2", default_unit="fraction"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
        "systolic_bp": f.quantity("systolic", default_unit="mmHg"),
    }
    if f.has("fluid"):
        out["fluid_responsive"] = f.yes("fluid")
    if f.has("ph"):
        out["ph"] = f.number("ph")
    return out
