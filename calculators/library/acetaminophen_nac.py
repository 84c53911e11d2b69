"""Acetaminophen overdose: N-acetylcysteine (NAC) dosing and the Rumack-Matthew 150 line."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="acetaminophen_nac",
    name="Acetaminophen Overdose and NAC Dosing",
    synonyms=(
        "NAC dosing",
        "N-acetylcysteine dosing",
        "Acetylcysteine dosing for acetaminophen overdose",
        "Paracetamol overdose NAC dosing",
        "Rumack-Matthew nomogram",
    ),
    category="toxicology",
    source=(
        "IV regimen: Acetadote (acetylcysteine injection) US prescribing information "
        "(150 mg/kg in 200 mL over 60 min, 50 mg/kg in 500 mL over 4 h, 100 mg/kg in 1000 mL "
        "over 16 h), after Prescott LF, et al. Intravenous N-acetylcystine: the treatment of "
        "choice for paracetamol poisoning. BMJ. 1979;2:1097-1100. Oral regimen and 150 line: "
        "Rumack BH, Peterson RC, Koch GG, Amara IA. Acetaminophen overdose. 662 cases with "
        "evaluation of oral acetylcysteine treatment. Arch Intern Med. 1981;141:380-385; "
        "nomogram: Rumack BH, Matthew H. Acetaminophen poisoning and toxicity. Pediatrics. "
        "1975;55(6):871-876."
    ),
    output_type="text",
    description="Weight-based NAC doses for the 21-hour IV ('3 bag') or 72-hour oral regimen; "
    "with a 4-24 h acetaminophen level, whether it lies on or above the 150 treatment line.",
)

# IV 21-hour regimen (Acetadote label; 3 bags): mg/kg, diluent mL (patients ≥ 40 kg), minutes.
IV_BAGS: tuple[tuple[str, float, int, int], ...] = (
    ("Loading dose", 150.0, 200, 60),
    ("Second dose", 50.0, 500, 4 * 60),
    ("Third dose", 100.0, 1000, 16 * 60),
)
# Oral 72-hour regimen (Rumack 1981 national multicenter protocol): 140 mg/kg loading dose,
# then 70 mg/kg every 4 hours for 17 doses.
ORAL_LOADING_MG_PER_KG = 140.0
ORAL_MAINTENANCE_MG_PER_KG = 70.0
ORAL_MAINTENANCE_DOSES = 17
# Treatment ("150") line: 150 µg/mL at 4 h, falling with a 4-hour half-life to ≈ 4.7 µg/mL at
# 24 h (the US line 25% below Rumack-Matthew's 1975 200 line; Rumack 1981). Valid 4-24 h.
LINE_AT_4H = 150.0
LINE_HALF_LIFE_H = 4.0
# The label's diluent volumes (200/500/1000 mL) apply from 40 kg; lighter patients need the
# label's reduced volumes to avoid fluid overload and hyponatraemia.
FULL_VOLUME_MIN_KG = 40.0

IV_TITLE = "IV Dosing: 21-Hour Regimen, '3 Bag Dosing'"
ORAL_TITLE = "PO Dosing: 72-Hour Regimen"


class Inputs(QuantityInputs):
    """Inputs of NAC dosing (the level and its timing are optional, and go together)."""

    route: Literal["IV", "PO"] = Field(
        description="Route of N-acetylcysteine: 'IV' (21-hour, 3 bags) or 'PO' (72-hour oral)"
    )
    weight: float = quantity("weight", "kg", ge=1, le=300, description="Body weight")
    acetaminophen_level: float | None = Field(
        None,
        ge=0,
        le=2000,
        description="Serum acetaminophen concentration in µg/mL (= mg/L), drawn 4-24 h after "
        "a single acute ingestion (optional)",
    )
    hours_since_ingestion: float | None = quantity(
        "duration",
        "h",
        ge=4,
        le=24,
        default=None,
        description="Hours from ingestion to the level (the nomogram covers 4-24 h; optional)",
    )

    @model_validator(mode="after")
    def _level_with_time(self) -> Inputs:
        if (self.acetaminophen_level is None) != (self.hours_since_ingestion is None):
            raise ValueError(
                "acetaminophen_level and hours_since_ingestion go together: give both to "
                "plot the level on the nomogram, or neither"
            )
        return self


def treatment_line(hours: float) -> float:
    """The 150 treatment line in µg/mL at ``hours`` (4-24 h) after ingestion."""
    return LINE_AT_4H * 2 ** (-(hours - 4) / LINE_HALF_LIFE_H)


def _fmt_mg(mg: float) -> str:
    return f"{mg:.0f}" if abs(mg - round(mg)) < 0.05 else f"{mg:.1f}"


def compute(inputs: Inputs) -> CalcResult:
    """NAC doses for the chosen route, and the level against the 150 line when given."""
    w = inputs.weight
    steps: list[Step] = []
    warnings: list[str] = []
    extra: dict[str, Any] = {"weight_kg": round(w, 2)}
    if inputs.route == "IV":
        title = IV_TITLE
        parts = []
        for label, per_kg, diluent, minutes in IV_BAGS:
            mg = per_kg * w
            duration = f"{minutes} min" if minutes < 120 else f"{minutes // 60} hr"
            steps.append(
                Step(
                    label=label,
                    value=round(mg, 1),
                    detail=f"{per_kg:g} mg/kg × {w:g} kg in {diluent} mL of diluent over "
                    f"{duration}",
                )
            )
            parts.append(f"{_fmt_mg(mg)} mg IV in {diluent} mL of diluent over {duration}")
            extra[label.lower().replace(" ", "_") + "_mg"] = round(mg, 1)
        text = "; then ".join(parts)
        if w < FULL_VOLUME_MIN_KG:
            warnings.append(
                f"Weight {w:g} kg < 40 kg: reduce the diluent volumes per the acetylcysteine "
                "label's weight table (fluid overload, hyponatraemia)."
            )
    else:
        title = ORAL_TITLE
        load = ORAL_LOADING_MG_PER_KG * w
        maint = ORAL_MAINTENANCE_MG_PER_KG * w
        steps.append(
            Step(label="Loading dose", value=round(load, 1), detail=f"140 mg/kg × {w:g} kg PO")
        )
        steps.append(
            Step(
                label="Maintenance dose",
                value=round(maint, 1),
                detail=f"70 mg/kg × {w:g} kg PO every 4 h for {ORAL_MAINTENANCE_DOSES} doses",
            )
        )
        text = (
            f"Loading dose of {_fmt_mg(load)} mg PO, then {_fmt_mg(maint)} mg PO every 4 hr "
            f"for {ORAL_MAINTENANCE_DOSES} doses"
        )
        extra.update(loading_dose_mg=round(load, 1), maintenance_dose_mg=round(maint, 1))
    if inputs.acetaminophen_level is not None and inputs.hours_since_ingestion is not None:
        h, level = inputs.hours_since_ingestion, inputs.acetaminophen_level
        line = treatment_line(h)
        above = level >= line
        steps.append(
            Step(
                label="Level vs 150 treatment line",
                value=level,
                detail=f"line at {h:g} h = 150 × 2^(-({h:g} - 4)/4) = {line:.1f} µg/mL; "
                f"level {'on/above' if above else 'below'} the line",
            )
        )
        extra.update(treatment_line_ug_per_ml=round(line, 1), above_treatment_line=above)
        text += (
            f". Level {level:g} µg/mL at {h:g} h is {'on or above' if above else 'below'} the "
            f"treatment line ({line:.1f} µg/mL): "
            + ("treat with NAC" if above else "NAC not indicated by the nomogram")
        )
    warnings.append(
        "The nomogram applies only to a single acute ingestion with a level drawn 4-24 h after "
        "it; start NAC without waiting for a level when the time of ingestion is unknown."
    )
    return CalcResult(
        calculator=META.id,
        value=title,
        interpretation=f"{title}: {text}.",
        steps=steps,
        warnings=warnings,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (route 'IV'/'PO' and weight, optionally a timed level)."""
    f = Fields(inputs, META.id)
    route = f.option(
        "route",
        options={
            "IV": ("IV", "intravenous", "IV 21 hour"),
            "PO": ("PO", "oral", "by mouth", "PO 72 hour"),
        },
    )
    out: dict[str, Any] = {"route": route, "weight": f.quantity("weight", default_unit="kg")}
    if f.has("acetaminophen level", "apap level", "serum acetaminophen"):
        out["acetaminophen_level"] = f.number(
            "acetaminophen level", "apap level", "serum acetaminophen"
        )
        out["hours_since_ingestion"] = f.quantity(
            "hours since", "time since", "time from ingestion", default_unit="h"
        )
    return out
