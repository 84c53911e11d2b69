"""Biologically effective dose (BED) and EQD2 of a fractionated radiotherapy course."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="radiation_bed",
    name="Radiation Biologically Effective Dose (BED) Calculator",
    synonyms=("BED", "biologically effective dose", "EQD2", "BED radiotherapy"),
    category="oncology",
    source="Fowler JF. The linear-quadratic formula and progress in fractionated radiotherapy. "
    "Br J Radiol. 1989;62(740):679-694.",
    output_type="decimal",
    unit="Gy",
    description="Linear-quadratic model: BED = D × (1 + d / (α/β)) for total dose D given in "
    "fractions of d; EQD2 = BED / (1 + 2 / (α/β)), the equivalent dose in 2-Gy fractions.",
)

#: The reference fraction size of EQD2 (Fowler 1989: equivalent dose in 2-Gy fractions).
_REFERENCE_FRACTION_GY = 2.0


class Inputs(QuantityInputs):
    """Inputs of the BED."""

    dose_per_fraction: float = quantity(
        "radiation_dose", "Gy", ge=0, le=50, description="Dose per fraction d"
    )
    total_dose: float = quantity(
        "radiation_dose", "Gy", ge=0, le=300, description="Total dose D (n fractions × d)"
    )
    alpha_beta: float = quantity(
        "radiation_dose",
        "Gy",
        ge=0.5,
        le=50,
        description="α/β ratio of the tissue (≈10 Gy early-responding/tumour, ≈2-3 Gy late)",
    )

    @model_validator(mode="after")
    def _fraction_fits(self) -> Inputs:
        if self.dose_per_fraction > self.total_dose:
            raise ValueError(
                f"dose_per_fraction ({self.dose_per_fraction:g} Gy) cannot exceed total_dose "
                f"({self.total_dose:g} Gy): the course needs at least one whole fraction"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """BED = D × (1 + d/(α/β)); EQD2 = BED / (1 + 2/(α/β)) (Fowler 1989)."""
    d, total, ab = inputs.dose_per_fraction, inputs.total_dose, inputs.alpha_beta
    relative_effectiveness = 1 + d / ab
    bed = total * relative_effectiveness
    eqd2 = bed / (1 + _REFERENCE_FRACTION_GY / ab)
    steps = [
        Step(
            label="Relative effectiveness",
            value=round(relative_effectiveness, 4),
            detail="1 + d / (α/β)",
        ),
        Step(label="BED", value=round(bed, 3), detail="D × (1 + d / (α/β)) [Gy]"),
        Step(label="EQD2", value=round(eqd2, 3), detail="BED / (1 + 2 / (α/β)) [Gy]"),
    ]
    fractions = total / d if d > 0 else None
    return CalcResult(
        calculator=META.id,
        value=round(bed, 3),
        unit="Gy",
        interpretation=f"BED {bed:.2f} Gy; EQD2 {eqd2:.2f} Gy (α/β {ab:g} Gy)",
        steps=steps,
        extra={
            "eqd2_gy": round(eqd2, 3),
            "fractions": round(fractions, 2) if fractions is not None else None,
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (dose per fraction, total dose, α/β ratio) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "dose_per_fraction": f.quantity("per fraction", default_unit="Gy"),
        "total_dose": f.quantity("total dose", default_unit="Gy"),
        "alpha_beta": f.quantity("α β", "alpha beta", "ratio", default_unit="Gy"),
    }
