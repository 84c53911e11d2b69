"""International Prognostic Index (IPI) and revised IPI (R-IPI) for DLBCL."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="ipi_dlbcl",
    name="International Prognostic Index for Diffuse Large B-cell Lymphoma (IPI and R-IPI)",
    synonyms=("IPI", "R-IPI", "International Prognostic Index", "revised IPI"),
    category="oncology",
    source="International Non-Hodgkin's Lymphoma Prognostic Factors Project. A predictive model "
    "for aggressive non-Hodgkin's lymphoma. N Engl J Med. 1993;329(14):987-94; Sehn LH, "
    "et al. The revised International Prognostic Index (R-IPI). Blood. "
    "2007;109(5):1857-61.",
    doi="10.1056/NEJM199309303291402",
    output_type="integer",
    unit=None,
    description="Five adverse factors (0–5) grouping DLBCL prognosis; the R-IPI regroups the "
    "same count for the rituximab era.",
)


class Inputs(QuantityInputs):
    """Inputs of the IPI."""

    age: float = quantity("age", "years", ge=16, le=120, description="Age (>60 adverse)")
    ldh_elevated: bool = Field(description="Serum LDH above the upper limit of normal")
    ecog_2_or_more: bool = Field(description="ECOG performance status ≥2")
    stage_3_or_4: bool = Field(description="Ann Arbor stage III or IV")
    extranodal_sites_over_1: bool = Field(description="More than one extranodal site")


def compute(inputs: Inputs) -> CalcResult:
    """One point per adverse factor (NEJM 1993); risk groups from the IPI and R-IPI."""
    steps, total = tally(
        [
            ("Age >60", inputs.age, 1 if inputs.age > 60 else 0),
            ("LDH elevated", inputs.ldh_elevated, 1 if inputs.ldh_elevated else 0),
            ("ECOG ≥2", inputs.ecog_2_or_more, 1 if inputs.ecog_2_or_more else 0),
            ("Stage III–IV", inputs.stage_3_or_4, 1 if inputs.stage_3_or_4 else 0),
            (
                ">1 extranodal site",
                inputs.extranodal_sites_over_1,
                1 if inputs.extranodal_sites_over_1 else 0,
            ),
        ]
    )
    n = int(total)
    # IPI 1993: 0–1 low, 2 low-intermediate, 3 high-intermediate, 4–5 high.
    ipi = (
        "low"
        if n <= 1
        else "low-intermediate"
        if n == 2
        else "high-intermediate"
        if n == 3
        else "high"
    )
    # Sehn 2007 (R-CHOP): 0 very good (4-y OS 94%), 1–2 good (79%), 3–5 poor (55%).
    ripi = "very good" if n == 0 else "good" if n <= 2 else "poor"
    return CalcResult(
        calculator=META.id,
        value=as_int(total),
        interpretation=f"IPI {ipi} risk; R-IPI {ripi} prognosis",
        steps=steps,
        extra={"ipi_risk_group": ipi, "r_ipi_group": ripi},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, LDH, ECOG, stage, extranodal sites) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "ldh_elevated": f.yes("ldh"),
        "ecog_2_or_more": f.yes("ecog", "performance"),
        "stage_3_or_4": f.yes("stage"),
        "extranodal_sites_over_1": f.yes("extranodal"),
    }
