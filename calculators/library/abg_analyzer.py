"""Arterial Blood Gas (ABG) Analyzer: primary disorder, compensation, anion gap, delta gap."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="abg_analyzer",
    name="Arterial Blood Gas (ABG) Analyzer",
    synonyms=("ABG analyzer", "Arterial blood gas interpretation", "acid-base analyzer"),
    category="critical care",
    source=(
        "Narins RG, Emmett M. Simple and mixed acid-base disorders: a practical approach. "
        "Medicine (Baltimore). 1980;59(3):161-87 (compensation rules); Albert MS, Dell RB, "
        "Winters RW. Ann Intern Med. 1967;66:312-22 (Winters' formula); Figge J, et al. "
        "Crit Care Med. 1998;26:1807-10 (albumin-corrected anion gap)."
    ),
    pmid="6774200",
    output_type="text",
    unit=None,
    description=(
        "Names the primary acid-base disorder from pH, PaCO2 and HCO3-, judges compensation "
        "with the published expected values and checks the albumin-corrected anion gap."
    ),
)


class Inputs(QuantityInputs):
    """Inputs of the ABG analyzer."""

    ph: float = Field(ge=6.5, le=8.0, description="Arterial pH")
    paco2: float = quantity("pressure", "mmHg", ge=5, le=200, description="Arterial PaCO2")
    hco3: float = quantity("electrolyte", "mmol/L", ge=1, le=70, description="Serum HCO3-")
    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=200, description="Serum sodium")
    chloride: float = quantity("electrolyte", "mmol/L", ge=50, le=160, description="Chloride")
    albumin: float = quantity("albumin", "g/dL", ge=0.5, le=7, description="Serum albumin")
    chronicity: Literal["acute", "chronic"] = Field(
        description="Chronicity of a respiratory process (used when the primary disorder is "
        "respiratory): acute (<3-5 days) or chronic"
    )


# Reference values: pH 7.40, PaCO2 40 mmHg, HCO3- 24 mmol/L; normal ranges pH 7.35-7.45,
# PaCO2 35-45 mmHg, HCO3- 22-26 mmol/L; normal anion gap 12 mmol/L (Narins & Emmett 1980).
_PH, _CO2, _HCO3, _AG = 7.40, 40.0, 24.0, 12.0
# Expected pH change per mmHg PaCO2: 0.008 acute, 0.003 chronic (Narins & Emmett 1980).
_DPH = {"acute": 0.008, "chronic": 0.003}
# pH is reported to 0.01: a measured pH within 0.01 of the expected pH is "as expected".
_PH_TOL = 0.01


def _respiratory(i: Inputs, kind: str, steps: list[Step]) -> str:
    expected = _PH - _DPH[i.chronicity] * (i.paco2 - _CO2)
    steps.append(
        Step(
            label=f"Expected pH ({i.chronicity} respiratory {kind.lower()})",
            value=round(expected, 3),
            detail=f"7.40 - {_DPH[i.chronicity]} x (PaCO2 - 40)",
        )
    )
    other = "Alkalosis" if kind == "Acidosis" else "Acidosis"
    if abs(i.ph - expected) <= _PH_TOL + 1e-9:
        comp = f"Appropriately Compensated by Metabolic {other}"
    elif i.ph > expected:
        comp = "Secondary Metabolic Alkalosis"
    else:
        comp = "Secondary Metabolic Acidosis"
    return f"Primary Respiratory {kind}, {i.chronicity.capitalize()}, with: {comp}"


def _metabolic_acidosis(i: Inputs, agc: float, steps: list[Step]) -> str:
    expected = 1.5 * i.hco3 + 8  # Winters' formula, ± 2 mmHg
    steps.append(
        Step(
            label="Expected PaCO2 (Winters)",
            value=round(expected, 1),
            detail="1.5 x HCO3- + 8 ± 2 mmHg",
        )
    )
    if abs(i.paco2 - expected) <= 2:
        comp = "Appropriately Compensated by Respiratory Alkalosis"
    elif i.paco2 > expected + 2:
        comp = "Secondary Respiratory Acidosis"
    else:
        comp = "Secondary Respiratory Alkalosis"
    gap = agc > _AG
    head = (
        "This is an Anion Gap Metabolic Acidosis."
        if gap
        else "This is a Non-Gap Metabolic Acidosis."
    )
    extra = ""
    if gap:
        corrected = i.hco3 + (agc - _AG)  # delta-delta: HCO3- before the gap acid was added
        steps.append(
            Step(
                label="Corrected HCO3- (delta gap)",
                value=round(corrected, 1),
                detail="HCO3- + (corrected AG - 12); >26 metabolic alkalosis, "
                "<22 additional non-gap acidosis",
            )
        )
        if corrected > 26:
            extra = " and Additional Metabolic Alkalosis"
        elif corrected < 22:
            extra = " and Additional Non-Gap Metabolic Acidosis"
    return f"{head}\nPrimary Metabolic Acidosis, with: {comp}{extra}"


def _metabolic_alkalosis(i: Inputs, steps: list[Step]) -> str:
    expected = 0.7 * i.hco3 + 21  # ± 2 mmHg (Javaheri S, et al. 1982; Narins & Emmett 1980)
    steps.append(
        Step(
            label="Expected PaCO2 (metabolic alkalosis)",
            value=round(expected, 1),
            detail="0.7 x HCO3- + 21 ± 2 mmHg",
        )
    )
    if abs(i.paco2 - expected) <= 2:
        comp = "Appropriately Compensated by Respiratory Acidosis"
    elif i.paco2 > expected + 2:
        comp = "Secondary Respiratory Acidosis"
    else:
        comp = "Secondary Respiratory Alkalosis"
    return f"Primary Metabolic Alkalosis, with: {comp}"


def compute(inputs: Inputs) -> CalcResult:
    """Classify the acid-base disorder step by step."""
    i = inputs
    ag = i.sodium - (i.chloride + i.hco3)
    agc = ag + 2.5 * (4.0 - i.albumin)
    steps = [
        Step(label="Anion gap", value=round(ag, 1), detail="Na - (Cl + HCO3-)"),
        Step(
            label="Albumin-corrected anion gap",
            value=round(agc, 1),
            detail="AG + 2.5 x (4.0 - albumin g/dL)",
        ),
    ]
    warnings: list[str] = []
    resp_dev = (i.paco2 - _CO2) / _CO2
    met_dev = (_HCO3 - i.hco3) / _HCO3
    if i.ph < 7.35:
        steps.insert(0, Step(label="pH < 7.35", value=i.ph, detail="acidemia"))
        if i.paco2 > 45 and i.hco3 < 22:
            text = "Mixed Respiratory Acidosis and Metabolic Acidosis"
        elif i.paco2 > _CO2 and (i.hco3 >= _HCO3 or resp_dev >= met_dev):
            text = _respiratory(i, "Acidosis", steps)
        else:
            text = _metabolic_acidosis(i, agc, steps)
    elif i.ph > 7.45:
        steps.insert(0, Step(label="pH > 7.45", value=i.ph, detail="alkalemia"))
        if i.paco2 < 35 and i.hco3 > 26:
            text = "Mixed Respiratory Alkalosis and Metabolic Alkalosis"
        elif i.paco2 < _CO2 and (i.hco3 <= _HCO3 or -resp_dev >= -met_dev):
            text = _respiratory(i, "Alkalosis", steps)
        else:
            text = _metabolic_alkalosis(i, steps)
    else:
        steps.insert(0, Step(label="pH 7.35-7.45", value=i.ph, detail="normal pH"))
        if 35 <= i.paco2 <= 45 and 22 <= i.hco3 <= 26:
            text = "Normal Acid-Base Status"
            if agc > _AG:
                warnings.append(
                    "Raised corrected anion gap with a normal pH: look for a mixed "
                    "anion-gap acidosis and metabolic alkalosis."
                )
        elif i.paco2 > 45 and i.hco3 > 26:
            text = "Mixed Respiratory Acidosis and Metabolic Alkalosis (normal pH)"
        elif i.paco2 < 35 and i.hco3 < 22:
            text = "Mixed Respiratory Alkalosis and Metabolic Acidosis (normal pH)"
        else:
            text = "Indeterminate: normal pH with an isolated PaCO2 or HCO3- abnormality"
            warnings.append("Recheck the sample: PaCO2 and HCO3- disagree with a normal pH.")
    return CalcResult(
        calculator=META.id,
        value=text,
        interpretation=text,
        steps=steps,
        warnings=warnings,
        extra={"anion_gap": round(ag, 1), "corrected_anion_gap": round(agc, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ABG inputs → Inputs (mmHg, mEq/L, g/dL as given)."""
    return {
        "ph": mm.number(mm.get(inputs, r"^ph\b")),
        "paco2": mm.number(mm.get(inputs, r"pa?co2")),
        "hco3": mm.number(mm.get(inputs, r"hco3")),
        "sodium": mm.number(mm.get(inputs, r"sodium")),
        "chloride": mm.number(mm.get(inputs, r"chloride")),
        "albumin": mm.number(mm.get(inputs, r"albumin")),
        "chronicity": mm.choose(
            mm.get(inputs, r"chronicity"), [(r"chronic", "chronic"), (r"acute", "acute")]
        ),
    }
