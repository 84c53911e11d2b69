"""Milan criteria for liver transplantation in hepatocellular carcinoma."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="milan_criteria",
    name="Milan Criteria for Liver Transplantation",
    synonyms=("Milan criteria", "Mazzaferro criteria"),
    category="hepatology",
    source="Mazzaferro V, et al. Liver transplantation for the treatment of small "
    "hepatocellular carcinomas in patients with cirrhosis. N Engl J Med. "
    "1996;334(11):693-9.",
    doi="10.1056/NEJM199603143341104",
    output_type="text",
    unit=None,
    description="HCC within a single lesion ≤5 cm or up to 3 lesions each ≤3 cm, without "
    "extrahepatic spread or macrovascular invasion.",
)


class Inputs(CalcInputs):
    """Inputs of the Milan criteria."""

    single_tumor_5cm_or_less: bool = Field(description="Single tumour with diameter ≤5 cm")
    up_to_3_tumors_3cm_or_less: bool = Field(description="2–3 tumours, each ≤3 cm")
    extrahepatic_involvement: bool = Field(description="Extrahepatic involvement")
    major_vessel_involvement: bool = Field(description="Major (macro)vascular invasion")


def compute(inputs: Inputs) -> CalcResult:
    """Met when the tumour burden fits and there is no extrahepatic or vascular spread."""
    burden = inputs.single_tumor_5cm_or_less or inputs.up_to_3_tumors_3cm_or_less
    met = burden and not inputs.extrahepatic_involvement and not inputs.major_vessel_involvement
    steps = [
        Step(
            label="Tumour burden within limits",
            value=burden,
            detail="single ≤5 cm, or ≤3 tumours each ≤3 cm",
        ),
        Step(label="No extrahepatic involvement", value=not inputs.extrahepatic_involvement),
        Step(label="No major vessel involvement", value=not inputs.major_vessel_involvement),
    ]
    # Mazzaferro 1996: 4-year survival 75% (85% recurrence-free) when the criteria were met.
    return CalcResult(
        calculator=META.id,
        value="Criteria met" if met else "Criteria not met",
        interpretation=(
            "Milan criteria fulfilled: the patient is a transplant candidate"
            if met
            else "Milan criteria not fulfilled"
        ),
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (four yes/no items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "single_tumor_5cm_or_less": f.yes("single"),
        "up_to_3_tumors_3cm_or_less": f.yes("up to 3", "3 tumors"),
        "extrahepatic_involvement": f.yes("extra hepatic", "extrahepatic"),
        "major_vessel_involvement": f.yes("vessel", "vascular"),
    }
