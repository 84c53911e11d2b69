"""Alberta Stroke Program Early CT Score (ASPECTS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="aspects",
    name="Alberta Stroke Program Early CT Score (ASPECTS)",
    synonyms=("ASPECTS", "Alberta stroke program early CT score"),
    category="neurology",
    source="Barber PA, et al. Validity and reliability of a quantitative computed tomography "
    "score in predicting outcome of hyperacute stroke before thrombolytic therapy. "
    "Lancet. 2000;355(9216):1670-4.",
    doi="10.1016/S0140-6736(00)02237-6",
    output_type="integer",
    unit=None,
    description="10 minus one point per MCA-territory region with early ischaemic change on "
    "non-contrast CT.",
)

REGIONS = {
    "caudate": "Caudate (C)",
    "internal_capsule": "Internal capsule (IC)",
    "lentiform": "Lentiform nucleus (L)",
    "insula": "Insular ribbon (I)",
    "m1": "M1 anterior MCA cortex",
    "m2": "M2 MCA cortex lateral to the insular ribbon",
    "m3": "M3 posterior MCA cortex",
    "m4": "M4 anterior MCA territory above M1",
    "m5": "M5 lateral MCA territory above M2",
    "m6": "M6 posterior MCA territory above M3",
}


class Inputs(CalcInputs):
    """Inputs of ASPECTS: early ischaemic change (yes/no) in each of the ten regions."""

    caudate: bool = Field(description="Early ischaemic change: caudate")
    internal_capsule: bool = Field(description="Early ischaemic change: internal capsule")
    lentiform: bool = Field(description="Early ischaemic change: lentiform nucleus")
    insula: bool = Field(description="Early ischaemic change: insular ribbon")
    m1: bool = Field(description="Early ischaemic change: M1")
    m2: bool = Field(description="Early ischaemic change: M2")
    m3: bool = Field(description="Early ischaemic change: M3")
    m4: bool = Field(description="Early ischaemic change: M4")
    m5: bool = Field(description="Early ischaemic change: M5")
    m6: bool = Field(description="Early ischaemic change: M6")


def compute(inputs: Inputs) -> CalcResult:
    """ASPECTS = 10 − number of regions with early ischaemic change."""
    steps, lost = tally(
        (label, getattr(inputs, key), -1 if getattr(inputs, key) else 0)
        for key, label in REGIONS.items()
    )
    score = 10 + int(lost)
    # Barber 2000: ASPECTS ≤7 predicted dependence/death and symptomatic ICH after thrombolysis.
    label = (
        "ASPECTS ≤7: larger infarct, worse functional outcome"
        if score <= 7
        else "ASPECTS 8–10: small or no early ischaemic change"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (ten yes/no regions) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "caudate": f.yes("caudate"),
        "internal_capsule": f.yes("internal capsule"),
        "lentiform": f.yes("lentiform"),
        "insula": f.yes("insular"),
        "m1": f.yes("m1"),
        "m2": f.yes("m2"),
        "m3": f.yes("m3"),
        "m4": f.yes("m4"),
        "m5": f.yes("m5"),
        "m6": f.yes("m6"),
    }
