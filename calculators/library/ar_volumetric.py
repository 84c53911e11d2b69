"""Aortic regurgitation: quantification by the volumetric (Doppler stroke volume) method."""

from __future__ import annotations

import math
from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _ar_severity as ar
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ar_volumetric",
    name="AR: Quantification (Volumetric)",
    synonyms=(
        "AR volumetric quantification",
        "Aortic regurgitation volumetric method",
        "AR regurgitant volume (volumetric)",
    ),
    category="cardiology",
    source=ar.SOURCE,
    doi=ar.DOI,
    pmid=ar.PMID,
    output_type="decimal",
    unit="mL",
    description="Regurgitant volume = LVOT stroke volume − mitral inflow stroke volume (each "
    "π(d/2)² × VTI); regurgitant fraction = RVol / LVOT SV; with the AR VTI, EROA = RVol / "
    "VTI(AR); graded by ASE 2017.",
)


class Inputs(QuantityInputs):
    """Inputs of the volumetric AR quantification (pulsed Doppler at LVOT and mitral annulus)."""

    lvot_diameter: float = quantity(
        "length", "cm", ge=1, le=4, description="LVOT diameter (systole)"
    )
    lvot_vti: float = quantity("length", "cm", ge=5, le=80, description="LVOT VTI (pulsed)")
    mitral_annulus_diameter: float = quantity(
        "length", "cm", ge=1.5, le=6, description="Mitral annulus diameter (diastole)"
    )
    mitral_vti: float = quantity(
        "length", "cm", ge=3, le=60, description="Mitral annulus inflow VTI (pulsed)"
    )
    ar_vti: float | None = ar.ar_vti_field("EROA")

    @model_validator(mode="after")
    def _forward_flow_exceeds_inflow(self) -> Inputs:
        lvot = _sv(self.lvot_diameter, self.lvot_vti)
        mitral = _sv(self.mitral_annulus_diameter, self.mitral_vti)
        if lvot <= mitral:
            raise ValueError(
                f"LVOT stroke volume ({lvot:.0f} mL) must exceed the mitral inflow stroke "
                f"volume ({mitral:.0f} mL) for aortic regurgitation; found no regurgitant volume"
            )
        return self


def _sv(diameter_cm: float, vti_cm: float) -> float:
    # Stroke volume through a circular orifice: π(d/2)² × VTI (ASE 2017, volumetric method).
    return math.pi * (diameter_cm / 2) ** 2 * vti_cm


def compute(inputs: Inputs) -> CalcResult:
    """RVol = SV(LVOT) − SV(MV); RF = RVol / SV(LVOT); EROA = RVol / VTI(AR) when given."""
    i = inputs
    sv_lvot = _sv(i.lvot_diameter, i.lvot_vti)
    sv_mv = _sv(i.mitral_annulus_diameter, i.mitral_vti)
    rvol = sv_lvot - sv_mv
    rf = 100 * rvol / sv_lvot
    steps = [
        Step(label="LVOT stroke volume", value=round(sv_lvot, 1), detail="π(d/2)² × VTI [mL]"),
        Step(label="Mitral stroke volume", value=round(sv_mv, 1), detail="π(d/2)² × VTI [mL]"),
        Step(label="Regurgitant volume", value=round(rvol, 1), detail="SV LVOT − SV MV [mL]"),
        Step(label="Regurgitant fraction", value=round(rf, 1), detail="RVol / SV LVOT [%]"),
    ]
    rvol_grade, rf_grade = ar.rvol_grade(rvol), ar.rf_grade(rf)
    parts = [
        ar.reading("regurgitant volume", f"{rvol:.0f} mL", rvol_grade),
        ar.also("regurgitant fraction", f"{rf:.0f}%", rf_grade),
    ]
    extra: dict[str, Any] = {
        "lvot_stroke_volume_ml": round(sv_lvot, 1),
        "mitral_stroke_volume_ml": round(sv_mv, 1),
        "regurgitant_fraction_percent": round(rf, 1),
        "regurgitant_volume_grade": rvol_grade,
        "regurgitant_fraction_grade": rf_grade,
    }
    if i.ar_vti is not None:
        eroa = rvol / i.ar_vti
        steps.append(Step(label="EROA", value=round(eroa, 3), detail="RVol / AR VTI [cm²]"))
        egrade = ar.eroa_grade(eroa)
        parts.append(ar.also("EROA", f"{eroa:.2f} cm²", egrade))
        extra.update(eroa_cm2=round(eroa, 3), eroa_grade=egrade)
    return ar.ar_result(
        META.id, value=round(rvol, 1), unit="mL", readings=parts, steps=steps, extra=extra
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (LVOT and mitral diameters and VTIs, optional AR VTI) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "lvot_diameter": f.quantity("lvot diameter", "lvot d", default_unit="cm"),
        "lvot_vti": f.quantity("lvot vti", "lvot velocity time", default_unit="cm"),
        "mitral_annulus_diameter": f.quantity(
            "mitral annulus diameter",
            "mitral annular diameter",
            "mv diameter",
            "mitral diameter",
            default_unit="cm",
        ),
        "mitral_vti": f.quantity(
            "mitral vti", "mv vti", "mitral annulus vti", "mitral inflow vti", default_unit="cm"
        ),
    }
    if f.has("ar vti", "aortic regurgitation vti", "regurgitant vti"):
        out["ar_vti"] = f.quantity(
            "ar vti", "aortic regurgitation vti", "regurgitant vti", default_unit="cm"
        )
    return out
