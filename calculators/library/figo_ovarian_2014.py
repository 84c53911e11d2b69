"""FIGO 2014 staging of ovarian, fallopian tube and peritoneal cancer."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="figo_ovarian_2014",
    name="FIGO Staging for Ovarian Cancer (2014)",
    synonyms=("FIGO ovarian cancer staging", "FIGO 2014 ovarian", "Ovarian cancer FIGO stage"),
    category="oncology",
    source="Prat J; FIGO Committee on Gynecologic Oncology. Staging classification for cancer "
    "of the ovary, fallopian tube, and peritoneum. Int J Gynaecol Obstet. 2014;124(1):1-5.",
    output_type="text",
    description="The FIGO 2014 stage (IA-IVB) of the most advanced finding at surgical staging.",
)

Finding = Literal[
    "one_ovary_capsule_intact",
    "both_ovaries_capsule_intact",
    "surgical_spill",
    "capsule_ruptured_or_surface_tumor",
    "malignant_ascites_or_washings",
    "extension_uterus_tubes",
    "extension_other_pelvic_tissues",
    "retroperitoneal_nodes_le_10mm",
    "retroperitoneal_nodes_gt_10mm",
    "microscopic_extrapelvic_peritoneal",
    "macroscopic_peritoneal_le_2cm",
    "macroscopic_peritoneal_gt_2cm",
    "pleural_effusion_positive_cytology",
    "parenchymal_or_extra_abdominal_metastases",
]

#: Finding → (FIGO 2014 stage, the finding as worded in Prat 2014).
STAGES: dict[str, tuple[str, str]] = {
    "one_ovary_capsule_intact": (
        "IA",
        "Tumor limited to 1 ovary (capsule intact) or fallopian tube; no tumor on surface; "
        "negative washings",
    ),
    "both_ovaries_capsule_intact": (
        "IB",
        "Tumor involves both ovaries (capsules intact) or fallopian tubes; no tumor on surface; "
        "negative washings",
    ),
    "surgical_spill": ("IC1", "Tumor limited to 1 or both ovaries with surgical spill"),
    "capsule_ruptured_or_surface_tumor": (
        "IC2",
        "Capsule ruptured before surgery or tumor on ovarian or fallopian tube surface",
    ),
    "malignant_ascites_or_washings": (
        "IC3",
        "Malignant cells in the ascites or peritoneal washings",
    ),
    "extension_uterus_tubes": (
        "IIA",
        "Extension and/or implants on uterus and/or fallopian tubes",
    ),
    "extension_other_pelvic_tissues": (
        "IIB",
        "Extension to other pelvic intraperitoneal tissues",
    ),
    "retroperitoneal_nodes_le_10mm": (
        "IIIA1(i)",
        "Positive retroperitoneal lymph nodes only, metastasis up to 10 mm",
    ),
    "retroperitoneal_nodes_gt_10mm": (
        "IIIA1(ii)",
        "Positive retroperitoneal lymph nodes only, metastasis more than 10 mm",
    ),
    "microscopic_extrapelvic_peritoneal": (
        "IIIA2",
        "Microscopic extrapelvic (above the pelvic brim) peritoneal involvement with or "
        "without positive retroperitoneal lymph nodes",
    ),
    "macroscopic_peritoneal_le_2cm": (
        "IIIB",
        "Macroscopic peritoneal metastasis beyond the pelvis up to 2 cm in greatest dimension",
    ),
    "macroscopic_peritoneal_gt_2cm": (
        "IIIC",
        "Macroscopic peritoneal metastasis beyond the pelvis more than 2 cm in greatest dimension",
    ),
    "pleural_effusion_positive_cytology": ("IVA", "Pleural effusion with positive cytology"),
    "parenchymal_or_extra_abdominal_metastases": (
        "IVB",
        "Parenchymal metastases and metastases to extra-abdominal organs (including inguinal "
        "lymph nodes and lymph nodes outside the abdominal cavity)",
    ),
}


class Inputs(CalcInputs):
    """The most advanced finding at surgical staging."""

    finding: Finding = Field(
        description="Most advanced finding: "
        + "; ".join(f"{k} ({v[0]}): {v[1]}" for k, v in STAGES.items())
    )


def compute(inputs: Inputs) -> CalcResult:
    """Look the finding up in the FIGO 2014 table (Prat 2014)."""
    stage, text = STAGES[inputs.finding]
    return CalcResult(
        calculator=META.id,
        value=f"Stage {stage}",
        interpretation=f"FIGO stage {stage}: {text}",
        steps=[Step(label="Most advanced finding", value=inputs.finding, detail=text)],
    )


#: Finding → phrases MDCalc uses for it (the FIGO wording and its shorter forms).
_OPTIONS: dict[str, tuple[str, ...]] = {
    "one_ovary_capsule_intact": (
        STAGES["one_ovary_capsule_intact"][1],
        "Tumor limited to 1 ovary, capsule intact, no tumor on surface, negative washings",
    ),
    "both_ovaries_capsule_intact": (
        STAGES["both_ovaries_capsule_intact"][1],
        "Tumor involves both ovaries, capsule intact, no tumor on surface, negative washings",
    ),
    **{
        k: (v[1],)
        for k, v in STAGES.items()
        if k not in ("one_ovary_capsule_intact", "both_ovaries_capsule_intact")
    },
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (tumor location, then the finding within it) → Inputs."""
    f = Fields(inputs, META.id)
    # The item names the finding in a field titled after the chosen location.
    field, _ = f.raw("tumor location", "location")
    location = f.text("tumor location", "location")
    key = location if f.has(location) else field
    return {"finding": f.option(key, options=_OPTIONS, exclude=("location",))}
