"""HIT Expert Probability (HEP) score for heparin-induced thrombocytopenia."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="hep_score",
    name="HIT Expert Probability (HEP) Score for Heparin-Induced Thrombocytopenia",
    synonyms=("HEP score", "HIT Expert Probability score", "HIT expert probability"),
    category="hematology",
    source="Cuker A, Arepally G, Crowther MA, et al. The HIT Expert Probability (HEP) Score: a "
    "novel pre-test probability model for heparin-induced thrombocytopenia based on broad "
    "expert opinion. J Thromb Haemost. 2010;8(12):2642-2650; point table as reproduced in "
    "Cuker A. Clinical and laboratory diagnosis of heparin-induced thrombocytopenia: an "
    "integrated approach. Hematology Am Soc Hematol Educ Program. 2013;2013:668-674, Table 2.",
    doi="10.1111/j.1538-7836.2010.04059.x",
    output_type="integer",
    description="Eight clinical features weighted -3 to +3 by 26 HIT experts; a score ≥ 2 was "
    "100% sensitive (60% specific) for HIT, ≥ 5 balanced sensitivity (86%) and specificity (88%).",
)

Onset = Literal["typical", "rapid"]
Fall = Literal["lt30", "30_50", "gt50"]
TimingTypical = Literal["lt4", "4", "5_10", "11_14", "gt14"]
TimingRapid = Literal["lt48h", "gt48h"]
Thrombosis = Literal["none", "new", "progression"]

# Points (Cuker 2013, Table 2, reproducing Cuker 2010).
_FALL = {"lt30": -1, "30_50": 1, "gt50": 3}
# Fall beginning < 4 days after exposure (typical onset): -2 in the 2010 derivation as listed
# by MDCalc (whose page credits Dr. Cuker) and medicalalgorithms.com; the 2013 author-manuscript
# table prints 0. We follow the 2010 model and say so in a warning when the option is used.
_TIMING_TYPICAL = {"lt4": -2, "4": 2, "5_10": 3, "11_14": 2, "gt14": -1}
_TIMING_RAPID = {"lt48h": 2, "gt48h": -1}
# New VTE/ATE (≥ 4 days after exposure if typical onset; any time after it if rapid): 3;
# progression of pre-existing VTE/ATE while on heparin: 2.
_THROMBOSIS = {"none": 0, "new": 3, "progression": 2}
# Yes/no features: (input name, label, points if present).
_FLAGS = (
    ("skin_necrosis", "Skin necrosis at subcutaneous heparin injection sites", 3),
    ("acute_systemic_reaction", "Acute systemic reaction after IV heparin bolus", 2),
    ("bleeding", "Bleeding, petechiae or extensive bruising", -1),
    ("chronic_thrombocytopenic_disorder", "Chronic thrombocytopenic disorder", -1),
    ("new_thrombocytopenic_medication", "Newly started non-heparin drug causing low platelets", -2),
    ("severe_infection", "Severe infection", -2),
    ("severe_dic", "Severe DIC (fibrinogen < 100 mg/dL and D-dimer > 5 µg/mL)", -2),
    ("intra_arterial_device", "Indwelling intra-arterial device (IABP, VAD, ECMO)", -2),
    ("cardiopulmonary_bypass_96h", "Cardiopulmonary bypass within previous 96 h", -1),
    ("no_other_apparent_cause", "No other apparent cause", 3),
)


class Inputs(CalcInputs):
    """Inputs of the HEP score."""

    onset: Onset = Field(
        description="typical: typical-onset HIT suspected; rapid: heparin exposure in the last "
        "100 days and rapid-onset HIT suspected"
    )
    platelet_fall: Fall = Field(
        description="Fall from peak to nadir since heparin: lt30 (< 30%), 30_50, gt50 (> 50%)"
    )
    timing_typical: TimingTypical | None = Field(
        None,
        description="Typical onset only: fall begins lt4 (< 4 days), 4, 5_10, 11_14 or gt14 "
        "(> 14) days after heparin exposure",
    )
    timing_rapid: TimingRapid | None = Field(
        None, description="Rapid onset only: fall begins lt48h or gt48h after re-exposure"
    )
    nadir_gt20: bool = Field(description="Nadir platelet count > 20 × 10⁹/L")
    thrombosis: Thrombosis = Field(
        description="none; new VTE/ATE (≥ 4 days after exposure if typical onset); "
        "progression of pre-existing VTE/ATE on heparin"
    )
    skin_necrosis: bool = Field(description="Skin necrosis at subcutaneous heparin sites (+3)")
    acute_systemic_reaction: bool = Field(
        description="Acute systemic reaction after IV heparin bolus (+2)"
    )
    bleeding: bool = Field(description="Bleeding, petechiae or extensive bruising (-1)")
    chronic_thrombocytopenic_disorder: bool = Field(
        description="Chronic thrombocytopenic disorder (-1)"
    )
    new_thrombocytopenic_medication: bool = Field(
        description="Newly initiated non-heparin medication known to cause thrombocytopenia (-2)"
    )
    severe_infection: bool = Field(description="Severe infection (-2)")
    severe_dic: bool = Field(
        description="Severe DIC: fibrinogen < 100 mg/dL and D-dimer > 5 µg/mL (-2)"
    )
    intra_arterial_device: bool = Field(
        description="Indwelling intra-arterial device: IABP, VAD, ECMO (-2)"
    )
    cardiopulmonary_bypass_96h: bool = Field(
        description="Cardiopulmonary bypass within the previous 96 hours (-1)"
    )
    no_other_apparent_cause: bool = Field(description="No other apparent cause (+3)")

    @model_validator(mode="after")
    def _timing_matches_onset(self) -> Inputs:
        if self.onset == "typical" and (self.timing_typical is None or self.timing_rapid):
            raise ValueError(
                "typical onset needs timing_typical (lt4, 4, 5_10, 11_14, gt14) and no "
                f"timing_rapid; found timing_typical={self.timing_typical!r}, "
                f"timing_rapid={self.timing_rapid!r}"
            )
        if self.onset == "rapid" and (self.timing_rapid is None or self.timing_typical):
            raise ValueError(
                "rapid onset needs timing_rapid (lt48h, gt48h) and no timing_typical; found "
                f"timing_rapid={self.timing_rapid!r}, timing_typical={self.timing_typical!r}"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the HEP feature weights (Cuker 2010)."""
    i = inputs
    s = Score()
    s.add("Magnitude of platelet fall", i.platelet_fall, _FALL[i.platelet_fall])
    if i.onset == "typical" and i.timing_typical is not None:
        s.add("Timing of fall (typical onset)", i.timing_typical, _TIMING_TYPICAL[i.timing_typical])
    elif i.timing_rapid is not None:
        s.add("Timing of fall (rapid onset)", i.timing_rapid, _TIMING_RAPID[i.timing_rapid])
    s.add("Nadir platelet count > 20 × 10⁹/L", i.nadir_gt20, 2 if i.nadir_gt20 else -2)
    s.add(f"Thrombosis ({i.onset} onset)", i.thrombosis, _THROMBOSIS[i.thrombosis])
    for name, label, points in _FLAGS:
        s.flag(label, bool(getattr(i, name)), points)
    total = int(s.total)
    warnings = []
    if i.timing_typical == "lt4":
        warnings.append(
            "Fall < 4 days after exposure scored -2 (Cuker 2010 as implemented by MDCalc); "
            "the 2013 review table by the same author lists 0 for this option."
        )
    other = [n for n, _, p in _FLAGS[3:9] if getattr(i, n)]
    if i.no_other_apparent_cause and other:
        warnings.append(f"'No other apparent cause' is checked together with {', '.join(other)}.")
    # Cuker 2010: a cutoff of 2 was 100% sensitive and 60% specific; 5 maximised sensitivity
    # (86%) and specificity (88%).
    if total < 2:
        reading = "HIT unlikely (< 2): below the 100%-sensitive cutoff of 2"
    elif total < 5:
        reading = "HIT not excluded (≥ 2): scores ≥ 2 were 100% sensitive for HIT"
    else:
        reading = "HIT likely (≥ 5): 86% sensitive, 88% specific at this cutoff"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=reading,
        steps=s.steps,
        warnings=warnings,
    )


def _text(value: Any) -> str:
    return str(value).lower().replace("–", "-").replace("—", "-")


def _fall(text: str) -> str:
    if re.search(r">\s*50", text):
        return "gt50"
    if re.search(r"30\s*-\s*50", text):
        return "30_50"
    if re.search(r"<\s*30", text):
        return "lt30"
    raise MedMCPInputError(f"{META.id}: platelet fall: cannot read {text!r}.")


def _timing(text: str, onset: str) -> str:
    if onset == "rapid":
        if re.search(r"<\s*48", text):
            return "lt48h"
        if re.search(r">\s*48|≥\s*48", text):
            return "gt48h"
    else:
        for pattern, key in (
            (r"5\s*-\s*10", "5_10"),
            (r"11\s*-\s*14", "11_14"),
            (r">\s*14", "gt14"),
            (r"<\s*4", "lt4"),
            (r"\b4 days", "4"),
        ):
            if re.search(pattern, text):
                return key
    raise MedMCPInputError(f"{META.id}: timing ({onset} onset): cannot read {text!r}.")


def _nadir_gt20(text: str) -> bool:
    """'>20 x10^9/L (110 x10^9/L)' → True; '≤20' → False; a bare count is compared with 20."""
    if re.match(r"\s*>\s*20\b", text):
        return True
    if re.match(r"\s*(≤|<=|<)\s*20\b", text):
        return False
    return first_number(text, field="nadir platelet count") > 20


def _thrombosis(text: str) -> str:
    if re.match(r"\s*(none|no)\b", text):
        return "none"
    if "progression" in text:
        return "progression"
    if re.search(r"new|vte|ate", text):
        return "new"
    raise MedMCPInputError(f"{META.id}: thrombosis: cannot read {text!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (onset type, fall, timing, nadir and the yes/no features) → kwargs."""
    f = Fields(inputs, META.id)
    onset = "rapid" if "rapid" in _text(f.value("onset")) else "typical"
    out: dict[str, Any] = {
        "onset": onset,
        "platelet_fall": _fall(_text(f.value("magnitude"))),
        "nadir_gt20": _nadir_gt20(
            _text(f.value("nadir platelet", "nadir", exclude=("magnitude",)))
        ),
        "thrombosis": _thrombosis(_text(f.value("thrombosis"))),
        "skin_necrosis": f.yes("skin necrosis"),
        "acute_systemic_reaction": f.yes("systemic reaction"),
        "bleeding": f.yes("bleeding"),
        "chronic_thrombocytopenic_disorder": f.yes("chronic thrombocytopenic"),
        "new_thrombocytopenic_medication": f.yes("medication"),
        "severe_infection": f.yes("infection"),
        "severe_dic": f.yes("dic"),
        "intra_arterial_device": f.yes("intra arterial"),
        "cardiopulmonary_bypass_96h": f.yes("cardiopulmonary bypass"),
        "no_other_apparent_cause": f.yes("no other apparent cause"),
    }
    key = "timing_rapid" if onset == "rapid" else "timing_typical"
    out[key] = _timing(_text(f.value("timing")), onset)
    return out
