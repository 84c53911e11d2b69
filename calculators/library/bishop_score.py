"""Bishop score for cervical favourability before induction of labor."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="bishop_score",
    name="Bishop Score for Vaginal Delivery and Induction of Labor",
    synonyms=("Bishop score", "Bishop's score", "cervical Bishop score"),
    category="obstetrics",
    source="Bishop EH. Pelvic scoring for elective induction. Obstet Gynecol. 1964;24:266-268 "
    "(point table as reproduced at faculty.washington.edu/momus/PB/bishopsc.htm).",
    output_type="integer",
    description="Dilation, effacement, station (0-3 each), consistency and position (0-2 each); "
    "≤ 5 unfavourable cervix, ≥ 8 favourable.",
)

Dilation = Literal["closed", "1-2", "3-4", "5+"]
Effacement = Literal["0-30", "40-50", "60-70", "80+"]
Station = Literal["-3", "-2", "-1/0", "+1/+2"]
Consistency = Literal["firm", "medium", "soft"]
Position = Literal["posterior", "mid", "anterior"]

# Bishop 1964: dilation closed/1-2/3-4/≥5 cm = 0-3; effacement 0-30/40-50/60-70/≥80% = 0-3;
# station -3/-2/-1 or 0/+1 or +2 = 0-3; consistency firm/medium/soft = 0-2;
# position posterior/mid/anterior = 0-2.
_DILATION = {"closed": 0, "1-2": 1, "3-4": 2, "5+": 3}
_EFFACEMENT = {"0-30": 0, "40-50": 1, "60-70": 2, "80+": 3}
_STATION = {"-3": 0, "-2": 1, "-1/0": 2, "+1/+2": 3}
_CONSISTENCY = {"firm": 0, "medium": 1, "soft": 2}
_POSITION = {"posterior": 0, "mid": 1, "anterior": 2}


class Inputs(CalcInputs):
    """Inputs of the Bishop score (one category per cervical finding)."""

    dilation: Dilation = Field(description="Cervical dilation, cm: closed, 1-2, 3-4, 5+")
    effacement: Effacement = Field(description="Effacement, %: 0-30, 40-50, 60-70, 80+")
    station: Station = Field(description="Fetal station: -3, -2, -1/0, +1/+2")
    consistency: Consistency = Field(description="Cervical consistency: firm, medium, soft")
    position: Position = Field(description="Cervical position: posterior, mid, anterior")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five cervical findings (Bishop 1964)."""
    i = inputs
    s = Score()
    s.add("Dilation", i.dilation, _DILATION[i.dilation], "cm")
    s.add("Effacement", i.effacement, _EFFACEMENT[i.effacement], "%")
    s.add("Station", i.station, _STATION[i.station])
    s.add("Consistency", i.consistency, _CONSISTENCY[i.consistency])
    s.add("Position", i.position, _POSITION[i.position])
    total = int(s.total)
    # ≤ 5: unfavourable cervix, ripening/induction agents may be needed; ≥ 8: the chance of
    # vaginal delivery with induction is similar to spontaneous labor (MDCalc; Bishop 1964
    # judged scores above 8 favourable for elective induction).
    if total <= 5:
        reading = "Unfavorable cervix (≤ 5): induction may need cervical ripening"
    elif total <= 7:
        reading = "Intermediate (6-7)"
    else:
        reading = "Favorable cervix (≥ 8): vaginal delivery with induction likely"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def _clean(value: Any) -> str:
    return str(value).lower().replace("–", "-").replace("−", "-").replace(" ", "")


def _pick(text: str, patterns: tuple[tuple[str, str], ...], field: str) -> str:
    for pattern, key in patterns:
        if re.search(pattern, text):
            return key
    raise MedMCPInputError(f"{META.id}: {field}: cannot read {text!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the five findings as option texts) → kwargs."""
    f = Fields(inputs, META.id)
    dil = _clean(f.value("dilation"))
    eff = _clean(f.value("effacement"))
    sta = _clean(f.value("station"))
    return {
        "dilation": _pick(
            dil,
            (
                (r"closed|^0(cm)?$", "closed"),
                (r"1-2", "1-2"),
                (r"3-4", "3-4"),
                (r"[≥>]?[5-9]", "5+"),
            ),
            "dilation",
        ),
        "effacement": _pick(
            eff,
            (
                (r"0-30", "0-30"),
                (r"40-50", "40-50"),
                (r"60-70", "60-70"),
                (r"[≥>]?(80|90|100)", "80+"),
            ),
            "effacement",
        ),
        "station": _pick(
            sta,
            ((r"^-3", "-3"), (r"^-2", "-2"), (r"^-1|^0", "-1/0"), (r"^\+?[12]", "+1/+2")),
            "station",
        ),
        "consistency": f.option(
            "consistency", options={"firm": "firm", "medium": "medium", "soft": "soft"}
        ),
        "position": f.option(
            "position",
            options={
                "posterior": "posterior",
                "mid": ("mid", "midposition"),
                "anterior": "anterior",
            },
        ),
    }
