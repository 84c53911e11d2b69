"""Hepatocellular carcinoma TNM staging (AJCC 8th edition)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _tnm as tnm

META = CalculatorMeta(
    id="hcc_tnm",
    name="Hepatocellular Carcinoma TNM Staging",
    synonyms=("HCC TNM staging", "AJCC liver cancer staging", "Liver TNM staging"),
    category="oncology",
    source="Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th ed. "
    "Springer; 2017: Liver (hepatocellular carcinoma).",
    output_type="text",
    description="AJCC 8th-edition prognostic stage group (IA-IVB) of hepatocellular carcinoma "
    "from the T, N and M categories.",
)

#: T categories (AJCC 8th edition, liver) with their definitions.
T_DEFINITIONS: dict[str, str] = {
    "T1a": "Solitary tumor ≤ 2 cm",
    "T1b": "Solitary tumor > 2 cm without vascular invasion",
    "T2": "Solitary tumor > 2 cm with vascular invasion, or multiple tumors, none > 5 cm",
    "T3": "Multiple tumors, at least one > 5 cm",
    "T4": "Tumor(s) involving a major branch of the portal or hepatic vein, or direct invasion "
    "of adjacent organs other than the gallbladder, or perforation of visceral peritoneum",
}
#: Stage of each T category when N0 M0.
T_STAGE: dict[str, str] = {"T1a": "IA", "T1b": "IB", "T2": "II", "T3": "IIIA", "T4": "IIIB"}


class Inputs(CalcInputs):
    """T, N and M categories."""

    t: Literal["T1a", "T1b", "T2", "T3", "T4"] = Field(
        description="Primary tumour: " + "; ".join(f"{k} {v}" for k, v in T_DEFINITIONS.items())
    )
    n: tnm.NodeCategory = tnm.node_field()
    m: tnm.MetastasisCategory = tnm.metastasis_field()


def compute(inputs: Inputs) -> CalcResult:
    """Stage group: M1 → IVB; N1 → IVA; otherwise by T (IA, IB, II, IIIA, IIIB)."""
    if inputs.m == "M1":
        stage, why = "IVB", "distant metastasis (M1), any T, any N"
    elif inputs.n == "N1":
        stage, why = "IVA", "regional node metastasis (N1), any T, M0"
    else:
        stage, why = T_STAGE[inputs.t], f"{inputs.t} N0 M0: {T_DEFINITIONS[inputs.t]}"
    return tnm.stage_result(
        META.id, inputs.t, inputs.n, inputs.m, stage, why, t_detail=T_DEFINITIONS[inputs.t]
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('T1b (solitary tumor >2 cm ...)', 'N0 (...)', 'M0 (...)') → Inputs."""
    return tnm.read_tnm(inputs, META.id, tuple(T_STAGE))
