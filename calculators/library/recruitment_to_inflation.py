"""Recruitment-to-inflation (R/I) ratio from a single-breath PEEP release."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="recruitment_to_inflation",
    name="Recruitment to Inflation Ratio",
    synonyms=("R/I ratio", "Recruitment-to-inflation ratio", "R/I"),
    category="pulmonology",
    source=(
        "Chen L, Del Sorbo L, Grieco DL, et al. Potential for lung recruitment estimated by the "
        "recruitment-to-inflation ratio in acute respiratory distress syndrome. A clinical "
        "trial. Am J Respir Crit Care Med. 2020;201(2):178-87."
    ),
    doi="10.1164/rccm.201902-0334OC",
    pmid="31577153",
    output_type="decimal",
    description="Compliance of the lung recruited between high and low PEEP divided by the "
    "compliance at low PEEP; ≥0.5 suggests high recruitability.",
)


class Inputs(QuantityInputs):
    """Inputs of the R/I ratio (pressures in cmH2O, volumes in mL)."""

    high_peep: float = quantity("pressure", "cmH2O", ge=5, le=30, description="High PEEP")
    low_peep: float = quantity("pressure", "cmH2O", ge=0, le=20, description="Low PEEP")
    airway_opening_pressure: float = quantity(
        "pressure", "cmH2O", ge=0, le=30, description="Airway opening pressure (0 if none)"
    )
    tidal_volume: float = quantity(
        "volume", "mL", ge=50, le=1500, description="Set tidal volume (breath at low PEEP)"
    )
    vt_exhaled_high_peep: float = quantity(
        "volume", "mL", ge=50, le=1500, description="Exhaled tidal volume at high PEEP"
    )
    release_volume: float = quantity(
        "volume",
        "mL",
        ge=0,
        le=5000,
        description="Volume exhaled during the one-breath release from high to low PEEP",
    )
    plateau_low_peep: float = quantity(
        "pressure", "cmH2O", ge=1, le=60, description="Plateau pressure at low PEEP"
    )

    @model_validator(mode="after")
    def _pressures(self) -> Inputs:
        floor = max(self.low_peep, self.airway_opening_pressure)
        if self.high_peep <= floor:
            raise ValueError(
                f"high PEEP ({self.high_peep}) must exceed the low PEEP / airway "
                f"opening pressure ({floor}); recruitment cannot be assessed"
            )
        if self.plateau_low_peep <= floor:
            raise ValueError(
                "plateau pressure at low PEEP must exceed the low PEEP / airway opening pressure"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """R/I = [(ΔEELV - Crs_low x ΔP) / ΔP] / Crs_low (Chen 2020)."""
    i = inputs
    floor = max(i.low_peep, i.airway_opening_pressure)  # airway closure above low PEEP
    dp = i.high_peep - floor
    crs_low = i.tidal_volume / (i.plateau_low_peep - floor)
    d_eelv = i.release_volume - i.vt_exhaled_high_peep
    v_rec = d_eelv - crs_low * dp
    warnings = []
    if v_rec < 0:
        warnings.append(
            f"Estimated recruited volume is negative ({v_rec:.0f} mL): no "
            "recruitment; check the release volume (it should exceed the tidal "
            "volume)."
        )
        v_rec = 0.0
    c_rec = v_rec / dp
    ri = c_rec / crs_low
    label = "High recruiter (R/I ≥ 0.5)" if ri >= 0.5 else "Low recruiter (R/I < 0.5)"
    return CalcResult(
        calculator=META.id,
        value=round(ri, 3),
        interpretation=label,
        warnings=warnings,
        steps=[
            Step(
                label="Effective pressure change", value=dp, detail="high PEEP - max(low PEEP, AOP)"
            ),
            Step(
                label="Crs at low PEEP",
                value=round(crs_low, 2),
                detail="VT / (Pplat low - max(low PEEP, AOP))",
            ),
            Step(label="ΔEELV", value=round(d_eelv, 1), detail="release volume - VT"),
            Step(
                label="Recruited volume",
                value=round(v_rec, 1),
                detail="ΔEELV - Crs_low x ΔP (not below 0)",
            ),
            Step(label="R/I", value=round(ri, 3), detail="(Vrec/ΔP) / Crs_low"),
        ],
        extra={"recruited_volume_ml": round(v_rec, 1), "crs_low": round(crs_low, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc R/I inputs → Inputs."""
    return {
        "airway_opening_pressure": mm.number(mm.get(inputs, r"airway opening")),
        "high_peep": mm.number(mm.get(inputs, r"^high peep")),
        "low_peep": mm.number(mm.get(inputs, r"^low peep")),
        "tidal_volume": mm.number(mm.get(inputs, r"set tidal volume")),
        "vt_exhaled_high_peep": mm.number(mm.get(inputs, r"exhaled @ high|exhaled at high")),
        "release_volume": mm.number(mm.get(inputs, r"high to low")),
        "plateau_low_peep": mm.number(mm.get(inputs, r"plateau")),
    }
