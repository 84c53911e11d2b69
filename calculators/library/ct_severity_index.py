"""CT Severity Index (Balthazar) for acute pancreatitis."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ct_severity_index",
    name="CT Severity Index (Pancreatitis)",
    synonyms=("CTSI", "Balthazar score", "Balthazar CT severity index", "CT Severity Index"),
    category="gastroenterology",
    source="Balthazar EJ, Robinson DL, Megibow AJ, Ranson JH. Acute pancreatitis: value of CT "
    "in establishing prognosis. Radiology. 1990;174(2):331-336.",
    output_type="integer",
    description="Balthazar CT grade A-E (0-4 points) plus the extent of pancreatic necrosis "
    "(0, 2, 4 or 6 points); 0-10, with mortality and complication rates by band.",
)

Grade = Literal["A", "B", "C", "D", "E"]
Necrosis = Literal["none", "up_to_30", "30_to_50", "over_50"]

# Balthazar 1990 (as tabulated by radclass.mudr.org and imaios.com): grade A normal 0;
# B focal/diffuse enlargement 1; C gland abnormalities with peripancreatic inflammation 2;
# D single fluid collection 3; E two or more collections and/or gas 4.
_GRADE_POINTS: dict[str, int] = {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}
# Necrosis: none 0; ≤ 30% 2; 30-50% 4; > 50% 6 (same sources).
_NECROSIS_POINTS: dict[str, int] = {"none": 0, "up_to_30": 2, "30_to_50": 4, "over_50": 6}


class Inputs(CalcInputs):
    """Inputs of the CT Severity Index."""

    balthazar_grade: Grade = Field(
        description="Balthazar grade: A normal; B enlargement; C peripancreatic inflammation; "
        "D one fluid collection; E ≥ 2 collections and/or gas"
    )
    necrosis: Necrosis = Field(
        description="Pancreatic necrosis: none, up_to_30 (≤ 30%), 30_to_50, over_50 (> 50%)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """CTSI = grade points + necrosis points (Balthazar 1990)."""
    s = Score()
    s.add("Balthazar grade", inputs.balthazar_grade, _GRADE_POINTS[inputs.balthazar_grade])
    s.add("Pancreatic necrosis", inputs.necrosis, _NECROSIS_POINTS[inputs.necrosis])
    total = int(s.total)
    # Balthazar 1990: CTSI 0-3 mortality 3%, complications 8%; 4-6: 6%, 35%; 7-10: 17%, 92%.
    if total <= 3:
        mortality, complications = "3%", "8%"
    elif total <= 6:
        mortality, complications = "6%", "35%"
    else:
        mortality, complications = "17%", "92%"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"CTSI {total}: estimated mortality {mortality}, complications "
        f"{complications}.",
        steps=s.steps,
        extra={"mortality": mortality, "complications": complications},
    )


def _necrosis(value: Any, field: str) -> str:
    text = norm(value)
    if text.startswith(("none", "no ")) or text == "no":
        return "none"
    try:
        pct = first_number(value, field=field)
    except MedMCPInputError:
        raise MedMCPInputError(
            f"{META.id}: {field}: expected a necrosis percentage or 'none', found {value!r}."
        ) from None
    if pct <= 0:
        return "none"
    if pct <= 30:
        return "up_to_30"
    if pct <= 50:
        return "30_to_50"
    return "over_50"


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Balthazar grade letter, necrosis percentage) → kwargs."""
    f = Fields(inputs, META.id)
    field, grade_text = f.raw("balthazar", "grade")
    m = re.match(r"\s*(?:grade\s*)?([A-Ea-e])\b", str(grade_text))
    if not m:
        raise MedMCPInputError(
            f"{META.id}: {field}: expected a Balthazar grade A-E, found {grade_text!r}."
        )
    nfield, necrosis = f.raw("necrosis")
    return {"balthazar_grade": m.group(1).upper(), "necrosis": _necrosis(necrosis, nfield)}
