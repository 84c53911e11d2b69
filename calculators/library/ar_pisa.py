"""Aortic regurgitation: effective regurgitant orifice area by the PISA method."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _ar_severity as ar
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ar_pisa",
    name="AR: Regurgitant Orifice (PISA)",
    synonyms=(
        "AR PISA",
        "Aortic regurgitation PISA",
        "AR effective regurgitant orifice area (PISA)",
        "AR EROA by PISA",
    ),
    category="cardiology",
    source=ar.SOURCE,
    doi=ar.DOI,
    pmid=ar.PMID,
    output_type="decimal",
    unit="cm²",
    description="EROA = 2πr² × aliasing velocity / peak AR velocity (hemispheric flow "
    "convergence); with the AR VTI, regurgitant volume = EROA × VTI; graded by ASE 2017.",
)


class Inputs(QuantityInputs):
    """Inputs of the AR PISA calculation."""

    pisa_radius: float = quantity(
        "length", "cm", ge=0.05, le=3, description="PISA radius (flow convergence radius)"
    )
    aliasing_velocity: float = quantity(
        "velocity", "cm/s", ge=5, le=150, description="Aliasing (Nyquist) velocity of the PISA"
    )
    peak_ar_velocity: float = quantity(
        "velocity", "cm/s", ge=100, le=800, description="Peak AR velocity by CW Doppler"
    )
    ar_vti: float | None = ar.ar_vti_field("regurgitant volume")


def compute(inputs: Inputs) -> CalcResult:
    """EROA = 2πr² × Va / Vmax; regurgitant volume = EROA × VTI(AR) when the VTI is given."""
    i = inputs
    # Hemispheric proximal isovelocity surface: area 2πr², flow = area × aliasing velocity
    # (ASE 2017, PISA method); dividing by the peak orifice velocity gives the orifice area.
    flow = 2 * math.pi * i.pisa_radius**2 * i.aliasing_velocity
    eroa = flow / i.peak_ar_velocity
    steps = [
        Step(label="Regurgitant flow rate", value=round(flow, 2), detail="2πr² × Va [mL/s]"),
        Step(label="EROA", value=round(eroa, 3), detail="flow / peak AR velocity [cm²]"),
    ]
    grade = ar.eroa_grade(eroa)
    parts = [ar.reading("EROA", f"{eroa:.2f} cm²", grade)]
    extra: dict[str, Any] = {"regurgitant_flow_ml_s": round(flow, 2), "eroa_grade": grade}
    if i.ar_vti is not None:
        rvol = eroa * i.ar_vti
        steps.append(
            Step(label="Regurgitant volume", value=round(rvol, 1), detail="EROA × AR VTI [mL]")
        )
        rgrade = ar.rvol_grade(rvol)
        parts.append(ar.also("regurgitant volume", f"{rvol:.0f} mL", rgrade))
        extra.update(regurgitant_volume_ml=round(rvol, 1), regurgitant_volume_grade=rgrade)
    return ar.ar_result(
        META.id, value=round(eroa, 3), unit="cm²", readings=parts, steps=steps, extra=extra
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (PISA radius, aliasing and peak velocities, optional VTI) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "pisa_radius": f.quantity("pisa radius", "radius", default_unit="cm"),
        "aliasing_velocity": f.quantity("aliasing", "nyquist", default_unit="cm/s"),
        "peak_ar_velocity": f.quantity(
            "peak",
            "maximum velocity",
            "vmax",
            "ar velocity",
            exclude=("alias",),
            default_unit="cm/s",
        ),
    }
    if f.has("vti", "velocity time integral"):
        out["ar_vti"] = f.quantity("vti", "velocity time integral", default_unit="cm")
    return out
