"""The 1992 ACCP/SCCM SIRS criteria and sepsis ladder, shared by the SIRS calculators.

``sirs_criteria`` (the MedCalc-Bench count, from raw vital signs) and
``sirs_sepsis_septic_shock`` (MDCalc's yes/no checklist) both use these thresholds and this
ladder, so the two can never disagree on a category.

Source: Bone RC, Balk RA, Cerra FB, et al. Definitions for sepsis and organ failure and
guidelines for the use of innovative therapies in sepsis. The ACCP/SCCM Consensus Conference
Committee. Chest. 1992;101(6):1644-1655. doi:10.1378/chest.101.6.1644. Its definitions (as
tabulated in e.g. PMC5576633 table 1 and PMC1774473 table 1): SIRS is two or more of
temperature > 38 °C or < 36 °C, heart rate > 90/min, respiratory rate > 20/min or PaCO2
< 32 mmHg, WBC > 12,000/mm³ or < 4,000/mm³ or > 10% immature (band) forms; sepsis is SIRS in
response to infection; severe sepsis is sepsis with organ dysfunction, hypoperfusion or
hypotension (SBP < 90 mmHg or a fall ≥ 40 mmHg from baseline); septic shock is sepsis-induced
hypotension despite adequate fluid resuscitation with perfusion abnormalities; MODS is altered
function of more than one organ such that homeostasis cannot be kept without intervention.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Literal

SepsisCategory = Literal["none", "sirs", "sepsis", "severe_sepsis", "septic_shock", "mods"]

#: The category labels ``sirs_criteria`` reports in ``extra["category"]``.
CATEGORY_LABELS: dict[SepsisCategory, str] = {
    "none": "SIRS criteria not met (< 2)",
    "sirs": "SIRS (≥ 2 criteria)",
    "sepsis": "Sepsis (SIRS + suspected infection)",
    "severe_sepsis": "Severe sepsis (sepsis + hypoperfusion)",
    "septic_shock": "Septic shock (hypotension despite fluids)",
    "mods": "Multiple organ dysfunction syndrome (MODS)",
}

# Bone 1992 thresholds (see the module docstring).
TEMP_HIGH_C = 38.0
TEMP_LOW_C = 36.0
HEART_RATE_MAX = 90.0
RESP_RATE_MAX = 20.0
PACO2_MIN_MMHG = 32.0
WBC_HIGH_K_PER_UL = 12.0  # 12,000/mm³
WBC_LOW_K_PER_UL = 4.0  # 4,000/mm³
BANDS_MAX_PERCENT = 10.0

#: SIRS is "two or more" of the four criteria (Bone 1992).
SIRS_MIN_CRITERIA = 2


def temperature_met(temperature_c: float) -> bool:
    """Whether a temperature (°C) meets the SIRS criterion: > 38 or < 36 °C."""
    return temperature_c > TEMP_HIGH_C or temperature_c < TEMP_LOW_C


def heart_rate_met(heart_rate: float) -> bool:
    """Whether a heart rate (beats/min) meets the SIRS criterion: > 90."""
    return heart_rate > HEART_RATE_MAX


def respiratory_met(respiratory_rate: float | None, paco2_mmhg: float | None) -> bool:
    """Whether breathing meets the SIRS criterion: rate > 20/min or PaCO2 < 32 mmHg.

    Either value may be missing (``None``); a missing value does not meet the criterion.
    """
    rate = respiratory_rate is not None and respiratory_rate > RESP_RATE_MAX
    return rate or (paco2_mmhg is not None and paco2_mmhg < PACO2_MIN_MMHG)


def wbc_met(wbc_k_per_ul: float | None, bands_percent: float | None) -> bool:
    """Whether the white count meets the SIRS criterion.

    Args:
        wbc_k_per_ul: White blood cells in 10³/µL (> 12 or < 4 meets), or ``None``.
        bands_percent: Band (immature) forms in % (> 10 meets), or ``None``.
    """
    count = wbc_k_per_ul is not None and (
        wbc_k_per_ul > WBC_HIGH_K_PER_UL or wbc_k_per_ul < WBC_LOW_K_PER_UL
    )
    return count or (bands_percent is not None and bands_percent > BANDS_MAX_PERCENT)


def sepsis_category(
    sirs_count: int,
    infection: bool | None,
    hypoperfusion: bool | None,
    refractory_hypotension: bool | None,
    multiple_organ_dysfunction: bool | None,
) -> SepsisCategory:
    """Place a patient on the 1992 ladder: none, SIRS, sepsis, severe sepsis, shock, MODS.

    Each rung builds on the one below (Bone 1992): sepsis needs SIRS (≥ 2 criteria) with
    infection; severe sepsis needs sepsis with hypoperfusion / hypotension; septic shock needs
    severe sepsis with hypotension despite adequate fluids; MODS is read on top of sepsis with
    hypoperfusion or refractory hypotension. ``None`` (not assessed) counts as absent.

    Args:
        sirs_count: Number of SIRS criteria met (0-4).
        infection: Suspected or confirmed infection.
        hypoperfusion: Lactic acidosis, SBP < 90 mmHg or an SBP drop ≥ 40 mmHg.
        refractory_hypotension: Hypotension despite adequate fluid resuscitation.
        multiple_organ_dysfunction: Evidence of ≥ 2 organs failing.

    Returns:
        The category key.

    Raises:
        ValueError: When ``sirs_count`` is not 0-4.
    """
    if not 0 <= sirs_count <= 4:
        raise ValueError(f"sirs_count must be 0-4 (four SIRS criteria), found {sirs_count}.")
    if sirs_count < SIRS_MIN_CRITERIA:
        return "none"
    if not infection:
        return "sirs"
    category: SepsisCategory = "sepsis"
    if hypoperfusion:
        category = "severe_sepsis"
        if refractory_hypotension:
            category = "septic_shock"
    if multiple_organ_dysfunction and (hypoperfusion or refractory_hypotension):
        category = "mods"
    return category
