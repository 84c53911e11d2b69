"""Laryngeal Cancer: Supraglottis (Pathological): AJCC 8th-edition pathological TNM stage group."""

from __future__ import annotations

from typing import Any, Literal

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _head_neck_tnm as hn

META = CalculatorMeta(
    id="laryngeal_supraglottis_pathological",
    name="Laryngeal Cancer: Supraglottis (Pathological)",
    synonyms=("Supraglottic cancer pathological TNM staging", "pTNM supraglottic larynx cancer"),
    category="oncology",
    source="Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th ed. "
    "Springer; 2017: Larynx (pathological classification; T, N and stage-group tables as "
    "reproduced by Radiopaedia, otoscape.com and the AAO-HNS TNM staging guide).",
    output_type="text",
    description="AJCC 8th-edition prognostic stage group (0-IVC) of supraglottic carcinoma from "
    "the T, pN and M categories.",
)

#: T categories of the site, with their AJCC 8th-edition definitions.
T_DEFINITIONS: dict[str, str] = hn.SUPRAGLOTTIS_T


class Inputs(hn.HeadNeckTNMInputs):
    """T, pN and M categories (Supraglottis).

    N categories are pathological (pN): an ENE(+) node of 3 cm or less is N2a, other ENE(+) N3b.
    """

    t: Literal["Tis", "T1", "T2", "T3", "T4a", "T4b"] = hn.t_field(T_DEFINITIONS)


def compute(inputs: Inputs) -> CalcResult:
    """Stage group from the shared head-and-neck table (M1 → IVC; N3 or T4b → IVB; ...)."""
    return hn.pathological_result(META.id, inputs, T_DEFINITIONS)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary tumor (T)': 'pT2 (2 sites)', 'Regional lymph nodes', ...)."""
    return hn.tnm_from_medmcp(inputs, META.id, tuple(T_DEFINITIONS))
