"""CNS International Prognostic Index (CNS-IPI) for DLBCL."""

from __future__ import annotations

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="cns_ipi",
    name="Central Nervous System International Prognostic Index (CNS-IPI)",
    synonyms=("CNS-IPI", "CNS IPI"),
    category="oncology",
    source=(
        "Schmitz N, Zeynalova S, Nickelsen M, et al. CNS International Prognostic Index: a risk "
        "model for CNS relapse in patients with diffuse large B-cell lymphoma treated with "
        "R-CHOP. J Clin Oncol. 2016;34(26):3150-6."
    ),
    doi="10.1200/JCO.2015.65.6520",
    pmid="27382100",
    output_type="integer",
    description="IPI factors plus kidney/adrenal involvement predict 2-year CNS relapse in "
    "DLBCL treated with R-CHOP.",
)


class Inputs(CalcInputs):
    """Inputs of the CNS-IPI."""

    age_over_60: bool = Field(description="Age >60 years")
    ldh_elevated: bool = Field(description="Serum LDH above normal")
    ecog_over_1: bool = Field(description="ECOG performance status >1")
    stage_3_or_4: bool = Field(description="Ann Arbor stage III or IV")
    extranodal_over_1: bool = Field(description="More than one extranodal site")
    kidney_or_adrenal: bool = Field(description="Kidney and/or adrenal involvement")


def compute(inputs: Inputs) -> CalcResult:
    """One point each; 0-1 low, 2-3 intermediate, 4-6 high (Schmitz 2016)."""
    i = inputs
    steps, total = tally([(f, getattr(i, f), int(getattr(i, f))) for f in Inputs.model_fields])
    score = int(total)
    label = (
        "Low risk: 2-year CNS relapse 0.6%"
        if score <= 1
        else "Intermediate risk: 2-year CNS relapse 3.4%"
        if score <= 3
        else "High risk: 2-year CNS relapse 10.2%"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)
