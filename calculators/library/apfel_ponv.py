"""Apfel simplified risk score for postoperative nausea and vomiting (PONV)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, norm, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="apfel_ponv",
    name="Apfel Score for Postoperative Nausea and Vomiting",
    synonyms=("Apfel score", "Apfel simplified risk score", "Apfel PONV", "Apfel"),
    category="anesthesiology",
    source="Apfel CC, Läärä E, Koivuranta M, Greim CA, Roewer N. A simplified risk score for "
    "predicting postoperative nausea and vomiting: conclusions from cross-validations between "
    "two centers. Anesthesiology. 1999;91(3):693-700.",
    doi="10.1097/00000542-199909000-00022",
    pmid="10485781",
    output_type="integer",
    description="Female sex, non-smoking, history of motion sickness or PONV and postoperative "
    "opioids (0-4): 24-hour risk of PONV after inhalational anaesthesia.",
)

# Apfel 1999 (combined Oulu + Würzburg data): PONV incidence with 0-4 risk factors.
RISK = {0: "10%", 1: "21%", 2: "39%", 3: "61%", 4: "79%"}


class Inputs(CalcInputs):
    """The four Apfel risk factors."""

    female: bool = Field(description="Female sex (+1)")
    nonsmoker: bool = Field(description="Non-smoker (+1)")
    history_ponv_or_motion_sickness: bool = Field(
        description="History of motion sickness or of PONV (+1)"
    )
    postoperative_opioids: bool = Field(description="Postoperative opioids planned (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Count of risk factors (0-4) and the Apfel 1999 24-hour PONV incidence."""
    s = Score()
    s.flag("Female sex", inputs.female, 1)
    s.flag("Non-smoker", inputs.nonsmoker, 1)
    s.flag("History of motion sickness or PONV", inputs.history_ponv_or_motion_sickness, 1)
    s.flag("Postoperative opioids", inputs.postoperative_opioids, 1)
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Apfel {total}: 24-hour risk of PONV {RISK[total]} (Apfel 1999).",
        steps=s.steps,
        extra={"ponv_risk": RISK[total]},
    )


def female(fields: Fields) -> bool:
    """Read 'Female' / 'Male' from a sex or gender field."""
    return fields.sex("sex", "gender") == "female"


def nonsmoker(fields: Fields) -> bool:
    """Read the smoking field: 'Nonsmoker' / 'Non-smoker' / 'Smoker' / 'Yes'/'No' to smoking."""
    field, value = fields.raw("smok")
    text = norm(value)
    if text.startswith(("nonsmok", "non smok", "never")):
        return True
    if text.startswith(("smoker", "current", "active")):
        return False
    # A yes/no answer: to 'Non-smoker?' yes means non-smoker; to 'Smoker?' yes means smoker.
    said_yes = parse_yes(value, field=field)
    return said_yes if "non" in norm(field) else not said_yes


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Apfel inputs (sex, smoking status, history, opioids) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "female": female(f),
        "nonsmoker": nonsmoker(f),
        "history_ponv_or_motion_sickness": f.yes("history", "motion sickness", "ponv"),
        "postoperative_opioids": f.yes("opioid"),
    }
