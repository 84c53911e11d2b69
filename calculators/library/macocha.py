"""MACOCHA score for difficult intubation in the ICU."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, norm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="macocha",
    name="MACOCHA Score",
    synonyms=("MACOCHA", "MACOCHA score for difficult intubation"),
    category="critical care",
    source="De Jong A, Molinari N, Terzi N, et al. Early identification of patients at risk for "
    "difficult intubation in the intensive care unit: development and validation of the "
    "MACOCHA score in a multicenter cohort study. Am J Respir Crit Care Med. "
    "2013;187(8):832-839.",
    doi="10.1164/rccm.201210-1851OC",
    output_type="integer",
    description="Seven bedside items (0-12 points) predicting difficult intubation in ICU "
    "patients; a score of 3 or more identifies patients at risk.",
)


class Inputs(CalcInputs):
    """The MACOCHA items (De Jong 2013)."""

    mallampati_3_or_4: bool = Field(description="Mallampati class III or IV (+5)")
    obstructive_sleep_apnea: bool = Field(description="Obstructive sleep apnea syndrome (+2)")
    reduced_cervical_mobility: bool = Field(description="Reduced mobility of cervical spine (+1)")
    limited_mouth_opening: bool = Field(description="Limited mouth opening < 3 cm (+1)")
    coma: bool = Field(description="Coma (+1)")
    severe_hypoxemia: bool = Field(description="Severe hypoxemia, SpO2 < 80% (+1)")
    non_anesthesiologist: bool = Field(description="Operator not an anesthesiologist (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the weighted items; ≥ 3 predicts difficult intubation (De Jong 2013)."""
    i = inputs
    s = Score()
    # Item weights of the final De Jong 2013 score (M 5, A 2, C 1, O 1, C 1, H 1, A 1), as
    # reproduced in secondary summaries of the paper checked when writing this module.
    s.flag("Mallampati III or IV", i.mallampati_3_or_4, 5)
    s.flag("Obstructive sleep apnea syndrome", i.obstructive_sleep_apnea, 2)
    s.flag("Reduced mobility of cervical spine", i.reduced_cervical_mobility, 1)
    s.flag("Limited mouth opening < 3 cm", i.limited_mouth_opening, 1)
    s.flag("Coma", i.coma, 1)
    s.flag("Severe hypoxemia (SpO2 < 80%)", i.severe_hypoxemia, 1)
    s.flag("Non-anesthesiologist operator", i.non_anesthesiologist, 1)
    total = int(s.total)
    # Cut-off ≥ 3 (De Jong 2013: sensitivity 73%, specificity 89%, NPV 98% in derivation).
    reading = (
        "High risk of difficult intubation (score ≥ 3)"
        if total >= 3
        else "Low risk of difficult intubation (score < 3)"
    )
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MACOCHA inputs ('Yes (class IV)', 'No') → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "mallampati_3_or_4": f.yes("mallampati"),
        "obstructive_sleep_apnea": f.yes("sleep apnea", "apnea", "osa"),
        "reduced_cervical_mobility": f.yes("cervical", "neck"),
        "limited_mouth_opening": f.yes("mouth opening", "mouth"),
        "coma": f.yes("coma"),
        "severe_hypoxemia": f.yes("hypox", "spo2", "saturation"),
        "non_anesthesiologist": _non_anesthesiologist(f),
    }


def _non_anesthesiologist(f: Fields) -> bool:
    # The item is written as yes/no ('Non-anesthesiologist operator: Yes') or as the operator
    # ('Anesthesiologist status: untrained / non-anesthesiologist').
    keys = ("non anesthesiologist", "anesthesiologist", "operator")
    field, raw = f.raw(*keys)
    text = norm(raw)
    if text.split()[:1] and text.split()[0] in ("yes", "no", "true", "false"):
        return f.yes(*keys)
    if "non" in text.split() or "untrained" in text or text.startswith("non"):
        return True
    if "anesthesiologist" in text or "anaesthetist" in text:
        return False
    raise MedMCPInputError(
        f"{META.id}: {field}: expected yes/no or the operator's training, found {raw!r}."
    )
