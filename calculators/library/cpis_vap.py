"""Clinical Pulmonary Infection Score (CPIS) for ventilator-associated pneumonia."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="cpis_vap",
    name="Clinical Pulmonary Infection Score (CPIS) for Ventilator-Associated Pneumonia (VAP)",
    synonyms=("CPIS", "Clinical Pulmonary Infection Score", "Pugin score"),
    category="critical care",
    source="Pugin J, et al. Diagnosis of ventilator-associated pneumonia by bacteriologic "
    "analysis of bronchoscopic and nonbronchoscopic 'blind' bronchoalveolar lavage "
    "fluid. Am Rev Respir Dis. 1991;143(5 Pt 1):1121-9.",
    doi="10.1164/ajrccm/143.5_Pt_1.1121",
    output_type="integer",
    unit=None,
    description="Six clinical, radiographic, physiological and microbiological items (0–12); "
    ">6 suggests ventilator-associated pneumonia.",
)

Secretions = Literal["few", "abundant", "abundant_purulent"]
Radiograph = Literal["none", "diffuse", "localized"]
Culture = Literal["none_or_light", "moderate_heavy", "moderate_heavy_same_gram_stain"]

SECRETIONS = {
    "few": ("lt 14", "rare", "few"),
    "abundant": ("without purulent", "non purulent", "abundant", "ge 14"),
    "abundant_purulent": ("plus purulent", "with purulent", "purulent"),
}
RADIOGRAPH = {
    "none": ("no infiltrate",),
    "diffuse": ("diffuse", "patchy"),
    "localized": ("localized", "localised"),
}
CULTURE = {
    "none_or_light": ("le 1", "no growth", "light"),
    "moderate_heavy": ("gt 1", "moderate or heavy"),
    "moderate_heavy_same_gram_stain": (
        "same pathogen",
        "plus same",
        "gram stain gt 1",
        "same bacteria",
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the CPIS (Pugin 1991)."""

    temperature: float = quantity("temperature", "°C", ge=25, le=45, description="Temperature")
    wbc: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=200, description="Blood leukocytes"
    )
    band_forms_50_percent_or_more: bool = Field(description="Band forms ≥50% (+1 point)")
    tracheal_secretions: Secretions = Field(
        description="few (<14+ aspirations), abundant (≥14+), abundant_purulent (≥14+ and purulent)"
    )
    pao2_fio2: float = Field(ge=10, le=700, description="PaO₂/FiO₂ [mmHg]")
    ards: bool = Field(description="ARDS present (oxygenation then scores 0)")
    chest_radiograph: Radiograph = Field(
        description="none, diffuse (or patchy), localized infiltrate"
    )
    culture: Culture = Field(
        description="Tracheal aspirate culture: none_or_light (≤1+ or no growth), "
        "moderate_heavy (>1+), moderate_heavy_same_gram_stain (>1+ and the same "
        "bacteria on Gram stain >1+)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Points as in Pugin 1991, table 1."""
    t = inputs.temperature
    if t >= 39 or t <= 36:
        temp_pts = 2
    elif t >= 38.5:
        temp_pts = 1
    else:
        temp_pts = 0
    wbc_pts = 0 if 4 <= inputs.wbc <= 11 else 1
    if wbc_pts and inputs.band_forms_50_percent_or_more:
        wbc_pts += 1
    sec_pts = {"few": 0, "abundant": 1, "abundant_purulent": 2}[inputs.tracheal_secretions]
    oxy_pts = 2 if inputs.pao2_fio2 <= 240 and not inputs.ards else 0
    cxr_pts = {"none": 0, "diffuse": 1, "localized": 2}[inputs.chest_radiograph]
    cul_pts = {"none_or_light": 0, "moderate_heavy": 1, "moderate_heavy_same_gram_stain": 2}[
        inputs.culture
    ]
    steps, total = tally(
        [
            ("Temperature (36.5–38.4: 0; 38.5–38.9: 1; ≥39 or ≤36: 2)", t, temp_pts),
            ("Leukocytes (4–11: 0; <4 or >11: 1; + bands ≥50%: +1)", inputs.wbc, wbc_pts),
            ("Tracheal secretions", inputs.tracheal_secretions, sec_pts),
            ("Oxygenation (P/F ≤240 without ARDS: 2)", inputs.pao2_fio2, oxy_pts),
            ("Chest radiograph", inputs.chest_radiograph, cxr_pts),
            ("Tracheal aspirate culture", inputs.culture, cul_pts),
        ]
    )
    warnings = []
    if 36.0 < t < 36.5:
        warnings.append("Pugin's table leaves 36.1–36.4 °C unassigned; it is scored 0 here.")
    # Pugin 1991: CPIS >6 correlated with quantitative BAL culture positivity (VAP).
    label = (
        "CPIS >6: VAP likely; obtain BAL or mini-BAL cultures"
        if total > 6
        else "CPIS ≤6: VAP less likely; evaluate other sources if suspicion is low"
    )
    return CalcResult(
        calculator=META.id,
        value=as_int(total),
        interpretation=label,
        steps=steps,
        warnings=warnings,
    )


def _bands_high(text: str, wbc_thousands: float) -> bool:
    t = norm(text)
    if "no band" in t or "without band" in t:
        return False
    m = re.search(r"bands?\D{0,3}(\d+(?:\.\d+)?)\s*%", text, re.IGNORECASE)
    if m:
        return float(m.group(1)) >= 50
    m = re.search(r"bands?\D{0,3}(\d+(?:\.\d+)?)\s*(?:cells)?\s*/", text, re.IGNORECASE)
    if m:  # an absolute band count per µL: compare with half of the leukocytes
        return float(m.group(1)) >= 0.5 * wbc_thousands * 1000
    return "bandemia" in t and "no" not in t.split()


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (six items, ARDS in the oxygenation text or its own field) → kwargs."""
    f = Fields(inputs, META.id)
    wbc = f.quantity("white blood cell", "wbc", "leukocyte", default_unit="10^3/uL")
    wbc_value = wbc[0] if isinstance(wbc, list) else wbc
    oxy_text = f.text("oxygenation", "pao2 fio2")
    if f.has("ards", exclude=("oxygenation",)):
        ards = f.yes("ards", exclude=("oxygenation",))
    else:
        ards = "ards" in norm(oxy_text) and not re.search(
            r"\bno ards\b|without ards", norm(oxy_text)
        )
    return {
        "temperature": f.quantity("temperature", default_unit="°C"),
        "wbc": wbc,
        "band_forms_50_percent_or_more": _bands_high(
            f.text("white blood cell", "wbc", "leukocyte"), wbc_value
        ),
        "tracheal_secretions": f.option("secretions", options=SECRETIONS),
        "pao2_fio2": first_number(oxy_text, field="oxygenation"),
        "ards": ards,
        "chest_radiograph": f.option("radiograph", "radiography", "x ray", options=RADIOGRAPH),
        "culture": f.option("culture", options=CULTURE),
    }


#: MedMCP-Calc dev items whose answer disagrees with the published score (read by the scorer).
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_071_8f81080c", 9): (
        "leukocytosis without band forms scores 1, not 2, in Pugin 1991 (published 8, task 9)"
    ),
}
