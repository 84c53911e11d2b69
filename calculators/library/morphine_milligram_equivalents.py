"""Morphine milligram equivalents (MME) per day."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="morphine_milligram_equivalents",
    name="Morphine Milligram Equivalents (MME) Calculator",
    synonyms=(
        "MME",
        "morphine milligram equivalents",
        "MME calculator",
        "MME/day",
        "morphine equivalent daily dose",
    ),
    category="pharmacology",
    source="Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R. CDC clinical practice guideline "
    "for prescribing opioids for pain - United States, 2022. MMWR Recomm Rep. "
    "2022;71(3):1-95 (Table 1; buccal fentanyl from the 2016 guideline, MMWR Recomm Rep "
    "2016;65(1):1-49).",
    doi="10.15585/mmwr.rr7103a1",
    pmid="36327391",
    output_type="decimal",
    unit="MME/day",
    medcalc_id=49,
    description="Total daily opioid dose expressed as oral morphine milligrams.",
)

# CDC 2022 conversion factors (MME per mg of daily oral dose; fentanyl patch per mcg/h;
# buccal fentanyl per mcg, CDC 2016).
FACTORS: dict[str, float] = {
    "codeine": 0.15,
    "fentanyl_buccal": 0.13,
    "fentanyl_patch": 2.4,
    "hydrocodone": 1.0,
    "hydromorphone": 5.0,
    "methadone": 4.7,
    "morphine": 1.0,
    "oxycodone": 1.5,
    "oxymorphone": 3.0,
    "tapentadol": 0.4,
    "tramadol": 0.2,
}
_UNITS = {"fentanyl_buccal": "mcg/day", "fentanyl_patch": "mcg/h"}


def _daily(name: str) -> Any:
    return quantity(
        "dose_mg", "mg", ge=0, le=100000, default=0.0, description=f"Total daily {name} dose (oral)"
    )


class Inputs(QuantityInputs):
    """Total daily dose of each opioid taken (0 or omitted if not taken)."""

    codeine: float = _daily("codeine")
    fentanyl_buccal: float = quantity(
        "dose_mg",
        "mcg",
        ge=0,
        le=100000,
        default=0.0,
        description="Total daily buccal/sublingual fentanyl",
    )
    fentanyl_patch: float = quantity(
        "dose_rate",
        "mcg/h",
        ge=0,
        le=1000,
        default=0.0,
        description="Transdermal fentanyl delivery rate, summed over the patches worn",
    )
    hydrocodone: float = _daily("hydrocodone")
    hydromorphone: float = _daily("hydromorphone")
    methadone: float = _daily("methadone")
    morphine: float = _daily("morphine")
    oxycodone: float = _daily("oxycodone")
    oxymorphone: float = _daily("oxymorphone")
    tapentadol: float = _daily("tapentadol")
    tramadol: float = _daily("tramadol")

    @model_validator(mode="after")
    def _some_opioid(self) -> Inputs:
        if not any(getattr(self, n) for n in FACTORS):
            raise ValueError(f"give the daily dose of at least one opioid: {', '.join(FACTORS)}")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """MME/day = Σ daily dose × CDC conversion factor."""
    total = 0.0
    steps = []
    for name, factor in FACTORS.items():
        dose = getattr(inputs, name)
        if dose:
            mme = dose * factor
            total += mme
            steps.append(
                Step(
                    label=name.replace("_", " "),
                    value=dose,
                    points=round(mme, 3),
                    total=round(total, 3),
                    detail=f"{dose:g} {_UNITS.get(name, 'mg/day')} × {factor}",
                )
            )
    # CDC 2022: ≥ 50 MME/day increases overdose risk; avoid or justify ≥ 90 MME/day.
    if total >= 90:
        interp = "≥ 90 MME/day: high overdose risk; avoid or carefully justify (CDC 2022)"
    elif total >= 50:
        interp = "50-89 MME/day: increased overdose risk; reassess benefits and risks"
    else:
        interp = "< 50 MME/day; no dose is risk-free"
    warnings = (
        [
            "Methadone's factor (4.7) varies with dose; conversion tables are not for "
            "switching opioids."
        ]
        if inputs.methadone
        else []
    )
    return CalcResult(
        calculator=META.id,
        value=round(total, 3),
        unit="MME/day",
        interpretation=f"{total:.1f} MME/day: {interp}.",
        steps=steps,
        warnings=warnings,
    )


_MEDCALC_DRUGS = {
    "codeine": "Codeine",
    "fentanyl_buccal": "FentaNYL buccal",
    "fentanyl_patch": "FentANYL patch",
    "hydrocodone": "HYDROcodone",
    "hydromorphone": "HYDROmorphone",
    "methadone": "Methadone",
    "morphine": "Morphine",
    "oxycodone": "OxyCODONE",
    "oxymorphone": "OxyMORphone",
    "tapentadol": "Tapentadol",
    "tramadol": "TraMADol",
}


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench '<Drug> Dose' and '<Drug> Dose Per Day' → daily totals.

    The benchmark labels the fentanyl patch dose 'mg' although it is the patch rate in mcg/h
    (its explanations multiply it by 2.4); the rate is used as mcg/h here.
    """
    out: dict[str, Any] = {}
    lowered = {k.lower(): v for k, v in entities.items()}
    for name, label in _MEDCALC_DRUGS.items():
        dose = lowered.get(f"{label.lower()} dose")
        if dose is None:
            continue
        per_day = lowered.get(f"{label.lower()} dose per day", [1])
        value, unit = dose
        n = per_day[0] if isinstance(per_day, list | tuple) else per_day
        unit = "mcg/h" if name == "fentanyl_patch" else mc.medcalc_unit(unit)
        out[name] = [float(value) * float(n), unit]
    return out


_MEDMCP_DRUGS = (
    ("hydromorphone", "hydromorphone"),
    ("oxymorphone", "oxymorphone"),
    ("hydrocodone", "hydrocodone"),
    ("oxycodone", "oxycodone"),
    ("morphine", "morphine"),
    ("codeine", "codeine"),
    ("methadone", "methadone"),
    ("tapentadol", "tapentadol"),
    ("tramadol", "tramadol"),
)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc 'Drug N' / 'Dosage N (mg/dose)' / 'Doses per day N' → daily totals."""
    fields = [(kw.norm_field(str(i.get("field", ""))), i.get("value")) for i in inputs]
    drugs: dict[str, str] = {}
    doses: dict[str, float] = {}
    per_day: dict[str, float] = {}
    for name, value in fields:
        words = name.split()
        idx = next((w for w in words if w.isdigit()), "1")
        if words[:1] == ["drug"]:
            drugs[idx] = str(value)
        elif words[:1] == ["dosage"]:
            doses[idx] = kw.parse_number(value)
        elif words[:2] == ["doses", "per"]:
            per_day[idx] = kw.parse_number(value)
    out: dict[str, Any] = {}
    for idx, drug in drugs.items():
        text = drug.lower()
        if "fentanyl" in text:
            name = (
                "fentanyl_patch" if "patch" in text or "transdermal" in text else "fentanyl_buccal"
            )
        else:
            name = next((n for n, w in _MEDMCP_DRUGS if w in text), "")
        if not name:
            raise AdapterError(f"unrecognised opioid {drug!r}; expected one of {sorted(FACTORS)}.")
        daily = doses.get(idx, 0.0) * per_day.get(idx, 1.0)
        out[name] = float(out.get(name, 0.0)) + daily
    return out
