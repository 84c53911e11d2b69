"""Cervical cancer TNM staging (AJCC 8th edition / FIGO 2009 stage groups)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._tnm import read_category

META = CalculatorMeta(
    id="cervical_cancer_tnm",
    name="Cervical Cancer TNM Staging",
    synonyms=("Cervix uteri TNM staging", "AJCC cervical cancer staging"),
    category="oncology",
    source="Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th ed. "
    "Springer; 2017: Cervix Uteri (T categories and FIGO 2009 stages as tabulated in the IARC "
    "Atlas of Colposcopy, 'Classification TNM/FIGO', screening.iarc.fr).",
    output_type="text",
    description="AJCC prognostic stage group (IA1-IVB) from the T, N and M categories.",
)

TCategory = Literal[
    "T1",
    "T1a",
    "T1a1",
    "T1a2",
    "T1b",
    "T1b1",
    "T1b2",
    "T2",
    "T2a",
    "T2a1",
    "T2a2",
    "T2b",
    "T3",
    "T3a",
    "T3b",
    "T4",
]

#: T category → FIGO stage when N0 M0 (each T category carries its FIGO stage).
T_STAGE: dict[str, str] = {
    "T1": "I",
    "T1a": "IA",
    "T1a1": "IA1",
    "T1a2": "IA2",
    "T1b": "IB",
    "T1b1": "IB1",
    "T1b2": "IB2",
    "T2": "II",
    "T2a": "IIA",
    "T2a1": "IIA1",
    "T2a2": "IIA2",
    "T2b": "IIB",
    "T3": "III",
    "T3a": "IIIA",
    "T3b": "IIIB",
    "T4": "IVA",
}


class Inputs(CalcInputs):
    """T, N and M categories."""

    t: TCategory = Field(description="Primary tumour category (T1a1 ... T4)")
    n: Literal["N0", "N1"] = Field(description="Regional lymph nodes: N0 none, N1 metastasis")
    m: Literal["M0", "M1"] = Field(description="Distant metastasis: M0 none, M1 present")


def compute(inputs: Inputs) -> CalcResult:
    """Stage group: M1 → IVB; T4 → IVA; N1 (T1-T3) → IIIB; otherwise the T category's stage."""
    if inputs.m == "M1":
        stage, why = "IVB", "distant metastasis (M1)"
    elif inputs.t == "T4":
        stage, why = "IVA", "T4 with any N, M0"
    elif inputs.n == "N1":
        stage, why = "IIIB", "regional node metastasis (N1) with T1-T3, M0"
    else:
        stage, why = T_STAGE[inputs.t], f"{inputs.t} N0 M0"
    tnm = f"{inputs.t} {inputs.n} {inputs.m}"
    return CalcResult(
        calculator=META.id,
        value=stage,
        interpretation=f"Stage {stage} ({tnm}): {why}",
        steps=[
            Step(label="T", value=inputs.t),
            Step(label="N", value=inputs.n),
            Step(label="M", value=inputs.m),
            Step(label="Stage group", value=stage, detail=why),
        ],
        extra={"tnm": tnm},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary Tumour (T)': 'T1a1', ...) → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "t": read_category(f.value("primary tumour", "primary tumor"), "T", tuple(T_STAGE), "T"),
        "n": read_category(f.value("lymph nodes", "regional"), "N", ("N0", "N1"), "N"),
        "m": read_category(f.value("distant metastasis", "metastasis"), "M", ("M0", "M1"), "M"),
    }
