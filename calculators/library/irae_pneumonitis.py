"""Immune-related pneumonitis grading (ASCO 2018 / CTCAE v5)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_pneumonitis",
    name="Immune-Related Adverse Events for Lung Toxicity - Pneumonitis",
    synonyms=("irAE pneumonitis grade", "checkpoint inhibitor pneumonitis grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Pneumonitis grade G1-G4 of immune checkpoint inhibitor therapy: the highest "
    "grade that symptoms, radiographic extent, ADL limitation, oxygen need, hospitalisation "
    "or life-threatening compromise meet.",
)

#: MedMCP-Calc answers that depart from the published grading (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_083_e255090e", 3): (
        "Pneumonitis: the item records oxygen indicated (2 L/min to keep SpO2 95%, 91% on room "
        "air), a grade-3 criterion in ASCO 2018 / CTCAE v5 ('severe symptoms; limiting "
        "self-care ADL; oxygen indicated'); the task picked the grade-2 row from the other "
        "findings, so its G2 disagrees with the published grading (we return G3)."
    ),
}


class Inputs(CalcInputs):
    """Inputs of the pneumonitis grading."""

    symptoms: Literal["asymptomatic", "symptomatic", "severe"] = Field(
        description="Symptoms: asymptomatic (G1), symptomatic (G2), severe (G3)"
    )
    extent: Literal["one_lobe_or_lt25", "gt1_lobe_or_25_50", "all_lobes_or_gt50"] = Field(
        description="Radiographic extent: confined to one lobe or < 25% of lung parenchyma "
        "(G1); more than one lobe or 25-50% (G2); all lobes or > 50% (G3)"
    )
    adl_limitation: Literal["none", "instrumental", "self_care"] = Field(
        description="Limitation of activities of daily living: none, instrumental ADL (G2), "
        "self-care ADL (G3)"
    )
    oxygen_indicated: bool = Field(description="Oxygen indicated (G3)")
    hospitalization_required: bool = Field(description="Hospitalisation required (G3)")
    life_threatening: bool | None = Field(
        None,
        description="Life-threatening respiratory compromise; urgent intervention such as "
        "intubation indicated (G4)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met (ASCO 2018 pneumonitis table)."""
    i = inputs
    criteria = [
        ("Symptoms", i.symptoms, {"asymptomatic": 1, "symptomatic": 2, "severe": 3}[i.symptoms]),
        (
            "Radiographic extent",
            i.extent,
            {"one_lobe_or_lt25": 1, "gt1_lobe_or_25_50": 2, "all_lobes_or_gt50": 3}[i.extent],
        ),
        (
            "ADL limitation",
            i.adl_limitation,
            {"none": 0, "instrumental": 2, "self_care": 3}[i.adl_limitation],
        ),
        ("Oxygen indicated", i.oxygen_indicated, 3 if i.oxygen_indicated else 0),
        (
            "Hospitalisation required",
            i.hospitalization_required,
            3 if i.hospitalization_required else 0,
        ),
        (
            "Life-threatening / urgent intervention",
            i.life_threatening,
            4 if i.life_threatening else 0,
        ),
    ]
    return _irae.graded_result(
        META.id, "Pneumonitis", criteria, _irae.not_assessed(i.life_threatening, "Life threat")
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "symptoms": f.option(
            "symptom",
            options={
                "asymptomatic": ("Asymptomatic",),
                "symptomatic": ("Symptomatic",),
                "severe": ("Severe symptoms", "Severe"),
            },
        ),
        "extent": f.option(
            "extent",
            "involvement",
            options={
                "one_lobe_or_lt25": ("one lobe", "<25%", "confined to one lobe"),
                "gt1_lobe_or_25_50": (">1 lobe", "more than one lobe", "25-50%"),
                "all_lobes_or_gt50": ("all lobes", ">50%"),
            },
        ),
        "adl_limitation": f.option(
            "adl",
            options={
                "none": ("No", "None", "Not limiting"),
                "instrumental": ("Limiting instrumental ADLs", "instrumental"),
                "self_care": ("Limiting self-care ADLs", "self-care"),
            },
        ),
        "oxygen_indicated": f.yes("oxygen"),
        "hospitalization_required": f.yes("hospitalization"),
    }
    if f.has("intubation", "life threatening", "urgent"):
        out["life_threatening"] = f.yes("intubation", "life threatening", "urgent")
    return out
