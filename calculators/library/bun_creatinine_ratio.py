"""BUN to creatinine ratio (BUN:Cr), the classic pre-renal azotemia screen."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="bun_creatinine_ratio",
    name="BUN Creatinine Ratio",
    synonyms=("BUN:Cr ratio", "BUN/creatinine ratio", "BUN to creatinine ratio", "BCR"),
    category="renal",
    source="Uchino S, Bellomo R, Goldsmith D. The meaning of the blood urea nitrogen/creatinine "
    "ratio in acute kidney injury. Clin Kidney J. 2012;5(2):187-191.",
    doi="10.1093/ckj/sfs013",
    output_type="decimal",
    description="BUN (mg/dL) / serum creatinine (mg/dL); a ratio > 20 is the traditional "
    "threshold for pre-renal azotemia, a weak discriminator in practice.",
)

#: The traditional pre-renal threshold: BUN/Cr > 20 (0.081 in SI units), Uchino 2012, abstract.
PRERENAL_THRESHOLD = 20.0


class Inputs(QuantityInputs):
    """Inputs of the BUN:Cr ratio."""

    bun: float = quantity("bun", "mg/dL", ge=1, le=300, description="Blood urea nitrogen")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine"
    )


def compute(inputs: Inputs) -> CalcResult:
    """BUN:Cr = BUN (mg/dL) / creatinine (mg/dL)."""
    ratio = inputs.bun / inputs.creatinine
    if ratio > PRERENAL_THRESHOLD:
        reading = (
            f"BUN:Cr {ratio:.1f} (> 20): consistent with pre-renal azotemia (traditional "
            "threshold); also seen with GI bleeding, steroids or high protein intake"
        )
    else:
        reading = (
            f"BUN:Cr {ratio:.1f} (≤ 20): does not suggest pre-renal azotemia; intrinsic renal "
            "causes raise BUN and creatinine together"
        )
    return CalcResult(
        calculator=META.id,
        value=round(ratio, 2),
        interpretation=reading,
        steps=[
            Step(
                label="BUN / creatinine",
                value=round(ratio, 2),
                detail=f"{inputs.bun:g} mg/dL / {inputs.creatinine:g} mg/dL",
            )
        ],
        warnings=[
            "The ratio discriminates poorly between pre-renal azotemia and acute tubular "
            "necrosis (Uchino 2012); interpret with FENa, urinalysis and the clinical picture."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('BUN' / 'Creatinine' with units) → kwargs."""
    m = kw.KeywordInputs(inputs)
    return {
        "bun": kw.parse_quantity(m.find("bun", "urea nitrogen", "urea"), "mg/dL"),
        "creatinine": kw.parse_quantity(m.find("creatinine", "cr"), "mg/dL"),
    }
