"""Modified Fisher grading scale for subarachnoid haemorrhage (SAH)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="modified_fisher",
    name="Modified Fisher Grading Scale for Subarachnoid Hemorrhage (SAH)",
    synonyms=("Modified Fisher scale", "modified Fisher grade"),
    category="neurology",
    source=(
        "Frontera JA, Claassen J, Schmidt JM, et al. Prediction of symptomatic vasospasm after "
        "subarachnoid hemorrhage: the modified Fisher scale. Neurosurgery. 2006;59(1):21-7."
    ),
    doi="10.1227/01.NEU.0000218821.34014.1B",
    pmid="16823296",
    output_type="integer",
    description="Grades 0-4 from SAH thickness on CT and intraventricular haemorrhage; predicts "
    "symptomatic vasospasm.",
)

_ROMAN = ("0", "I", "II", "III", "IV")
# Symptomatic vasospasm by grade (Frontera 2006): 0%, 24%, 33%, 33%, 40%.
_RISK = (0, 24, 33, 33, 40)


class Inputs(CalcInputs):
    """Inputs of the modified Fisher scale."""

    sah: Literal["none", "thin", "thick"] = Field(
        description="SAH on CT: none, thin (<1 mm, focal or diffuse) or thick (≥1 mm)"
    )
    ivh: bool = Field(description="Intraventricular haemorrhage present")

    @model_validator(mode="after")
    def _defined(self) -> Inputs:
        if self.sah == "none" and self.ivh:
            raise ValueError("isolated IVH without SAH is not graded by the modified Fisher scale")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Grade 0 none; 1 thin/no IVH; 2 thin+IVH; 3 thick/no IVH; 4 thick+IVH."""
    i = inputs
    grade = 0 if i.sah == "none" else (1 if i.sah == "thin" else 3) + (1 if i.ivh else 0)
    return CalcResult(
        calculator=META.id,
        value=grade,
        interpretation=f"Grade {_ROMAN[grade]}: symptomatic vasospasm ≈ {_RISK[grade]}%",
        steps=[
            Step(label="SAH", value=i.sah),
            Step(label="IVH", value=i.ivh),
            Step(label="Grade", value=grade),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc modified Fisher inputs → Inputs."""
    return {
        "sah": mm.choose(
            mm.get(inputs, r"sah"), [(r"thick", "thick"), (r"thin", "thin"), (r"^no|none", "none")]
        ),
        "ivh": mm.yes(mm.get(inputs, r"ivh|intraventricular")),
    }
