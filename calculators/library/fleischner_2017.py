"""Fleischner Society 2017 guidelines for incidental pulmonary nodules."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fleischner_2017",
    name="Fleischner Society Guidelines for Incidental Pulmonary Nodules",
    synonyms=("Fleischner 2017", "Fleischner guidelines", "Fleischner pulmonary nodule"),
    category="pulmonology",
    source="MacMahon H, Naidich DP, Goo JM, et al. Guidelines for management of incidental "
    "pulmonary nodules detected on CT images: from the Fleischner Society 2017. Radiology. "
    "2017;284(1):228-243.",
    doi="10.1148/radiol.2017161659",
    pmid="28240562",
    output_type="text",
    description="Follow-up of an incidental nodule in adults ≥ 35 years by nodule type, number, "
    "size (< 6, 6-8, > 8 mm) and, for solid nodules, patient risk.",
)

NoduleType = Literal["solid", "ground_glass", "part_solid"]
Size = Literal["lt_6mm", "6_8mm", "gt_8mm"]

_SOLID: dict[tuple[str, str, str], str] = {
    ("single", "lt_6mm", "low"): "No routine follow-up",
    ("single", "lt_6mm", "high"): "Optional CT at 12 months",
    ("single", "6_8mm", "low"): "CT at 6-12 months, then consider CT at 18-24 months",
    ("single", "6_8mm", "high"): "CT at 6-12 months, then CT at 18-24 months",
    ("single", "gt_8mm", "low"): "Consider CT at 3 months, PET/CT, or tissue sampling",
    ("single", "gt_8mm", "high"): "Consider CT at 3 months, PET/CT, or tissue sampling",
    ("multiple", "lt_6mm", "low"): "No routine follow-up",
    ("multiple", "lt_6mm", "high"): "Optional CT at 12 months",
    ("multiple", "6_8mm", "low"): "CT at 3-6 months, then consider CT at 18-24 months",
    ("multiple", "6_8mm", "high"): "CT at 3-6 months, then at 18-24 months",
    ("multiple", "gt_8mm", "low"): "CT at 3-6 months, then consider CT at 18-24 months",
    ("multiple", "gt_8mm", "high"): "CT at 3-6 months, then at 18-24 months",
}
_SUBSOLID: dict[tuple[str, str, bool], str] = {
    ("ground_glass", "single", False): "No routine follow-up",
    ("ground_glass", "single", True): (
        "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years"
    ),
    ("part_solid", "single", False): "No routine follow-up",
    ("part_solid", "single", True): (
        "CT at 3-6 months to confirm persistence. If unchanged and solid component remains "
        "<6 mm, annual CT should be performed for 5 years"
    ),
}
_MULTIPLE_SUBSOLID = {
    False: "CT at 3-6 months. If stable, consider CT at 2 and 4 years",
    True: "CT at 3-6 months. Subsequent management based on the most suspicious nodule(s)",
}


class Inputs(CalcInputs):
    """Inputs of the Fleischner 2017 table."""

    nodule_type: NoduleType = Field(description="Nodule type: solid, ground_glass, part_solid")
    number: Literal["single", "multiple"] = Field(description="Single or multiple nodules")
    size: Size = Field(
        description="Size (average diameter): lt_6mm (< 6 mm, < 100 mm³), 6_8mm (6-8 mm, "
        "100-250 mm³), gt_8mm (> 8 mm, > 250 mm³)"
    )
    risk: Literal["low", "high"] | None = Field(
        None, description="Patient risk of lung cancer (solid nodules only): low or high"
    )

    @model_validator(mode="after")
    def _risk_for_solid(self) -> Inputs:
        if self.nodule_type == "solid" and self.risk is None:
            raise ValueError("risk (low or high) is required for solid nodules")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Look the nodule up in the Fleischner 2017 table."""
    i = inputs
    steps = [
        Step(label="Nodule type", value=i.nodule_type),
        Step(label="Number", value=i.number),
        Step(label="Size", value=i.size),
    ]
    if i.nodule_type == "solid":
        assert i.risk is not None  # checked by the input model
        steps.append(Step(label="Risk", value=i.risk))
        advice = _SOLID[(i.number, i.size, i.risk)]
    elif i.number == "multiple":
        advice = _MULTIPLE_SUBSOLID[i.size != "lt_6mm"]
    else:
        advice = _SUBSOLID[(i.nodule_type, i.number, i.size != "lt_6mm")]
    return CalcResult(
        calculator=META.id,
        value=advice,
        interpretation=advice,
        steps=steps,
        warnings=[
            "Not for lung cancer screening, patients < 35 years, known cancer or "
            "immunosuppression (Fleischner 2017)."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "nodule_type": f.option(
            "nodule type",
            "type",
            options={
                "solid": ("Solid",),
                "ground_glass": ("Ground glass", "Ground-glass", "GGN"),
                "part_solid": ("Part solid", "Part-solid"),
            },
        ),
        "number": f.option("number", options={"single": ("Single",), "multiple": ("Multiple",)}),
        "size": f.option(
            "size",
            options={
                "lt_6mm": ("<6 mm", "<6 mm (<100 mm³)"),
                "6_8mm": ("6-8 mm", "6-8 mm (100-250 mm³)"),
                "gt_8mm": (">8 mm", ">8 mm (>250 mm³)"),
            },
        ),
    }
    if f.has("risk"):
        out["risk"] = f.option("risk", options={"low": ("Low",), "high": ("High",)})
    return out
