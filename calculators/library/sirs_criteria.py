"""SIRS criteria, with the sepsis / severe sepsis / septic shock / MODS ladder."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library import _sepsis_ladder as ladder
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sirs_criteria",
    name="SIRS Criteria",
    synonyms=("SIRS", "systemic inflammatory response syndrome criteria", "SIRS count"),
    category="critical care",
    source="Bone RC, Balk RA, Cerra FB, et al. Definitions for sepsis and organ failure and "
    "guidelines for the use of innovative therapies in sepsis. The ACCP/SCCM Consensus "
    "Conference Committee. Chest. 1992;101(6):1644-1655.",
    doi="10.1378/chest.101.6.1644",
    pmid="1303622",
    output_type="integer",
    medcalc_id=51,
    description="Number of SIRS criteria met (0-4); with the optional sepsis findings, the 1992 "
    "consensus category.",
)


class Inputs(QuantityInputs):
    """Inputs of the SIRS criteria (the sepsis findings are optional)."""

    temperature: float = quantity(
        "temperature", "°C", ge=25, le=45, description="Temperature (> 38 or < 36 °C meets)"
    )
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Heart rate (> 90)")
    respiratory_rate: float = quantity(
        "rate", "/min", ge=0, le=100, description="Respiratory rate (> 20)"
    )
    paco2: float | None = quantity(
        "pressure",
        "mmHg",
        ge=5,
        le=200,
        default=None,
        description="PaCO2 (< 32 mmHg meets; optional)",
    )
    wbc: float = quantity(
        "thousand_per_ul",
        "10^3/uL",
        ge=0,
        le=500,
        description="White blood cells (> 12 or < 4 × 10³/µL)",
    )
    bands_percent: float | None = Field(
        None, ge=0, le=100, description="Band forms in % (> 10% meets; optional)"
    )
    suspected_infection: bool | None = Field(
        None, description="Suspected or confirmed infection (sepsis ladder)"
    )
    organ_hypoperfusion: bool | None = Field(
        None, description="Lactic acidosis, SBP < 90 or SBP drop ≥ 40 mmHg (severe sepsis)"
    )
    refractory_hypotension: bool | None = Field(
        None, description="Hypotension despite adequate fluid resuscitation (septic shock)"
    )
    multiple_organ_dysfunction: bool | None = Field(
        None, description="Evidence of ≥ 2 organs failing (MODS)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Count of SIRS criteria and the consensus category."""
    s = Score()
    t = inputs.temperature
    s.add("Temperature > 38 or < 36 °C", round(t, 2), 1 if ladder.temperature_met(t) else 0)
    s.add(
        "Heart rate > 90", inputs.heart_rate, 1 if ladder.heart_rate_met(inputs.heart_rate) else 0
    )
    resp = ladder.respiratory_met(inputs.respiratory_rate, inputs.paco2)
    s.add(
        "Respiratory rate > 20 or PaCO2 < 32",
        f"RR {inputs.respiratory_rate:g}, PaCO2 {inputs.paco2}",
        1 if resp else 0,
    )
    w = inputs.wbc
    s.add(
        "WBC > 12 or < 4 × 10³/µL or bands > 10%",
        w,
        1 if ladder.wbc_met(w, inputs.bands_percent) else 0,
    )
    total = int(s.total)
    key = ladder.sepsis_category(
        total,
        inputs.suspected_infection,
        inputs.organ_hypoperfusion,
        inputs.refractory_hypotension,
        inputs.multiple_organ_dysfunction,
    )
    category = ladder.CATEGORY_LABELS[key]
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} SIRS criteria: {category}.",
        steps=s.steps,
        extra={"category": category},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (WBC per µL / mm³; PaCO2 when given)."""
    e = entities
    out: dict[str, Any] = {
        "temperature": mc.quantity(e, "Temperature"),
        "heart_rate": mc.quantity(e, "Heart Rate or Pulse"),
        "respiratory_rate": mc.quantity(e, "respiratory rate"),
        "wbc": mc.quantity(e, "White blood cell count"),
    }
    if mc.has(e, "PaCO₂"):
        out["paco2"] = mc.quantity(e, "PaCO₂")
    if mc.has(e, "Band form percent"):
        out["bands_percent"] = mc.number(e, "Band form percent")
    return out


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs.

    Items record the criteria as 'Yes (38.9 C)' or give the raw values; a criterion recorded
    only as Yes/No gets a stand-in value on the recorded side of its threshold.
    """
    m = kw.KeywordInputs(inputs)

    def value(keys: tuple[str, ...], yes: float, no: float) -> float:
        raw = m.find(*keys)
        text = str(raw)
        if "(" in text:
            text = text[text.index("(") :]
        try:
            return kw.parse_number(text)
        except AdapterError:
            return yes if kw.parse_yes(raw) else no

    temp = value(("temperature c", "temp"), 38.5, 37.0)
    wbc = value(("wbc count", "wbc"), 15.0, 8.0)
    if wbc > 500:
        wbc = wbc / 1000  # written per µL ('18,500 /µL')
    return {
        "temperature": temp,
        "heart_rate": value(("heart rate bpm", "heart rate"), 100, 80),
        "respiratory_rate": value(
            ("respiratory rate bpm", "respiratory rate", "resp rate"), 24, 16
        ),
        "wbc": wbc,
        "suspected_infection": kw.parse_yes(m.find("infection")),
        "organ_hypoperfusion": kw.parse_yes(m.find("lactic", "severe sepsis", "lactate")),
        "refractory_hypotension": kw.parse_yes(m.find("despite", "septic shock")),
        "multiple_organ_dysfunction": kw.parse_yes(m.find("organs", "mods", "multiple organ")),
    }
