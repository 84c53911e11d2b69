"""Barcelona-Clinic Liver Cancer (BCLC) staging and first treatment option."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="bclc_staging",
    name="Barcelona-Clinic Liver Cancer (BCLC) Staging Classification and Treatment Guidelines",
    synonyms=("BCLC", "BCLC staging", "Barcelona Clinic Liver Cancer staging"),
    category="hepatology",
    source="Llovet JM, Fuster J, Bruix J; Barcelona-Clinic Liver Cancer Group. The Barcelona "
    "approach: diagnosis, staging, and treatment of hepatocellular carcinoma. Liver Transpl. "
    "2004;10(2 Suppl 1):S115-20. Stage criteria as summarised by Pons F, Varela M, Llovet JM. "
    "Staging systems in hepatocellular carcinoma. HPB. 2005;7(1):35-41.",
    doi="10.1002/lt.20034",
    output_type="text",
    description="BCLC stage 0-D from tumour burden, liver function and performance status, with "
    "the first treatment option of the BCLC algorithm.",
)

Tumor = Literal[
    "single_le_2cm", "single_or_3_nodules_le_3cm", "multinodular", "vascular_invasion_or_spread"
]
TUMOR_TEXT: dict[str, str] = {
    "single_le_2cm": "Single nodule ≤ 2 cm",
    "single_or_3_nodules_le_3cm": "Single, or ≤ 3 nodules each ≤ 3 cm",
    "multinodular": "Multinodular (beyond ≤ 3 nodules ≤ 3 cm)",
    "vascular_invasion_or_spread": "Portal invasion, nodal involvement or extrahepatic spread",
}


class Inputs(CalcInputs):
    """Inputs of the BCLC staging."""

    tumor: Tumor = Field(
        description="Tumour burden: " + "; ".join(f"{k}: {v}" for k, v in TUMOR_TEXT.items())
    )
    liver_function: Literal["preserved", "end_stage"] = Field(
        description="Liver function: preserved (Child-Pugh A-B) or end-stage (Child-Pugh C)"
    )
    ecog: int = Field(ge=0, le=4, description="ECOG performance status (0-4)")
    single_nodule: bool | None = Field(
        None, description="Early stage only: a single nodule (vs 2-3 nodules ≤ 3 cm)"
    )
    portal_pressure_bilirubin_normal: bool | None = Field(
        None,
        description="Early stage, single nodule only: no portal hypertension and normal "
        "bilirubin (resection candidate)",
    )

    @model_validator(mode="after")
    def _early_details(self) -> Inputs:
        early = (
            self.tumor in ("single_le_2cm", "single_or_3_nodules_le_3cm")
            and self.liver_function == "preserved"
            and self.ecog == 0
        )
        if early and self.tumor == "single_or_3_nodules_le_3cm" and self.single_nodule is None:
            raise ValueError("single_nodule is required for early-stage (A) disease")
        if early and self.single_nodule and self.portal_pressure_bilirubin_normal is None:
            raise ValueError(
                "portal_pressure_bilirubin_normal is required for a single early-stage nodule"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Stage by the worst of performance status, liver function and tumour burden."""
    i = inputs
    steps = [
        Step(label="Tumour burden", value=i.tumor, detail=TUMOR_TEXT[i.tumor]),
        Step(label="Liver function", value=i.liver_function),
        Step(label="ECOG performance status", value=i.ecog),
    ]
    # Stage criteria (Pons 2005; Llovet 2004): D end-stage liver function or PS 3-4; C PS 1-2
    # or portal invasion/N1/M1; B multinodular, PS 0; A single or ≤ 3 nodules ≤ 3 cm, PS 0;
    # 0 single < 2 cm, PS 0, preserved liver function.
    if i.liver_function == "end_stage" or i.ecog >= 3:
        stage, name, treat = "D", "terminal stage", "Best supportive care"
    elif i.ecog >= 1 or i.tumor == "vascular_invasion_or_spread":
        stage, name, treat = "C", "advanced stage", "Systemic therapy"
    elif i.tumor == "multinodular":
        # Llovet 2004: intermediate stage benefits from chemoembolization (3-year survival > 50%).
        stage, name, treat = "B", "intermediate stage", "Chemoembolization (TACE)"
    else:
        stage = "0" if i.tumor == "single_le_2cm" else "A"
        name = "very early stage" if stage == "0" else "early stage"
        # Llovet 2004: resection for a solitary tumour without portal hypertension and with
        # normal bilirubin; otherwise liver transplantation or percutaneous ablation.
        single = True if stage == "0" else bool(i.single_nodule)
        if single and i.portal_pressure_bilirubin_normal:
            treat = "Resection"
        else:
            treat = "Liver transplantation or percutaneous ablation"
        steps.append(Step(label="Single nodule", value=single))
        steps.append(
            Step(
                label="Normal portal pressure and bilirubin",
                value=i.portal_pressure_bilirubin_normal,
            )
        )
    return CalcResult(
        calculator=META.id,
        value=f"Stage {stage}",
        interpretation=f"BCLC stage {stage} ({name}); first treatment option: {treat}",
        steps=steps,
        extra={"treatment": treat},
    )


_TUMOR_OPTIONS: dict[str, tuple[str, ...]] = {
    "single_le_2cm": ("Single ≤2 cm", "Single nodule ≤2 cm", "very early"),
    "single_or_3_nodules_le_3cm": ("Single, or ≤3 nodules each ≤3cm", "early"),
    "multinodular": ("Multinodular", "intermediate"),
    "vascular_invasion_or_spread": (
        "Portal invasion",
        "extrahepatic spread",
        "vascular invasion",
        "advanced",
    ),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "tumor": f.option("nodule", options=_TUMOR_OPTIONS, exclude=("number",)),
        "liver_function": f.option(
            "liver function",
            options={
                "preserved": ("Preserved liver function", "Preserved"),
                "end_stage": ("End stage liver function", "End-stage", "Child-Pugh C"),
            },
        ),
        "ecog": int(f.number("ecog", "performance")),
    }
    if f.has("number of nodules"):
        out["single_nodule"] = f.option(
            "number of nodules", options={True: ("Single",), False: ("2-3", "2 or 3", "Multiple")}
        )
    if f.has("portal pressure", "bilirubin"):
        out["portal_pressure_bilirubin_normal"] = f.option(
            "portal pressure",
            "bilirubin",
            options={True: ("Normal",), False: ("Increased", "Elevated", "Abnormal")},
        )
    return out
