"""PFO-Associated Stroke Causal Likelihood (PASCAL) classification."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import rope_score
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm

META = CalculatorMeta(
    id="pascal_pfo",
    name="PFO-Associated Stroke Causal Likelihood (PASCAL) Classification System",
    synonyms=("PASCAL classification", "PASCAL", "PFO-Associated Stroke Causal Likelihood"),
    category="neurology",
    source="Kent DM, Saver JL, Kasner SE, et al. Heterogeneity of treatment effects in an "
    "analysis of pooled individual patient data from randomized trials of device closure of "
    "patent foramen ovale after stroke. JAMA. 2021;326(22):2277-2286. Grid as in Elgendy AY, "
    "Saver JL, Amin Z, et al. Proposal for updated nomenclature and classification of potential "
    "causative mechanism in patent foramen ovale-associated stroke. JAMA Neurol. 2020;77:878.",
    output_type="text",
    description="Unlikely, possible or probable PFO-caused stroke from the RoPE score (< 7 or "
    "≥ 7) and a high-risk PFO feature (atrial septal aneurysm or large shunt).",
)

# RoPE ≥ 7 is "high" (Kent 2021; Elgendy 2020 table footnote: "a higher RoPE score (≥ 7
# points) increases probability of causal association").
HIGH_ROPE = 7

Category = Literal["Unlikely", "Possible", "Probable"]

# Kent 2021 / Elgendy 2020 grid: small-shunt PFO without ASA → unlikely (low RoPE) or possible
# (high RoPE); ASA and/or large shunt → possible (low RoPE) or probable (high RoPE).
_GRID: dict[tuple[bool, bool], Category] = {
    (False, False): "Unlikely",
    (False, True): "Possible",
    (True, False): "Possible",
    (True, True): "Probable",
}

_READING: dict[Category, str] = {
    "Unlikely": "PFO-associated stroke unlikely: the PFO is more likely incidental; look for "
    "another mechanism",
    "Possible": "PFO-associated stroke possible: one of a high RoPE score or a high-risk PFO "
    "feature",
    "Probable": "PFO-associated stroke probable: high RoPE score and a high-risk PFO feature",
}


class Inputs(CalcInputs):
    """Inputs of PASCAL: the RoPE score and the two high-risk PFO features."""

    rope_score: int = Field(ge=0, le=10, description="RoPE score, 0-10 (≥ 7 is high)")
    atrial_septal_aneurysm: bool = Field(description="Atrial septal aneurysm (high-risk feature)")
    large_shunt: bool = Field(description="Large right-to-left shunt (high-risk feature)")


def compute(inputs: Inputs) -> CalcResult:
    """Place the patient on the PASCAL grid (Kent 2021)."""
    i = inputs
    high_rope = i.rope_score >= HIGH_ROPE
    high_risk_pfo = i.atrial_septal_aneurysm or i.large_shunt
    category = _GRID[(high_rope, high_risk_pfo)]
    steps = [
        Step(
            label="RoPE score ≥ 7",
            value=i.rope_score,
            detail="high" if high_rope else "low (< 7)",
        ),
        Step(
            label="High-risk PFO feature (ASA or large shunt)",
            value=high_risk_pfo,
            detail=f"ASA: {i.atrial_septal_aneurysm}; large shunt: {i.large_shunt}",
        ),
        Step(label="PASCAL category", value=category),
    ]
    return CalcResult(
        calculator=META.id,
        value=category,
        interpretation=f"{category}: {_READING[category]}.",
        steps=steps,
        warnings=[
            "For embolic-appearing stroke with a PFO and no other major source after a full "
            "work-up."
        ],
        extra={"high_rope": high_rope, "high_risk_pfo_feature": high_risk_pfo},
    )


def _rope_from_text(field: str, value: Any) -> int:
    """A RoPE score written as a number, or only as its side of 7 (a stand-in on that side)."""
    text = norm(value)
    if text.startswith(("ge 7", "high", "7 10")):
        return HIGH_ROPE  # recorded as "≥ 7" / "High": 7 stands in on the high side
    if text.startswith(("lt 7", "low", "0 6")):
        return HIGH_ROPE - 1  # recorded as "< 7" / "Low": 6 stands in on the low side
    return int(first_number(value, field=field))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs; the RoPE score is read, or scored from its items."""
    f = Fields(inputs, META.id)
    if f.has("rope"):
        field, value = f.raw("rope")
        rope = _rope_from_text(field, value)
    else:
        try:
            rope_kwargs = rope_score.from_medmcp(inputs)
        except MedMCPInputError as e:
            raise MedMCPInputError(
                f"{META.id}: give the RoPE score or its items (age, hypertension, diabetes, "
                f"stroke/TIA, smoking, cortical infarct): {e.message}"
            ) from e
        rope = int(rope_score.compute(rope_score.Inputs(**rope_kwargs)).value)
    return {
        "rope_score": rope,
        "atrial_septal_aneurysm": f.yes("atrial septal aneurysm", "asa"),
        "large_shunt": f.yes("large shunt", "shunt"),
    }
