"""FeverPAIN score for streptococcal pharyngitis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="feverpain",
    name="FeverPAIN Score for Strep Pharyngitis",
    synonyms=("FeverPAIN", "FeverPAIN score"),
    category="infectious disease",
    source="Little P, Hobbs FDR, Moore M, et al. Clinical score and rapid antigen detection test "
    "to guide antibiotic use for sore throats: randomised controlled trial of PRISM "
    "(primary care streptococcal management). BMJ. 2013;347:f5806.",
    doi="10.1136/bmj.f5806",
    pmid="24114306",
    output_type="integer",
    medcalc_id=33,
    description="Five features (Fever, Purulence, Attend rapidly, Inflamed tonsils, No cough or "
    "coryza), one point each.",
)


class Inputs(CalcInputs):
    """Inputs of FeverPAIN."""

    fever: bool = Field(description="Fever in the past 24 hours (+1)")
    purulence: bool = Field(description="Purulent tonsils (+1)")
    attend_rapidly: bool = Field(description="Symptom onset ≤ 3 days (+1)")
    inflamed_tonsils: bool = Field(description="Severely inflamed tonsils (+1)")
    no_cough_or_coryza: bool = Field(description="Absence of cough or coryza (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Count of FeverPAIN features (0-5)."""
    s = Score()
    s.flag("Fever in past 24 h", inputs.fever, 1)
    s.flag("Purulence", inputs.purulence, 1)
    s.flag("Attend rapidly (≤ 3 days)", inputs.attend_rapidly, 1)
    s.flag("Severely inflamed tonsils", inputs.inflamed_tonsils, 1)
    s.flag("No cough or coryza", inputs.no_cough_or_coryza, 1)
    total = int(s.total)
    # Streptococcal isolation by score and PRISM advice (Little 2013): 0-1: 13-18%, no
    # antibiotics; 2-3: 34-40%, delayed prescription; 4-5: 62-65%, immediate or delayed.
    advice = (
        "no antibiotics (strep 13-18%)"
        if total <= 1
        else "consider a delayed prescription (strep 34-40%)"
        if total <= 3
        else "consider immediate antibiotics or a delayed prescription (strep 62-65%)"
    )
    return CalcResult(
        calculator=META.id, value=total, interpretation=f"{total} points: {advice}.", steps=s.steps
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (unmentioned features are absent)."""
    e = entities
    return {
        "fever": mc.flag(e, "Fever in past 24 hours"),
        "purulence": mc.flag(e, "Purulent tonsils"),
        "attend_rapidly": mc.flag(e, "Symptom onset ≤3 days"),
        "inflamed_tonsils": mc.flag(e, "Severe tonsil inflammation"),
        "no_cough_or_coryza": mc.flag(e, "Absence of cough or coryza"),
    }
