"""Laryngeal Cancer: Supraglottis (Clinical): AJCC 8th-edition clinical TNM stage group."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _head_neck_tnm as hn

META = CalculatorMeta(
    id="laryngeal_supraglottis_clinical",
    name="Laryngeal Cancer: Supraglottis (Clinical)",
    synonyms=("Supraglottic cancer clinical TNM staging", "cTNM supraglottic larynx cancer"),
    category="oncology",
    source="Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th ed. "
    "Springer; 2017: Larynx (clinical classification; T, N and stage-group tables as "
    "reproduced by Radiopaedia, otoscape.com and the AAO-HNS TNM staging guide).",
    output_type="text",
    description="AJCC 8th-edition prognostic stage group (0-IVC) of supraglottic carcinoma from "
    "the T, cN and M categories.",
)

#: T categories of the site, with their AJCC 8th-edition definitions.
T_DEFINITIONS: dict[str, str] = hn.SUPRAGLOTTIS_T


class Inputs(hn.HeadNeckTNMInputs):
    """T, cN and M categories (Supraglottis).

    N categories are clinical (cN): clinically overt ENE makes N3b.
    """

    t: Literal["Tis", "T1", "T2", "T3", "T4a", "T4b"] = Field(
        description="Primary tumour: " + "; ".join(f"{k} {v}" for k, v in T_DEFINITIONS.items())
    )


def compute(inputs: Inputs) -> CalcResult:
    """Stage group from the shared head-and-neck table (M1 → IVC; N3 or T4b → IVB; ...)."""
    return hn.stage_result(META.id, inputs.t, inputs.n, inputs.m, T_DEFINITIONS, hn.N_CLINICAL, "c")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary tumor (T)': 'cT2 (...)', 'Regional lymph nodes', ...)."""
    return hn.tnm_from_medmcp(inputs, META.id, tuple(T_DEFINITIONS))
