"""Diagnosis-Specific Graded Prognostic Assessment (DS-GPA) for brain metastases."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_fields as mf
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ds_gpa_brain_metastases",
    name="Diagnosis-Specific Graded Prognostic Assessment (DS-GPA) for Brain Metastases",
    synonyms=(
        "Brain Metastases Prognostic Index",
        "DS-GPA",
        "Diagnosis-Specific Graded Prognostic Assessment",
        "Sperduto GPA",
    ),
    category="oncology",
    source="Sperduto PW, Kased N, Roberge D, et al. Summary report on the graded prognostic "
    "assessment: an accurate and facile diagnosis-specific tool to estimate survival for "
    "patients with brain metastases. J Clin Oncol. 2012;30(4):419-425.",
    output_type="decimal",
    description="Score 0-4 from the prognostic factors of the primary tumour's own index (lung, "
    "melanoma, breast, renal, gastrointestinal) and the median survival of its band.",
)

Diagnosis = Literal["nsclc", "sclc", "melanoma", "breast", "renal", "gi"]
BreastSubtype = Literal["basal", "luminal_a", "her2", "luminal_b"]

_LABELS = {
    "nsclc": "non-small cell lung cancer",
    "sclc": "small cell lung cancer",
    "melanoma": "melanoma",
    "breast": "breast cancer",
    "renal": "renal cell carcinoma",
    "gi": "gastrointestinal cancer",
}

# Median survival (months) by GPA band, from the Sperduto 2012 summary report as encoded in the
# BrainMetGPA reference app (github.com/jbr3zy/BrainMetGPA, lib/data.js): (low, high, months).
_MEDIAN_SURVIVAL: dict[str, tuple[tuple[float, float, float], ...]] = {
    "lung": ((0, 1, 3.0), (1.5, 2, 5.5), (2.5, 3, 9.4), (3.5, 4, 14.8)),
    "melanoma": ((0, 1, 3.4), (1.5, 2, 4.7), (2.5, 3, 8.8), (3.5, 4, 13.2)),
    "breast": ((0, 1, 3.4), (1.5, 2, 7.7), (2.5, 3, 15.1), (3.5, 4, 25.3)),
    "renal": ((0, 1, 3.3), (1.5, 2, 7.3), (2.5, 3, 11.3), (3.5, 4, 14.8)),
    "gi": ((0, 1, 3.1), (2, 2, 4.4), (3, 3, 6.9), (4, 4, 13.5)),
}


class Inputs(QuantityInputs):
    """Inputs of the DS-GPA (which factors count depends on the diagnosis)."""

    diagnosis: Diagnosis = Field(
        description="Primary tumour: nsclc, sclc (both use the lung GPA), melanoma, breast, "
        "renal or gi"
    )
    kps: int = Field(
        ge=10, le=100, description="Karnofsky performance status (10-100, steps of 10)"
    )
    age: float | None = quantity(
        "age", "years", ge=18, le=120, default=None, description="Age (lung and breast indexes)"
    )
    extracranial_metastases: bool | None = Field(
        None, description="Extracranial metastases present (lung index)"
    )
    brain_metastases: int | None = Field(
        None, ge=1, le=200, description="Number of brain metastases (lung, melanoma, renal)"
    )
    breast_subtype: BreastSubtype | None = Field(
        None,
        description="Breast subtype: basal (triple negative), luminal_a (ER/PR+ HER2-), her2 "
        "(HER2+ ER/PR-), luminal_b (triple positive)",
    )

    @model_validator(mode="after")
    def _needed_for_diagnosis(self) -> Inputs:
        if self.kps % 10:
            raise ValueError(f"kps must be a multiple of 10 (10-100), found {self.kps}")
        needed = {
            "nsclc": ("age", "extracranial_metastases", "brain_metastases"),
            "sclc": ("age", "extracranial_metastases", "brain_metastases"),
            "melanoma": ("brain_metastases",),
            "renal": ("brain_metastases",),
            "breast": ("age", "breast_subtype"),
            "gi": (),
        }[self.diagnosis]
        missing = [f for f in needed if getattr(self, f) is None]
        if missing:
            raise ValueError(
                f"the {_LABELS[self.diagnosis]} GPA needs {', '.join(missing)}; none was given"
            )
        return self


def _mets_points(n: int, one: float, two_three: float) -> float:
    return one if n == 1 else two_three if n <= 3 else 0.0


def _kps_points(diagnosis: str, kps: int) -> float:
    if diagnosis in ("nsclc", "sclc"):
        return 1.0 if kps >= 90 else 0.5 if kps >= 70 else 0.0
    if diagnosis in ("melanoma", "renal"):
        return 2.0 if kps >= 90 else 1.0 if kps >= 70 else 0.0
    if diagnosis == "breast":
        # Breast: KPS ≤ 50: 0, 60: 0.5, 70-80: 1.0, 90-100: 1.5.
        return 1.5 if kps >= 90 else 1.0 if kps >= 70 else 0.5 if kps == 60 else 0.0
    # GI: KPS < 70: 0, 70: 1, 80: 2, 90: 3, 100: 4.
    return 0.0 if kps < 70 else (kps - 60) / 10


_SUBTYPE_POINTS = {"basal": 0.0, "luminal_a": 1.0, "her2": 1.5, "luminal_b": 2.0}


def compute(inputs: Inputs) -> CalcResult:
    """Sum the factors of the diagnosis' GPA and look up the median survival of its band."""
    i = inputs
    s = Score()
    dx = i.diagnosis
    if dx in ("nsclc", "sclc"):
        age = float(i.age or 0)
        s.add(
            "Age (> 60: 0, 50-60: 0.5, < 50: 1)", age, 1.0 if age < 50 else 0.5 if age <= 60 else 0
        )
        s.add("KPS (< 70: 0, 70-80: 0.5, 90-100: 1)", i.kps, _kps_points(dx, i.kps))
        s.add(
            "Extracranial metastases (yes: 0, no: 1)",
            i.extracranial_metastases,
            0.0 if i.extracranial_metastases else 1.0,
        )
        n = int(i.brain_metastases or 0)
        s.add("Brain metastases (> 3: 0, 2-3: 0.5, 1: 1)", n, _mets_points(n, 1.0, 0.5))
        band = "lung"
    elif dx in ("melanoma", "renal"):
        s.add("KPS (< 70: 0, 70-80: 1, 90-100: 2)", i.kps, _kps_points(dx, i.kps))
        n = int(i.brain_metastases or 0)
        s.add("Brain metastases (> 3: 0, 2-3: 1, 1: 2)", n, _mets_points(n, 2.0, 1.0))
        band = dx
    elif dx == "breast":
        age = float(i.age or 0)
        s.add("Age (≥ 60: 0, < 60: 0.5)", age, 0.5 if age < 60 else 0.0)
        s.add("KPS (≤ 50: 0, 60: 0.5, 70-80: 1, 90-100: 1.5)", i.kps, _kps_points(dx, i.kps))
        sub = str(i.breast_subtype)
        s.add("Subtype (basal 0, luminal A 1, HER2 1.5, luminal B 2)", sub, _SUBTYPE_POINTS[sub])
        band = "breast"
    else:
        s.add("KPS (< 70: 0, 70: 1, 80: 2, 90: 3, 100: 4)", i.kps, _kps_points(dx, i.kps))
        band = "gi"
    total = s.total
    months = next(m for lo, hi, m in _MEDIAN_SURVIVAL[band] if lo <= total <= hi)
    warnings = []
    if dx in ("melanoma", "renal", "gi") and i.age is not None:
        warnings.append(f"Age does not enter the {_LABELS[dx]} GPA.")
    return CalcResult(
        calculator=META.id,
        value=s.value,
        interpretation=f"GPA {s.value} ({_LABELS[dx]}): median survival {months:g} months.",
        steps=s.steps,
        warnings=warnings,
        extra={"median_survival_months": months},
    )


_DIAGNOSES = {
    "nsclc": ("non small cell lung", "nsclc", "lung adenocarcinoma", "lung cancer"),
    "sclc": ("small cell lung", "sclc"),
    "melanoma": ("melanoma",),
    "breast": ("breast",),
    "renal": ("renal", "kidney", "rcc"),
    "gi": ("gastrointestinal", "gi", "colorectal", "gastric", "esophageal", "pancreatic"),
}
_SUBTYPES = {
    "basal": ("basal", "triple negative"),
    "luminal_a": ("luminal a",),
    "her2": ("her2",),
    "luminal_b": ("luminal b", "triple positive"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Tumor Type', 'Karnofsky Performance Score (KPS)', ...) → inputs."""
    f = mf.Fields(inputs, META.id)
    tumour = mf.norm(f.text("tumor type", "primary", "diagnosis", "cancer type"))
    dx = "nsclc" if "non small" in tumour else None
    if dx is None:
        dx = mf.match_option(tumour, _DIAGNOSES, field=f"{META.id}: tumor type")
    out: dict[str, Any] = {"diagnosis": dx, "kps": int(f.number("karnofsky", "kps"))}
    if f.has("age"):
        out["age"] = f.number("age")
    if f.has("extracranial"):
        out["extracranial_metastases"] = f.yes("extracranial")
    if f.has("number of brain", "brain metastases"):
        out["brain_metastases"] = int(f.number("number of brain", "brain metastases"))
    if dx == "breast":
        try:
            out["breast_subtype"] = f.option("subtype", options=_SUBTYPES)
        except MedMCPInputError:
            pass  # the calculator then names the missing subtype
    return out
