"""Major Salivary Gland Cancer TNM Staging (Pathological): AJCC 8th-edition pTNM stage group."""

from __future__ import annotations

from typing import Any, Literal

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _head_neck_tnm as hn

META = CalculatorMeta(
    id="salivary_gland_pathological",
    name="Major Salivary Gland Cancer TNM Staging (Pathological)",
    synonyms=(
        "Major salivary gland cancer pathological TNM staging",
        "pTNM major salivary gland cancer",
    ),
    category="oncology",
    source="Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th ed. "
    "Springer; 2017: Major Salivary Glands (pathological classification; T, N and stage-group "
    "tables as reproduced by Radiopaedia and the SEER training module on salivary glands).",
    output_type="text",
    description="AJCC 8th-edition prognostic stage group (0-IVC) of major salivary gland "
    "carcinoma from the T, pN and M categories.",
)

#: T categories of the site, with their AJCC 8th-edition definitions.
T_DEFINITIONS: dict[str, str] = hn.SALIVARY_T


class Inputs(hn.HeadNeckTNMInputs):
    """T, pN and M categories (Major salivary glands).

    N categories are pathological (pN): an ENE(+) node of 3 cm or less is N2a, other ENE(+) N3b.
    """

    t: Literal["T0", "Tis", "T1", "T2", "T3", "T4a", "T4b"] = hn.t_field(T_DEFINITIONS)


def compute(inputs: Inputs) -> CalcResult:
    """Stage group from the shared head-and-neck table (M1 → IVC; N3 or T4b → IVB; ...)."""
    return hn.pathological_result(META.id, inputs, T_DEFINITIONS)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary tumor (T)': 'pT3 (> 4 cm)', 'Regional lymph nodes', ...)."""
    return hn.tnm_from_medmcp(inputs, META.id, tuple(T_DEFINITIONS))
