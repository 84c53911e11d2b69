"""EMBED: emergency department-initiated buprenorphine for opioid use disorder."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="embed_buprenorphine",
    name="Emergency Department-Initiated Buprenorphine for Opioid Use Disorder (EMBED)",
    synonyms=("EMBED", "ED-initiated buprenorphine (EMBED)", "EMBED buprenorphine"),
    category="toxicology",
    source=(
        "Melnick ER, Nath B, Dziura JD, et al. User centered clinical decision support to "
        "implement initiation of buprenorphine for opioid use disorder in the emergency "
        "department: EMBED pragmatic cluster randomized controlled trial. BMJ. "
        "2022;377:e069271; dosing: D'Onofrio G, et al. JAMA. 2015;313(16):1636-44."
    ),
    doi="10.1136/bmj-2021-069271",
    pmid="35760423",
    output_type="text",
    description="Decision support for ED buprenorphine: OUD present, readiness, and withdrawal "
    "severity (COWS) decide between an ED dose and home initiation.",
)


class Inputs(CalcInputs):
    """Inputs of the EMBED decision support."""

    oud: bool = Field(description="Opioid use disorder present (DSM-5)")
    ready_to_start: bool = Field(description="Ready to start buprenorphine today")
    cows: int = Field(ge=0, le=48, description="Clinical Opiate Withdrawal Scale score (0-48)")
    pregnant: bool = Field(description="Patient is pregnant")


def compute(inputs: Inputs) -> CalcResult:
    """Walk the EMBED flow: OUD → readiness → COWS >12 / 8-12 / <8."""
    i = inputs
    steps = [
        Step(label="Opioid use disorder", value=i.oud),
        Step(label="Ready to start today", value=i.ready_to_start),
        Step(label="COWS", value=i.cows, detail=">12 moderate-severe, 8-12 mild-moderate"),
    ]
    warnings = []
    if i.pregnant:
        warnings.append(
            "Pregnant: buprenorphine is appropriate; involve obstetrics and "
            "addiction medicine for follow-up."
        )
    if not i.oud:
        advice = "Advice: Buprenorphine not indicated (no opioid use disorder)"
    elif not i.ready_to_start:
        advice = "Advice: Not ready; offer naloxone, harm reduction and referral to treatment"
    elif i.cows > 12:
        advice = "Advice: Start 8mg BUP"
    elif i.cows >= 8:
        advice = "Advice: Start 4mg BUP"
    else:
        advice = "Advice: Home (unobserved) initiation of BUP once withdrawal is established"
    return CalcResult(
        calculator=META.id, value=advice, interpretation=advice, steps=steps, warnings=warnings
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc EMBED inputs → Inputs (COWS from the number or its category)."""
    cows_value = mm.opt(inputs, r"assessed cows score$", r"^assessed cows")
    category = str(mm.opt(inputs, r"cows score category", r"withdraw") or "")
    if cows_value is not None and re.match(r"^\s*\d", str(cows_value)):
        cows = int(mm.number(cows_value))
    else:
        m = re.search(r"actual cows\s*(\d+)", category, re.I)
        if m:
            cows = int(m.group(1))
        else:
            cows = mm.choose(category, [(r"> ?12", 13), (r"8", 8), (r"< ?8", 0)])
    return {
        "oud": mm.yes(mm.get(inputs, r"oud")),
        "ready_to_start": mm.choose(
            mm.get(inputs, r"ready|readiness"), [(r"^not|^no\b", False), (r"ready|^yes", True)]
        ),
        "cows": cows,
        "pregnant": mm.yes(mm.get(inputs, r"pregnant")),
    }
