"""SIRS, Sepsis, and Septic Shock Criteria: MDCalc's yes/no checklist on the 1992 ladder.

The four SIRS criteria and the four ladder questions are answered yes/no, as on MDCalc's page
(mdcalc.com/calc/1096); the category comes from the ladder ``sirs_criteria`` uses
(:mod:`._sepsis_ladder`), so the two calculators always agree.

Result wording. MDCalc's text for "fewer than 2 criteria" was read on its page (a stored copy
of mdcalc.com/calc/1096/sirs-sepsis-septic-shock-criteria): "This patient does not meet SIRS
criteria. For other causes of shock, see the Next Steps section." The other texts were read in
open-source re-implementations of that page: the Streamlit app schengal4/SIRS-sepsis-calculator
(SIRS, sepsis, severe sepsis and septic shock sentences, and the sentence that follows them when
an infection is present), an Android port ("This patient meets SIRS criteria.", "... sepsis
criteria. Follow your guidelines for sepsis, ...") and a React port whose MODS text, scraped
from the page, reads "This patient meets multiple organ dysfunction syndrome" — the wording
MedMCP-Calc's answers also show (the Streamlit app adds "criteria").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators import units
from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library import _sepsis_ladder as ladder
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sirs_sepsis_septic_shock",
    name="SIRS, Sepsis, and Septic Shock Criteria",
    synonyms=(
        "SIRS sepsis septic shock criteria",
        "sepsis criteria checklist",
        "SIRS, sepsis and septic shock",
    ),
    category="critical care",
    source="Bone RC, Balk RA, Cerra FB, et al. Definitions for sepsis and organ failure and "
    "guidelines for the use of innovative therapies in sepsis. The ACCP/SCCM Consensus "
    "Conference Committee. Chest. 1992;101(6):1644-1655. Checklist and result text as on "
    "MDCalc (https://www.mdcalc.com/calc/1096/sirs-sepsis-septic-shock-criteria).",
    doi="10.1378/chest.101.6.1644",
    pmid="1303622",
    output_type="text",
    description="Yes/no checklist of the four SIRS criteria, infection, hypoperfusion, "
    "refractory hypotension and ≥ 2 failing organs; returns the 1992 consensus category "
    "(none, SIRS, sepsis, severe sepsis, septic shock, MODS) with MDCalc's text.",
)

# The sentence MDCalc adds to every category built on a suspected infection (see the module
# docstring for where it was read).
GUIDELINES = (
    "Follow your guidelines for sepsis, which typically include aggressive fluid resuscitation, "
    "early, broad-spectrum antibiotics, ICU consultation, CVP evaluation, and occasionally "
    "pressors and transfusion."
)

#: MDCalc's result text for each ladder category.
RESULT_TEXT: dict[ladder.SepsisCategory, str] = {
    "none": "This patient does not meet SIRS criteria. For other causes of shock, see the Next "
    "Steps section.",
    "sirs": "This patient meets SIRS criteria.",
    "sepsis": f"This patient meets sepsis criteria. {GUIDELINES}",
    "severe_sepsis": f"This patient meets severe sepsis criteria. {GUIDELINES}",
    "septic_shock": f"This patient meets septic shock criteria. {GUIDELINES}",
    "mods": f"This patient meets multiple organ dysfunction syndrome. {GUIDELINES}",
}

#: Plain names of the categories, for the interpretation line.
CATEGORY_NAMES: dict[ladder.SepsisCategory, str] = {
    "none": "SIRS criteria not met",
    "sirs": "SIRS",
    "sepsis": "Sepsis",
    "severe_sepsis": "Severe sepsis",
    "septic_shock": "Septic shock",
    "mods": "Multiple organ dysfunction syndrome (MODS)",
}


class Inputs(CalcInputs):
    """The eight yes/no questions of the checklist (all required, as on MDCalc)."""

    temperature_criterion: bool = Field(description="Temperature > 38 °C or < 36 °C")
    heart_rate_criterion: bool = Field(description="Heart rate > 90 beats/min")
    respiratory_criterion: bool = Field(description="Respiratory rate > 20/min or PaCO2 < 32 mmHg")
    wbc_criterion: bool = Field(description="WBC > 12,000/mm³, < 4,000/mm³ or > 10% bands")
    suspected_infection: bool = Field(description="Suspected or present source of infection")
    organ_hypoperfusion: bool = Field(
        description="Lactic acidosis, SBP < 90 mmHg or SBP drop ≥ 40 mmHg from normal "
        "(severe sepsis)"
    )
    refractory_hypotension: bool = Field(
        description="Severe sepsis with hypotension despite adequate fluid resuscitation "
        "(septic shock)"
    )
    multiple_organ_dysfunction: bool = Field(description="Evidence of ≥ 2 organs failing (MODS)")

    @model_validator(mode="after")
    def _hypotension_is_hypoperfusion(self) -> Inputs:
        # Bone 1992: septic shock is sepsis-induced hypotension (SBP < 90 mmHg or a fall
        # ≥ 40 mmHg) despite fluids, and that hypotension is itself a severe-sepsis finding.
        if self.refractory_hypotension and not self.organ_hypoperfusion:
            raise ValueError(
                "refractory_hypotension=True needs organ_hypoperfusion=True: hypotension despite "
                "fluids means SBP < 90 mmHg or a drop ≥ 40 mmHg, which is the severe-sepsis "
                "criterion; found organ_hypoperfusion=False."
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Count the SIRS criteria and place the patient on the 1992 ladder (MDCalc's text)."""
    i = inputs
    s = Score()
    s.flag("Temperature > 38 °C or < 36 °C", i.temperature_criterion, 1)
    s.flag("Heart rate > 90", i.heart_rate_criterion, 1)
    s.flag("Respiratory rate > 20 or PaCO2 < 32 mmHg", i.respiratory_criterion, 1)
    s.flag("WBC > 12,000 or < 4,000/mm³ or > 10% bands", i.wbc_criterion, 1)
    count = int(s.total)
    key = ladder.sepsis_category(
        count,
        i.suspected_infection,
        i.organ_hypoperfusion,
        i.refractory_hypotension,
        i.multiple_organ_dysfunction,
    )
    steps = [
        *s.steps,
        Step(
            label="SIRS (≥ 2 criteria)",
            value=count >= ladder.SIRS_MIN_CRITERIA,
            detail=f"{count} of 4 criteria",
        ),
        Step(label="Suspected or present infection (sepsis)", value=i.suspected_infection),
        Step(
            label="Lactic acidosis, SBP < 90 or drop ≥ 40 (severe sepsis)",
            value=i.organ_hypoperfusion,
        ),
        Step(label="Hypotension despite fluids (septic shock)", value=i.refractory_hypotension),
        Step(label="≥ 2 organs failing (MODS)", value=i.multiple_organ_dysfunction),
        Step(label="Category", value=CATEGORY_NAMES[key]),
    ]
    warnings = []
    later = i.organ_hypoperfusion or i.refractory_hypotension or i.multiple_organ_dysfunction
    if later and key in ("none", "sirs"):
        needs = "2 or more SIRS criteria" if key == "none" else "a suspected infection"
        warnings.append(
            "Organ dysfunction, hypotension or failing organs were recorded, but the 1992 sepsis "
            f"ladder needs {needs} before it reaches severe sepsis, septic shock or MODS; "
            "organ failure from a non-infectious insult is not graded here."
        )
    return CalcResult(
        calculator=META.id,
        value=RESULT_TEXT[key],
        interpretation=f"{CATEGORY_NAMES[key]} ({count} of 4 SIRS criteria).",
        steps=steps,
        warnings=warnings,
        extra={"category": key, "sirs_count": count},
    )


# ----------------------------------------------------------------------------- MedMCP-Calc


def _yes_no(value: Any) -> bool | None:
    """Read a recorded yes/no answer; ``None`` when the value is not one (e.g. a raw number)."""
    try:
        return mm.yes(value)
    except AdapterError:
        return None


def _quantity(inputs: list[dict[str, Any]], pattern: str, kind: str, unit: str) -> float | None:
    """The raw value of the first field matching ``pattern`` in ``unit``; ``None`` if absent."""
    item = mm.find(inputs, pattern)
    if item is None:
        return None
    value = item.get("value")
    q = mm.cell_count(value, unit) if kind == "thousand_per_ul" else mm.quantity(value, unit)
    return units.to_canonical(q, kind=kind, unit=unit, field=str(item.get("field")))


def _criterion(
    inputs: list[dict[str, Any]], pattern: str, derive: Callable[[], bool | None], what: str
) -> bool:
    """A recorded yes/no answer to ``pattern``, else the criterion derived from raw values."""
    recorded = mm.opt(inputs, pattern)
    answer = None if recorded is None else _yes_no(recorded)
    if answer is None:
        answer = derive()
    if answer is None:
        names = ", ".join(repr(x.get("field")) for x in inputs)
        raise AdapterError(
            f"expected a yes/no answer or the raw values for {what}; the item has: {names}."
        )
    return answer


# Field names of the three dev items: "Temp >38 C or <36 C", "sirs_temp_criterion",
# "temp_gt_38C_or_lt_36C"; raw values as "temperature_c", "heart_rate_bpm", "paCO2_mmHg",
# "wbc_count_per_uL". Criterion fields carry a comparison (>, <, gt, lt) or "sirs ... criterion".
_TEMP_Q = r"sirs temp|^temp\b.*(>|<|\bgt\b|\blt\b)"
_HR_Q = r"sirs (hr|heart)|heart rate.*(>|\bgt\b)"
_RESP_Q = r"sirs (rr|resp)|resp\w* rate.*(>|\bgt\b)"
_WBC_Q = r"sirs wbc|wbc.*(>|\bgt\b|band)"
_RAW_TEMP = r"^temp(erature)?\b(?!.*(>|<|\bgt\b|\blt\b|criteri))"
_RAW_HR = r"^(heart rate|pulse)\b(?!.*(>|\bgt\b|criteri))"
_RAW_RR = r"^resp\w* rate\b(?!.*(>|\bgt\b|criteri))"
_RAW_PACO2 = r"^paco2\b(?!.*(<|\blt\b|criteri))"
_RAW_WBC = r"^(wbc|white)(?!.*(>|\bgt\b|criteri))"
_RAW_BANDS = r"^bands?\b(?!.*(>|\bgt\b|criteri))"
_RAW_SBP = r"^(systolic|sbp)\b"


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc checklist → inputs; a SIRS criterion with no yes/no comes from raw values."""

    def temperature() -> bool | None:
        t = _quantity(inputs, _RAW_TEMP, "temperature", "°C")
        return None if t is None else ladder.temperature_met(t)

    def heart_rate() -> bool | None:
        hr = _quantity(inputs, _RAW_HR, "rate", "/min")
        return None if hr is None else ladder.heart_rate_met(hr)

    def respiratory() -> bool | None:
        rr = _quantity(inputs, _RAW_RR, "rate", "/min")
        paco2 = _quantity(inputs, _RAW_PACO2, "pressure", "mmHg")
        if rr is None and paco2 is None:
            return None
        # As in sirs_criteria, the rate decides "not met" and PaCO2 is optional; a normal
        # PaCO2 alone cannot rule the criterion out.
        met = ladder.respiratory_met(rr, paco2)
        return met if met or rr is not None else None

    def wbc() -> bool | None:
        count = _quantity(inputs, _RAW_WBC, "thousand_per_ul", "10^3/uL")
        bands = mm.opt(inputs, _RAW_BANDS)
        band_pct = None if bands is None else mm.number(bands)
        if count is None and band_pct is None:
            return None
        # As in sirs_criteria, the count decides "not met" and the band percentage is optional.
        met = ladder.wbc_met(count, band_pct)
        return met if met or count is not None else None

    def hypoperfusion() -> bool | None:
        # Only a systolic pressure below 90 mmHg (Bone 1992 hypotension) can be read from a raw
        # value; lactic acidosis has no cut-off in the consensus, so it must be answered.
        sbp = _quantity(inputs, _RAW_SBP, "pressure", "mmHg")
        return True if sbp is not None and sbp < 90 else None

    def no_raw() -> None:
        return None

    return {
        "temperature_criterion": _criterion(inputs, _TEMP_Q, temperature, "the temperature"),
        "heart_rate_criterion": _criterion(inputs, _HR_Q, heart_rate, "the heart rate"),
        "respiratory_criterion": _criterion(
            inputs, _RESP_Q, respiratory, "the respiratory rate / PaCO2"
        ),
        "wbc_criterion": _criterion(inputs, _WBC_Q, wbc, "the white count"),
        "suspected_infection": _criterion(inputs, r"infection", no_raw, "infection"),
        "organ_hypoperfusion": _criterion(
            inputs,
            r"lactic acidosis|severe sepsis(?!.*(despite|fluid))",
            hypoperfusion,
            "lactic acidosis / SBP < 90 (severe sepsis)",
        ),
        "refractory_hypotension": _criterion(
            inputs, r"septic shock|despite", no_raw, "hypotension despite fluids (septic shock)"
        ),
        "multiple_organ_dysfunction": _criterion(
            inputs, r"\bmods\b|organs? fail|multiple organ", no_raw, "≥ 2 organs failing (MODS)"
        ),
    }
