"""NCCN International Prognostic Index (NCCN-IPI) for DLBCL."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="nccn_ipi",
    name="National Comprehensive Cancer Network International Prognostic Index (NCCN-IPI)",
    synonyms=("NCCN-IPI", "NCCN IPI", "enhanced IPI"),
    category="oncology",
    source="Zhou Z, et al. An enhanced International Prognostic Index (NCCN-IPI) for patients "
    "with diffuse large B-cell lymphoma treated in the rituximab era. Blood. "
    "2014;123(6):837-42.",
    doi="10.1182/blood-2013-09-524108",
    output_type="integer",
    unit=None,
    description="Age bands, normalised LDH, stage, extranodal sites in key organs and ECOG "
    "(0–8) for DLBCL survival.",
)


class Inputs(QuantityInputs):
    """Inputs of the NCCN-IPI."""

    age: float = quantity(
        "age", "years", ge=16, le=120, description="Age (>40–60: 1; >60–75: 2; >75: 3)"
    )
    ldh_ratio: float = Field(
        ge=0, le=50, description="LDH / upper limit of normal (>1–3: 1; >3: 2)"
    )
    stage_3_or_4: bool = Field(description="Ann Arbor stage III–IV (1)")
    extranodal_key_site: bool = Field(
        description="Extranodal disease in bone marrow, CNS, liver/GI tract or lung (1)"
    )
    ecog_2_or_more: bool = Field(description="ECOG performance status ≥2 (1)")


def compute(inputs: Inputs) -> CalcResult:
    """Points from Zhou 2014 (table 2)."""
    a = inputs.age
    age_pts = 3 if a > 75 else 2 if a > 60 else 1 if a > 40 else 0
    r = inputs.ldh_ratio
    ldh_pts = 2 if r > 3 else 1 if r > 1 else 0
    steps, total = tally(
        [
            ("Age (>40–60: 1; >60–75: 2; >75: 3)", a, age_pts),
            ("Normalised LDH (>1–3: 1; >3: 2)", r, ldh_pts),
            ("Ann Arbor stage III–IV", inputs.stage_3_or_4, 1 if inputs.stage_3_or_4 else 0),
            (
                "Extranodal disease in a key site",
                inputs.extranodal_key_site,
                1 if inputs.extranodal_key_site else 0,
            ),
            ("ECOG ≥2", inputs.ecog_2_or_more, 1 if inputs.ecog_2_or_more else 0),
        ]
    )
    # Zhou 2014: 0–1 low (5-y OS 96%), 2–3 low-intermediate (82%), 4–5 high-intermediate
    # (64%), ≥6 high (33%).
    label = (
        "Low risk (0–1): 5-year OS 96%"
        if total <= 1
        else "Low-intermediate risk (2–3): 5-year OS 82%"
        if total <= 3
        else "High-intermediate risk (4–5): 5-year OS 64%"
        if total <= 5
        else "High risk (≥6): 5-year OS 33%"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, LDH ratio, stage, extranodal, ECOG) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "ldh_ratio": f.number("ldh"),
        "stage_3_or_4": f.yes("stage"),
        "extranodal_key_site": f.yes("extranodal"),
        "ecog_2_or_more": f.yes("ecog", "performance"),
    }
