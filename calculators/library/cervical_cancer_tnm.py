"""Cervical cancer TNM staging (AJCC 8th edition / FIGO 2009 stage groups)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _tnm as tnm

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
    n: tnm.NodeCategory = tnm.node_field()
    m: tnm.MetastasisCategory = tnm.metastasis_field()


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
    return tnm.stage_result(META.id, inputs.t, inputs.n, inputs.m, stage, why, stage_detail=why)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary Tumour (T)': 'T1a1', ...) → Inputs."""
    return tnm.read_tnm(inputs, META.id, tuple(T_STAGE))
