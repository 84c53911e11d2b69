"""Where each calculator's inputs come from in MIMIC-IV (``calculate_for_patient``).

A calculator that can be fed from the record has a :class:`CalcSources` entry in
:data:`SOURCES`: for each input, a :class:`Use` naming a *feature* (what is fetched: a lab or
charted measurement, demographics, weight or height, ICD-coded conditions, infusions, ..., or a
published reference value such as the normal hematocrit of the reticulocyte index), how a
value is picked from it (the latest, the highest, the lowest, the most abnormal) and, for
yes/no inputs, the threshold applied. The calculator-level ``window`` is the time rule: ``latest``
(the latest value at or before ``at``) or ``first_24h`` (the first 24 hours of an ICU stay, as
SOFA and APACHE II are defined). The engine in :mod:`m3agent.calculators.from_record` reads
these declarations; nothing here touches the database.

Itemids are MIMIC-IV's (``d_labitems`` for labevents, ``d_items`` for chartevents and the other
ICU tables) and match ``tools/catalog/concepts.json``, which was checked against the demo. ICD
codes are stored without dots in MIMIC-IV (``4280``, ``I5023``) and are matched by prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from m3agent.calculators.library import apache_ii, sofa

Window = Literal["latest", "first_24h"]
Pick = Literal["latest", "max", "min", "worst"]
Scope = Literal["history", "admission"]


def span(lo: str, hi: str) -> tuple[str, ...]:
    """Every code prefix from ``lo`` to ``hi`` inclusive, of the same length.

    ``span("430", "438")`` gives 430, 431, ... 438; ``span("C00", "C26")`` gives C00 ... C26.
    It expands the ``SUBSTR(code, 1, n) BETWEEN lo AND hi`` conditions of mimic-code.
    """
    head = lo.rstrip("0123456789")
    if not hi.startswith(head) or len(lo) != len(hi):
        raise ValueError(f"span({lo!r}, {hi!r}): bounds must share their letters and length")
    width = len(lo) - len(head)
    return tuple(
        f"{head}{i:0{width}d}" for i in range(int(lo[len(head) :]), int(hi[len(head) :]) + 1)
    )


def codes(text: str) -> tuple[str, ...]:
    """Code prefixes from text: ``"428 I50 4254-4259"`` → 428, I50, 4254, 4255, ... 4259."""
    out: list[str] = []
    for token in text.split():
        lo, _, hi = token.partition("-")
        out.extend(span(lo, hi) if hi else (lo,))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Features: what is fetched.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A numeric measurement in ``labevents`` or ``chartevents``.

    Attributes:
        name: A short name used in provenance (``creatinine``).
        label: What it is, for people.
        table: ``labevents`` (hosp) or ``chartevents`` (icu).
        items: Itemid → the unit its ``valuenum`` is in when ``valueuom`` is empty.
        unit: The unit the feature is expressed in (thresholds in :class:`Use` use it).
        kind: The :mod:`units` kind for conversion, or None for unitless values (INR, pH).
        valid: Itemid → open interval of plausible values in the record's own unit; rows
            outside are charting errors and are skipped (mimic-code's bounds where cited).
        stale_hours: A value older than this before ``at`` gets a warning.
        specimen: Only blood gases of this specimen type (labevents itemid 52033, ``ART.``).
        max_age_hours: For the ``latest`` rule: a value older than this before ``at`` is not
            used (the input is then missing). Bedside vital signs older than a day do not
            describe the patient at ``at``.
        omr: For blood pressure: also read outpatient readings from ``omr`` (result name,
            and 0 for the systolic or 1 for the diastolic part of ``"120/80"``).
    """

    name: str
    label: str
    table: Literal["labevents", "chartevents"]
    items: Mapping[int, str | None]
    unit: str | None
    kind: str | None
    valid: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    stale_hours: float = 72.0
    specimen: str | None = None
    max_age_hours: float | None = None
    omr: tuple[str, int] | None = None


@dataclass(frozen=True)
class Demographic:
    """Age at ``at`` (anchor_age + year(at) − anchor_year), sex, or Black race."""

    name: Literal["age", "sex", "black"]


@dataclass(frozen=True)
class BodySize:
    """Weight (kg) or height (cm) from chartevents or, for outpatients, ``omr``."""

    name: Literal["weight", "height"]


@dataclass(frozen=True)
class Condition:
    """An ICD-coded condition in ``diagnoses_icd`` (ICD-9 and ICD-10 code prefixes).

    Attributes:
        name: A short name (``chf``).
        label: What it is.
        icd9: ICD-9-CM code prefixes (no dots).
        icd10: ICD-10-CM code prefixes (no dots).
        scope: ``history``: any admission that started at or before ``at`` (comorbidities);
            ``admission``: the current admission only (acute problems).
        source: Where the code list comes from.
        procedures9: ICD-9 procedure code prefixes (``procedures_icd``) that also count.
        procedures10: ICD-10-PCS procedure code prefixes that also count.
    """

    name: str
    label: str
    icd9: tuple[str, ...]
    icd10: tuple[str, ...]
    scope: Scope = "history"
    source: str = ""
    procedures9: tuple[str, ...] = ()
    procedures10: tuple[str, ...] = ()


@dataclass(frozen=True)
class Graded:
    """A graded input from conditions: the first level whose condition is coded, else
    ``otherwise`` (e.g. Charlson liver disease: moderate to severe, mild, none)."""

    name: str
    levels: tuple[tuple[str, Condition], ...]
    otherwise: str


@dataclass(frozen=True)
class AnyOf:
    """True when any part is true (e.g. HAS-BLED renal disease: dialysis or transplant coded,
    or creatinine > 2.26 mg/dL). A part marked ``absent_if_missing`` counts as not met when
    the record lacks it (a lab never drawn); otherwise a missing part leaves the answer
    unknown unless another part is true."""

    name: str
    parts: tuple[Use, ...]
    absent_if_missing: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Gcs:
    """A Glasgow Coma Scale charting: eye (220739), verbal (223900) and motor (223901)
    charted at the same time; the total is their sum (mimic-code gcs.sql)."""

    name: str = "gcs"


@dataclass(frozen=True)
class BloodGas:
    """An arterial blood gas (PaO2 50821, PaCO2 50818, specimen ART. 52033) paired with its
    FiO2: the gas's own FiO2 (50816) or the latest charted FiO2 (223835) in the 4 h before
    (mimic-code bg.sql), and whether invasive or non-invasive ventilation (procedureevents
    225792, 225794) was running at the time.

    Attributes:
        purpose: How the gas is chosen in a window: ``sofa`` (worst SOFA respiratory points,
            then lowest PaO2/FiO2), ``apache`` (worst APACHE II oxygenation points), or the
            latest gas with a FiO2 for the ``latest`` window.
    """

    purpose: Literal["sofa", "apache", "latest"]
    name: str = "blood_gas"


@dataclass(frozen=True)
class Vasopressor:
    """The highest rate (mcg/kg/min) of a vasoactive infusion in ``inputevents`` overlapping
    the window; 0 when none ran."""

    name: str
    itemid: int


@dataclass(frozen=True)
class UrineOutput:
    """Urine output summed over the window from ``outputevents`` (mimic-code
    urine_output.sql itemids; 227488 GU irrigant in counts as negative)."""

    name: str = "urine_output"


@dataclass(frozen=True)
class Dialysis:
    """Dialysis in the 7 days before ``at`` as MELD Na asks (twice, or CRRT ≥ 24 h):
    procedureevents (225441 hemodialysis, 225805 peritoneal, 225802/225803/225809 CRRT) and
    procedures_icd (ICD-9 39.95, 54.98; ICD-10-PCS 5A1D70Z, 5A1D80Z, 5A1D90Z, 3E1M39Z)."""

    name: str = "dialysis"


@dataclass(frozen=True)
class OxygenTherapy:
    """Supplemental oxygen at ``at``: ventilation running, or the latest charted O2 flow
    (223834) > 0 L/min or FiO2 (223835) > 21% in the 4 h before ``at``."""

    name: str = "supplemental_oxygen"


@dataclass(frozen=True)
class ApacheAdmission:
    """APACHE II admission category from ``admissions.admission_type`` and ``services``."""

    name: str = "admission_type"


@dataclass(frozen=True)
class Prescribed:
    """A drug class prescribed in the current admission at or before ``at``
    (``prescriptions.drug`` matched case-insensitively on the given name fragments)."""

    name: str
    label: str
    drugs: tuple[str, ...]


@dataclass(frozen=True)
class LabileInr:
    """HAS-BLED labile INR: on warfarin in the current admission and fewer than 60% of the
    INR results of the 180 days before ``at`` in the 2.0-3.0 range (at least 3 results)."""

    name: str = "labile_inr"


@dataclass(frozen=True)
class LiverDerangement:
    """HAS-BLED's biochemical liver criterion: latest bilirubin > 2 × its upper reference
    limit with AST, ALT or alkaline phosphatase > 3 × theirs (labevents ref_range_upper)."""

    name: str = "liver_biochemistry"


@dataclass(frozen=True)
class Reference:
    """A published reference value for an input that is not a measurement of the patient
    (the normal hematocrit the reticulocyte index divides by, the barometric pressure at sea
    level). Its provenance names the source; an override replaces it.

    Attributes:
        name: A short name (``normal_hematocrit``).
        label: What it is.
        value: The value, in ``unit``.
        unit: Its unit (None for unitless values).
        kind: The :mod:`units` kind for conversion, or None.
        source: Where the value comes from.
    """

    name: str
    label: str
    value: float
    unit: str | None
    kind: str | None
    source: str


Feature = (
    Measure
    | Demographic
    | BodySize
    | Condition
    | Graded
    | AnyOf
    | Gcs
    | BloodGas
    | Vasopressor
    | UrineOutput
    | Dialysis
    | OxygenTherapy
    | ApacheAdmission
    | Prescribed
    | LabileInr
    | LiverDerangement
    | Reference
)


@dataclass(frozen=True)
class Use:
    """How one calculator input is fed.

    Attributes:
        feature: What is fetched.
        pick: For measurements: ``latest``, ``max``, ``min`` or ``worst`` (the value scoring
            most points by ``points``); ``latest`` means the latest at or before ``at``.
        part: For a feature with several values (GCS, blood gas): which one.
        test: Turns the value into the input (a threshold for yes/no inputs, a mapping).
        test_text: The rule of ``test`` in words, shown in provenance.
        points: For ``worst``: the score's own points function; the value giving most points
            is the worst (APACHE II's bands are two-sided).
        max_age_hours: Replaces the feature's ``max_age_hours`` for this input (e.g. a
            history of uncontrolled blood pressure may look back a year).
    """

    feature: Any
    pick: Pick = "latest"
    part: str | None = None
    test: Callable[[Any], Any] | None = None
    test_text: str | None = None
    points: Callable[[float], float] | None = None
    max_age_hours: float | None = None


@dataclass(frozen=True)
class CalcSources:
    """The record sources of one calculator.

    Attributes:
        calculator: The calculator id.
        window: ``latest`` or ``first_24h`` (of an ICU stay).
        inputs: Input name → :class:`Use`. Inputs not listed are not fed from the record
            (optional ones keep their default; required ones must come as overrides).
        notes: Caveats shown with every result.
    """

    calculator: str
    window: Window
    inputs: Mapping[str, Use]
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Measurements. Itemids: tools/catalog/concepts.json (verified on the demo). Plausibility
# bounds for vital signs are those of mimic-code mimic-iv/concepts/measurement/vitalsign.sql
# (heart rate 0-300, blood pressures 0-400/300/300, respiratory rate 0-70, SpO2 0-100,
# temperature 70-120 °F or 10-50 °C); for labs, mimic-code chemistry.sql drops values above
# 10,000 and the bounds below only drop impossible values (zero or negative concentrations).
# --------------------------------------------------------------------------------------------

_POS = (0.0, 10_000.0)
#: Vital signs and GCS older than this before ``at`` are not used by the ``latest`` rule.
VITALS_MAX_AGE_HOURS = 24.0


def _lab(
    name: str,
    label: str,
    items: dict[int, str | None],
    unit: str | None,
    kind: str | None,
    valid: tuple[float, float] = _POS,
    stale_hours: float = 72.0,
    specimen: str | None = None,
) -> Measure:
    return Measure(
        name=name,
        label=label,
        table="labevents",
        items=MappingProxyType(items),
        unit=unit,
        kind=kind,
        valid=MappingProxyType({i: valid for i in items}),
        stale_hours=stale_hours,
        specimen=specimen,
    )


def _chart(
    name: str,
    label: str,
    items: dict[int, str | None],
    unit: str | None,
    kind: str | None,
    valid: dict[int, tuple[float, float]] | tuple[float, float],
    omr: tuple[str, int] | None = None,
) -> Measure:
    bounds = valid if isinstance(valid, dict) else {i: valid for i in items}
    return Measure(
        name=name,
        label=label,
        table="chartevents",
        items=MappingProxyType(items),
        unit=unit,
        kind=kind,
        valid=MappingProxyType(bounds),
        stale_hours=6.0,
        max_age_hours=VITALS_MAX_AGE_HOURS,
        omr=omr,
    )


CREATININE = _lab("creatinine", "Creatinine (serum)", {50912: "mg/dL"}, "mg/dL", "creatinine")
BUN = _lab("bun", "Urea nitrogen (BUN)", {51006: "mg/dL"}, "mg/dL", "bun")
SODIUM = _lab("sodium", "Sodium (serum)", {50983: "mEq/L"}, "mEq/L", "electrolyte")
POTASSIUM = _lab("potassium", "Potassium (serum)", {50971: "mEq/L"}, "mEq/L", "electrolyte")
CHLORIDE = _lab("chloride", "Chloride (serum)", {50902: "mEq/L"}, "mEq/L", "electrolyte")
BICARBONATE = _lab("bicarbonate", "Bicarbonate (serum)", {50882: "mEq/L"}, "mEq/L", "electrolyte")
GLUCOSE = _lab("glucose", "Glucose (serum)", {50931: "mg/dL"}, "mg/dL", "glucose")
CALCIUM = _lab("calcium", "Calcium, total", {50893: "mg/dL"}, "mg/dL", "calcium")
ALBUMIN = _lab("albumin", "Albumin (serum)", {50862: "g/dL"}, "g/dL", "albumin", stale_hours=24 * 7)
BILIRUBIN = _lab("bilirubin", "Bilirubin, total", {50885: "mg/dL"}, "mg/dL", "bilirubin")
AST = _lab("ast", "Aspartate aminotransferase (AST)", {50878: "IU/L"}, "U/L", "enzyme")
ALT = _lab("alt", "Alanine aminotransferase (ALT)", {50861: "IU/L"}, "U/L", "enzyme")
PLATELETS = _lab("platelets", "Platelet count", {51265: "K/uL"}, "10^3/uL", "thousand_per_ul")
WBC = _lab("wbc", "White blood cells", {51301: "K/uL", 51300: "K/uL"}, "10^3/uL", "thousand_per_ul")
HEMATOCRIT = _lab("hematocrit", "Hematocrit", {51221: "%"}, "%", "percent", valid=(0, 100))
HEMOGLOBIN = _lab("hemoglobin", "Hemoglobin", {51222: "g/dL"}, "g/dL", "hemoglobin")
INR = _lab("inr", "INR (PT)", {51237: None}, None, None)
NEUTROPHILS_ABS = _lab(
    "neutrophils",
    "Absolute neutrophil count",
    {52075: "K/uL"},
    "10^3/uL",
    "thousand_per_ul",
    valid=(-0.001, 10_000),
)
LYMPHOCYTES_ABS = _lab(
    "lymphocytes",
    "Absolute lymphocyte count",
    {51133: "K/uL", 52769: "#/uL"},
    "10^3/uL",
    "thousand_per_ul",
)
CRP = _lab("crp", "C-reactive protein", {50889: "mg/L"}, "mg/L", "crp", stale_hours=24 * 7)
ETHANOL = _lab(
    "ethanol",
    "Ethanol (serum)",
    {50922: "mg/dL"},
    None,
    None,
    valid=(-0.001, 10_000),
    stale_hours=24,
)
OSMOLALITY = _lab(
    "osmolality",
    "Osmolality, measured (serum)",
    {50964: "mOsm/kg"},
    "mOsm/kg",
    "osmolality",
    stale_hours=24,
)
TOTAL_CHOLESTEROL = _lab(
    "total_cholesterol",
    "Cholesterol, total",
    {50907: "mg/dL"},
    "mg/dL",
    "cholesterol",
    stale_hours=24 * 365,
)
HDL = _lab(
    "hdl", "Cholesterol, HDL", {50904: "mg/dL"}, "mg/dL", "cholesterol", stale_hours=24 * 365
)
TRIGLYCERIDES = _lab(
    "triglycerides",
    "Triglycerides",
    {51000: "mg/dL"},
    "mg/dL",
    "triglycerides",
    stale_hours=24 * 365,
)
BANDS = _lab("bands", "Band forms", {51144: "%"}, None, None, valid=(-0.001, 100), stale_hours=48)
# Blood gas values: arterial only (specimen type ART., mimic-code bg.sql).
PH_ART = _lab(
    "ph",
    "pH (arterial blood gas)",
    {50820: "units"},
    None,
    None,
    valid=(6.0, 8.5),
    stale_hours=24,
    specimen="ART.",
)
PACO2_ART = _lab(
    "paco2",
    "PaCO2 (arterial blood gas)",
    {50818: "mm Hg"},
    "mmHg",
    "pressure",
    stale_hours=24,
    specimen="ART.",
)

HEART_RATE = _chart("heart_rate", "Heart rate", {220045: "bpm"}, "/min", "rate", (0, 300))
SBP = _chart(
    "sbp",
    "Systolic blood pressure (arterial line or cuff)",
    {220179: "mmHg", 220050: "mmHg", 225309: "mmHg"},
    "mmHg",
    "pressure",
    (0, 400),
    omr=("Blood Pressure", 0),
)
DBP = _chart(
    "dbp",
    "Diastolic blood pressure (arterial line or cuff)",
    {220180: "mmHg", 220051: "mmHg", 225310: "mmHg"},
    "mmHg",
    "pressure",
    (0, 300),
    omr=("Blood Pressure", 1),
)
MBP = _chart(
    "mbp",
    "Mean arterial pressure (arterial line or cuff)",
    {220181: "mmHg", 220052: "mmHg", 225312: "mmHg"},
    "mmHg",
    "pressure",
    (0, 300),
)
RESP_RATE = _chart(
    "respiratory_rate",
    "Respiratory rate",
    {220210: "insp/min", 224690: "insp/min"},
    "/min",
    "rate",
    (0, 70),
)
TEMPERATURE = _chart(
    "temperature",
    "Temperature",
    {223761: "°F", 223762: "°C"},
    "°C",
    "temperature",
    {223761: (70, 120), 223762: (10, 50)},
)
SPO2 = _chart("spo2", "SpO2 (pulse oximetry)", {220277: "%"}, None, None, (0, 100.001))

# More measurements (red cell indices, urine and ascitic chemistry, haemodynamics, ventilator).
# Itemids checked against the demo's d_labitems / d_items, with their stored units.
MCV = _lab("mcv", "Mean corpuscular volume (MCV)", {51250: "fL"}, "fl", "cell_volume")
RBC = _lab("rbc", "Red blood cells", {51279: "m/uL"}, "10^6/ul", "million_per_ul")
# Reticulocytes can be 0% (aplasia): only negative and impossible percentages are dropped.
RETICULOCYTES = _lab(
    "reticulocytes",
    "Reticulocyte count, automated",
    {51283: "%"},
    "%",
    "percent",
    valid=(-0.001, 100),
)
LDH = _lab("ldh", "Lactate dehydrogenase (LD)", {50954: "IU/L"}, "U/L", "enzyme")
PAO2_ART = _lab(
    "pao2",
    "PaO2 (arterial blood gas)",
    {50821: "mm Hg"},
    "mmHg",
    "pressure",
    stale_hours=24,
    specimen="ART.",
)
# Urine chemistry (spot urine) describes the moment it was voided: older than a day before
# 'at' gets a warning.
URINE_SODIUM = _lab(
    "urine_sodium", "Sodium, urine", {51100: "mEq/L"}, "mEq/L", "urine_sodium", stale_hours=24
)
URINE_POTASSIUM = _lab(
    "urine_potassium", "Potassium, urine", {51097: "mEq/L"}, "mEq/L", "electrolyte", stale_hours=24
)
URINE_CHLORIDE = _lab(
    "urine_chloride", "Chloride, urine", {51078: "mEq/L"}, "mEq/L", "electrolyte", stale_hours=24
)
URINE_CREATININE = _lab(
    "urine_creatinine",
    "Creatinine, urine",
    {51082: "mg/dL"},
    "mg/dL",
    "creatinine",
    stale_hours=24,
)
URINE_UREA_NITROGEN = _lab(
    "urine_urea_nitrogen", "Urea nitrogen, urine", {51104: "mg/dL"}, "mg/dL", "bun", stale_hours=24
)
URINE_OSMOLALITY = _lab(
    "urine_osmolality",
    "Osmolality, urine",
    {51093: "mOsm/kg"},
    "mOsm/kg",
    "osmolality",
    stale_hours=24,
)
ASCITES_ALBUMIN = _lab(
    "ascites_albumin", "Albumin, ascites", {50835: "g/dL"}, "g/dL", "albumin", stale_hours=24
)
# Haemodynamic monitoring (pulmonary artery catheter, central line, ICP monitor). mimic-code has
# no bounds for these items; this project drops values below -20 mmHg (no venous or
# intracranial pressure reads that low) and over 300 mmHg (the bound vitalsign.sql uses for
# arterial pressures), and cardiac outputs that are zero or negative.
CVP = _chart("cvp", "Central venous pressure", {220074: "mmHg"}, "mmHg", "pressure", (-20, 300))
ICP = _chart("icp", "Intracranial pressure", {220765: "mmHg"}, "mmHg", "pressure", (-20, 300))
CARDIAC_OUTPUT = _chart(
    "cardiac_output",
    "Cardiac output (thermodilution, continuous or NICOM)",
    {220088: "L/min", 224842: "L/min", 228369: "L/min"},
    "L/min",
    "flow",
    (0, 10_000),
)
# Ventilator settings: mimic-code measurement/ventilator_setting.sql. FiO2 223835 is kept when
# 20-100% (its fractions 0.2-1 are rescaled there; here they are skipped as implausible, with a
# warning); PEEP (set 220339 or total 224700) 0-100 cmH2O. The exhaled (observed) tidal
# volume has no bound there: zero and impossible (> 10 L) entries are dropped.
FIO2_CHART = _chart(
    "fio2", "Inspired O2 fraction (charted)", {223835: "%"}, "fraction", "fio2", (20, 100.001)
)
PEEP = _chart(
    "peep",
    "PEEP (set or total)",
    {220339: "cmH2O", 224700: "cmH2O"},
    "cmH2O",
    "pressure",
    (-0.001, 100.001),
)
PLATEAU_PRESSURE = _chart(
    "plateau_pressure", "Plateau pressure", {224696: "cmH2O"}, "cmH2O", "pressure", (0, 100.001)
)
TIDAL_VOLUME = _chart(
    "tidal_volume", "Tidal volume (observed, exhaled)", {224685: "mL"}, "mL", "volume", (0, 10_000)
)

# Reference values (not measurements of the patient).
NORMAL_HEMATOCRIT = Reference(
    "normal_hematocrit",
    "Normal hematocrit",
    45.0,
    "%",
    "percent",
    source="UpToDate graphic 129992 'Reticulocyte parameters for assessing anemia': corrected "
    "reticulocytes = reticulocytes % × patient Hct / 45 (after Hillman RS, J Clin Invest "
    "1969;48:443)",
)
# MIMIC-IV comes from one hospital in Boston, at sea level: the standard atmosphere, 760 mmHg,
# as the APACHE II A-a gradient of the engine also assumes.
SEA_LEVEL_PRESSURE = Reference(
    "atmospheric_pressure",
    "Barometric pressure at sea level",
    760.0,
    "mmHg",
    "pressure",
    source="standard atmosphere at sea level (Beth Israel Deaconess, Boston)",
)

# --------------------------------------------------------------------------------------------
# Conditions. Charlson components: Quan H, et al. Coding algorithms for defining comorbidities
# in ICD-9-CM and ICD-10 administrative data. Med Care 2005;43:1130-9, as implemented in
# MIT-LCP/mimic-code mimic-iv/concepts/comorbidity/charlson.sql (its 'E10l' typo read as E101).
# Code lists are written as text: prefixes separated by spaces, "430-438" a range (see codes).
# --------------------------------------------------------------------------------------------

QUAN = "Quan 2005 (Med Care 43:1130), as in mimic-code comorbidity/charlson.sql"

MI = Condition(
    "myocardial_infarction",
    "Myocardial infarction",
    codes("410 412"),
    codes("I21 I22 I252"),
    source=QUAN,
)
CHF = Condition(
    "chf",
    "Congestive heart failure",
    codes("428 39891 40201 40211 40291 40401 40403 40411 40413 40491 40493 4254-4259"),
    codes("I43 I50 I099 I110 I130 I132 I255 I420 I425 I426 I427 I428 I429 P290"),
    source=QUAN,
)
PVD = Condition(
    "peripheral_vascular_disease",
    "Peripheral vascular disease",
    codes("440 441 0930 4373 4471 5571 5579 V434 4431-4439"),
    codes("I70 I71 I731 I738 I739 I771 I790 I792 K551 K558 K559 Z958 Z959"),
    source=QUAN,
)
CVD = Condition(
    "cerebrovascular_disease",
    "Cerebrovascular disease",
    codes("430-438 36234"),
    codes("G45 G46 I60-I69 H340"),
    source=QUAN,
)
DEMENTIA = Condition(
    "dementia",
    "Dementia",
    codes("290 2941 3312"),
    codes("F00 F01 F02 F03 G30 F051 G311"),
    source=QUAN,
)
COPD = Condition(
    "copd",
    "Chronic pulmonary disease",
    codes("490-505 4168 4169 5064 5081 5088"),
    codes("J40-J47 J60-J67 I278 I279 J684 J701 J703"),
    source=QUAN,
)
RHEUMATIC = Condition(
    "connective_tissue_disease",
    "Rheumatic (connective tissue) disease",
    codes("725 4465 7100 7101 7102 7103 7104 7140 7141 7142 7148"),
    codes("M05 M06 M32 M33 M34 M315 M351 M353 M360"),
    source=QUAN,
)
PUD = Condition(
    "peptic_ulcer_disease",
    "Peptic ulcer disease",
    codes("531 532 533 534"),
    codes("K25 K26 K27 K28"),
    source=QUAN,
)
LIVER_MILD = Condition(
    "mild_liver_disease",
    "Mild liver disease",
    codes("570 571 0706 0709 5733 5734 5738 5739 V427 07022 07023 07032 07033 07044 07054"),
    codes(
        "B18 K73 K74 K700 K701 K702 K703 K709 K713 K714 K715 K717 K760 K762 K763 K764 K768 "
        "K769 Z944"
    ),
    source=QUAN,
)
LIVER_SEVERE = Condition(
    "severe_liver_disease",
    "Moderate or severe liver disease",
    codes("4560 4561 4562 5722-5728"),
    codes("I850 I859 I864 I982 K704 K711 K721 K729 K765 K766 K767"),
    source=QUAN,
)
DIABETES_UNCOMPLICATED = Condition(
    "diabetes_without_complication",
    "Diabetes without chronic complication",
    codes("2500 2501 2502 2503 2508 2509"),
    codes(
        "E100 E101 E106 E108 E109 E110 E111 E116 E118 E119 E120 E121 E126 E128 E129 E130 "
        "E131 E136 E138 E139 E140 E141 E146 E148 E149"
    ),
    source=QUAN,
)
DIABETES_COMPLICATED = Condition(
    "diabetes_with_complication",
    "Diabetes with chronic complication",
    codes("2504 2505 2506 2507"),
    codes(
        "E102 E103 E104 E105 E107 E112 E113 E114 E115 E117 E122 E123 E124 E125 E127 E132 "
        "E133 E134 E135 E137 E142 E143 E144 E145 E147"
    ),
    source=QUAN,
)
HEMIPLEGIA = Condition(
    "hemiplegia",
    "Hemiplegia or paraplegia",
    codes("342 343 3341 3440 3441 3442 3443 3444 3445 3446 3449"),
    codes("G81 G82 G041 G114 G801 G802 G830 G831 G832 G833 G834 G839"),
    source=QUAN,
)
RENAL = Condition(
    "renal_disease",
    "Moderate or severe renal disease",
    codes(
        "582 585 586 V56 5880 V420 V451 5830-5837 40301 40311 40391 40402 40403 40412 40413 "
        "40492 40493"
    ),
    codes(
        "N18 N19 I120 I131 N032 N033 N034 N035 N036 N037 N052 N053 N054 N055 N056 N057 N250 "
        "Z490 Z491 Z492 Z940 Z992"
    ),
    source=QUAN,
)
# Lymphoma and leukemia are one "any malignancy" group in Quan 2005; Charlson scores them
# apart. Split as Deyo RA, et al. J Clin Epidemiol 1992;45:613-9 (ICD-9: lymphoma 200-203,
# 238.6; leukemia 204-208) and by the ICD-10 blocks (C81-C85, C88, C90, C96 lymphoid and
# myeloma; C91-C95 leukaemias).
LYMPHOMA = Condition(
    "lymphoma",
    "Lymphoma or myeloma",
    codes("200-203 2386"),
    codes("C81-C85 C88 C90 C96"),
    source="Deyo 1992; ICD-10 blocks C81-C96",
)
LEUKEMIA = Condition(
    "leukemia",
    "Leukemia",
    codes("204-208"),
    codes("C91-C95"),
    source="Deyo 1992; ICD-10 blocks C91-C95",
)
SOLID_TUMOR = Condition(
    "solid_tumor",
    "Malignancy other than lymphoma, leukemia and skin (Quan's any malignancy)",
    codes("140-172 1740-1958"),
    codes("C43 C00-C26 C30-C34 C37-C41 C45-C58 C60-C76"),
    source=QUAN,
)
METASTATIC = Condition(
    "metastatic_solid_tumor",
    "Metastatic solid tumour",
    codes("196 197 198 199"),
    codes("C77 C78 C79 C80"),
    source=QUAN,
)
AIDS = Condition("aids", "AIDS/HIV", codes("042 043 044"), codes("B20 B21 B22 B24"), source=QUAN)

# CHA2DS2-VASc and HAS-BLED items (Lip GYH, et al. Chest 2010;137:263-72; Pisters R, et al.
# Chest 2010;138:1093-100). The code lists below are this project's choices: hypertension as
# Quan 2005's Elixhauser hypertension (401-405; I10-I13, I15) plus I16 (hypertensive crisis),
# diabetes as any diabetes category, stroke as cerebral haemorrhage or infarction and its
# sequelae, thromboembolism as arterial embolism (444; I74), vascular disease as Quan's MI and
# peripheral vascular disease.
HYPERTENSION = Condition(
    "hypertension",
    "Hypertension",
    codes("401-405"),
    codes("I10-I13 I15 I16"),
    source="Quan 2005 Elixhauser hypertension",
)
DIABETES = Condition(
    "diabetes",
    "Diabetes mellitus",
    codes("250"),
    codes("E08 E09 E10 E11 E13"),
    source="ICD-9 250, ICD-10-CM E08-E13",
)
STROKE = Condition(
    "stroke",
    "Stroke (haemorrhagic or ischaemic) or its sequelae",
    codes("430-434 436 438 V1254"),
    codes("I60-I64 I69 Z8673"),
    source="ICD-9 430-438, ICD-10 I60-I69",
)
STROKE_TIA_TE = Condition(
    "stroke_tia_thromboembolism",
    "Stroke, TIA or systemic thromboembolism",
    (*STROKE.icd9, "435", "444"),
    (*STROKE.icd10, "G45", "I74"),
    source="stroke codes + TIA (435, G45) + arterial embolism (444, I74)",
)
VASCULAR = Condition(
    "vascular_disease",
    "Vascular disease (MI, peripheral artery disease, aortic plaque)",
    (*MI.icd9, *PVD.icd9),
    (*MI.icd10, *PVD.icd10),
    source=QUAN,
)
DIALYSIS_OR_TRANSPLANT = Condition(
    "dialysis_or_transplant",
    "Chronic dialysis or kidney transplant",
    codes("V420 V4511 V56 5856"),
    codes("Z940 Z992 Z49 N186"),
    source="ICD status codes for dialysis and kidney transplant; ESRD 585.6/N18.6",
)
CIRRHOSIS = Condition(
    "cirrhosis",
    "Cirrhosis or chronic liver disease with portal hypertension",
    (*codes("5712 5715 5716 5723"), *LIVER_SEVERE.icd9),
    (*codes("K703 K743 K744 K745 K746 K766"), *LIVER_SEVERE.icd10),
    source="cirrhosis codes + Quan 2005 moderate/severe liver disease",
)
# Major bleeding history: intracranial haemorrhage, gastrointestinal haemorrhage (ulcers with
# haemorrhage), acute posthaemorrhagic anaemia, haemoptysis, haemorrhage not elsewhere
# classified and coagulation defects.
BLEEDING = Condition(
    "prior_bleeding",
    "Major bleeding or bleeding predisposition",
    codes(
        "430 431 432 578 5310 5312 5314 5316 5320 5322 5324 5326 5330 5332 5334 5336 5340 "
        "5342 5344 5346 4590 2851 7863 2866 2867 2869"
    ),
    codes(
        "I60 I61 I62 K920 K921 K922 K250 K252 K254 K256 K260 K262 K264 K266 K270 K272 K274 "
        "K276 K280 K282 K284 K286 R58 D62 R042 D65 D66 D67 D68"
    ),
    source="ICD haemorrhage codes (intracranial, GI, anaemia of blood loss, coagulopathy)",
)
# Alcohol abuse: Quan 2005 Elixhauser alcohol abuse categories.
ALCOHOL = Condition(
    "alcohol",
    "Alcohol abuse",
    codes(
        "2652 2911 2912 2913 2915 2916 2917 2918 2919 3030 3039 3050 3575 4255 5353 5710 "
        "5711 5712 5713 980 V113"
    ),
    codes("F10 E52 G621 I426 K292 K700 K703 K709 T51 Z502 Z714 Z721"),
    source="Quan 2005 Elixhauser alcohol abuse",
)

# Child-Pugh ascites and encephalopathy (current admission). A coded ascites counts as slight,
# one drained by paracentesis (ICD-9 54.91; ICD-10-PCS 0W9G3ZZ, 0W9G30Z) as moderate; hepatic
# encephalopathy with coma (K72.01, K72.11, K72.91) as grade 3-4, without as grade 1-2.
# ICD-9 54.91 covers diagnostic and therapeutic drainage alike; ICD-10-PCS separates them.
ASCITES_DRAINED = Condition(
    "ascites_paracentesis",
    "Ascites drained by paracentesis",
    (),
    (),
    scope="admission",
    procedures9=codes("5491"),
    procedures10=codes("0W9G3ZZ 0W9G30Z"),
    source="ICD paracentesis procedures (ICD-10-PCS drainage, not diagnostic 0W9G3ZX)",
)
ASCITES = Condition(
    "ascites",
    "Ascites",
    codes("7895"),
    codes("R18 K7011 K7031 K7151"),
    scope="admission",
    source="ICD ascites codes",
)
ENCEPHALOPATHY_COMA = Condition(
    "hepatic_coma",
    "Hepatic encephalopathy with coma",
    (),
    codes("K7201 K7211 K7291"),
    scope="admission",
    source="ICD-10-CM hepatic failure with coma",
)
ENCEPHALOPATHY = Condition(
    "hepatic_encephalopathy",
    "Hepatic encephalopathy",
    codes("5722"),
    codes("K7290 K7682"),
    scope="admission",
    source="ICD hepatic encephalopathy codes",
)
# APACHE II (Knaus WA, et al. Crit Care Med 1985;13:818-29): acute renal failure in this
# admission; chronic health = severe organ insufficiency or immunocompromise before admission.
# NYHA class IV heart failure is not coded: pass chronic_health as an override if it applies.
ACUTE_RENAL_FAILURE = Condition(
    "acute_renal_failure",
    "Acute kidney failure",
    codes("584"),
    codes("N17"),
    scope="admission",
    source="ICD-9 584, ICD-10 N17",
)
APACHE_CHRONIC = Condition(
    "chronic_health",
    "Severe organ insufficiency or immunocompromise",
    codes(
        "5712 5715 5716 5723 4560 4561 4562 51883 V462 4160 4168 V4511 V56 5856 042 043 044 "
        "200-208 V420 V421 V422 V426 V427 V4281 V5865 V5811 2793"
    ),
    codes(
        "K703 K743 K744 K745 K746 K766 I850 J961 Z9981 I270 I272 Z992 Z49 N186 B20 C81-C85 "
        "C88 C90 C91-C96 Z94 Z7952 Z5111 D80-D84"
    ),
    source="cirrhosis/portal hypertension, chronic respiratory failure or home O2, pulmonary "
    "hypertension, dialysis, HIV, haematological cancer, transplant, steroids, "
    "chemotherapy, immunodeficiency",
)
HYPERCAPNIC_FAILURE = Condition(
    "hypercapnic_failure",
    "Hypercapnic respiratory failure",
    (),
    codes("J9602 J9612 J9622 J9692"),
    scope="admission",
    source="ICD-10-CM hypercapnic respiratory failure (ICD-9 has no specific code)",
)
MELENA = Condition(
    "melena",
    "Melena",
    codes("5781"),
    codes("K921"),
    scope="admission",
    source="ICD-9 578.1, ICD-10 K92.1",
)
SYNCOPE = Condition(
    "syncope",
    "Syncope",
    codes("7802"),
    codes("R55"),
    scope="admission",
    source="ICD-9 780.2, ICD-10 R55",
)
HEPATIC_DISEASE = Condition(
    "hepatic_disease",
    "Liver disease (Quan mild or severe)",
    (*LIVER_MILD.icd9, *LIVER_SEVERE.icd9),
    (*LIVER_MILD.icd10, *LIVER_SEVERE.icd10),
    source=QUAN,
)

# Drugs predisposing to bleeding (HAS-BLED: antiplatelet agents, NSAIDs).
BLEEDING_DRUGS = Prescribed(
    "bleeding_drugs",
    "Antiplatelet agent or NSAID",
    tuple(
        "aspirin clopidogrel prasugrel ticagrelor ticlopidine dipyridamole cilostazol "
        "ibuprofen naproxen ketorolac diclofenac indomethacin meloxicam celecoxib ketoprofen "
        "piroxicam nabumetone etodolac".split()
    ),
)

# --------------------------------------------------------------------------------------------
# Shared uses.
# --------------------------------------------------------------------------------------------

AGE = Use(Demographic("age"))
SEX = Use(Demographic("sex"))
WEIGHT = Use(BodySize("weight"))
HEIGHT = Use(BodySize("height"))


def _latest(m: Measure) -> Use:
    return Use(m)


def _flag(c: Condition) -> Use:
    return Use(c)


#: Values that only mean something together (a urine index and its serum values, a reticulocyte
#: count and its hematocrit) must each be at most this old at 'at', so they are at most this far
#: apart: a spot urine and its serum chemistry are drawn the same day.
PAIRED_MAX_AGE_HOURS = 24.0


def _recent(m: Measure) -> Use:
    return Use(m, max_age_hours=PAIRED_MAX_AGE_HOURS)


def _gcs_to_acvpu(g: dict[str, int]) -> str:
    # ACVPU from the GCS components (Royal College of Physicians, NEWS2 report 2017: A alert,
    # C new confusion, V responds to voice, P to pain, U unresponsive): eyes open
    # spontaneously and oriented = alert; spontaneous eyes but not oriented = confusion;
    # otherwise the eye response (3 to voice, 2 to pain, 1 none).
    if g["eye"] == 4:
        return "alert" if g["verbal"] == 5 else "new confusion"
    return {3: "voice", 2: "pain"}.get(g["eye"], "unresponsive")


def _gcs_to_avpu(g: dict[str, int]) -> str:
    # AVPU (NEWS 2012) has no confusion level: spontaneous eye opening counts as alert.
    return "alert" if g["eye"] == 4 else {3: "voice", 2: "pain"}.get(g["eye"], "unresponsive")


_ANION = {
    "sodium": _latest(SODIUM),
    "chloride": _latest(CHLORIDE),
    "bicarbonate": _latest(BICARBONATE),
}

_CHARLSON_LIVER = Graded(
    "liver_disease", (("moderate_to_severe", LIVER_SEVERE), ("mild", LIVER_MILD)), "none"
)
_CHARLSON_DIABETES = Graded(
    "diabetes",
    (("end_organ_damage", DIABETES_COMPLICATED), ("uncomplicated", DIABETES_UNCOMPLICATED)),
    "none",
)
_CHARLSON_TUMOR = Graded(
    "solid_tumor", (("metastatic", METASTATIC), ("localized", SOLID_TUMOR)), "none"
)


def _apache_worst(m: Measure, points: Callable[[float], float]) -> Use:
    return Use(m, pick="worst", points=points)


_FIRST_24H_NOTE = (
    "Scored on the first 24 h of the ICU stay (from intime); values outside "
    "that window are not used."
)
_URINE_NOTE = (
    "Urine and serum values are each the latest result in the 24 h before 'at', so they are "
    "at most a day apart (the index assumes they were drawn together); older ones are not "
    "used: pass 'at' just after the urine sample."
)
_HEMODYNAMIC_NOTE = (
    "Each pressure and the cardiac output is the latest charted value in the 24 h before "
    "'at'; they can come from different times (a thermodilution cardiac output is "
    "intermittent): pass 'at' at the cardiac output's time for near-simultaneous values."
)

# --------------------------------------------------------------------------------------------
# The calculators.
# --------------------------------------------------------------------------------------------

_LIST: tuple[CalcSources, ...] = (
    CalcSources("bmi", "latest", {"weight": WEIGHT, "height": HEIGHT}),
    CalcSources("body_surface_area", "latest", {"weight": WEIGHT, "height": HEIGHT}),
    CalcSources("ideal_body_weight", "latest", {"sex": SEX, "height": HEIGHT, "weight": WEIGHT}),
    CalcSources("adjusted_body_weight", "latest", {"sex": SEX, "height": HEIGHT, "weight": WEIGHT}),
    CalcSources(
        "total_body_water_watson",
        "latest",
        {"sex": SEX, "age": AGE, "height": HEIGHT, "weight": WEIGHT},
    ),
    CalcSources(
        "basal_energy_expenditure",
        "latest",
        {"sex": SEX, "age": AGE, "height": HEIGHT, "weight": WEIGHT},
    ),
    CalcSources("maintenance_fluids", "latest", {"weight": WEIGHT}),
    CalcSources(
        "mean_arterial_pressure",
        "latest",
        {"systolic": _latest(SBP), "diastolic": _latest(DBP)},
        (
            "Systolic and diastolic are each the latest charted value; they can come "
            "from different measurements.",
        ),
    ),
    CalcSources(
        "shock_index", "latest", {"heart_rate": _latest(HEART_RATE), "systolic_bp": _latest(SBP)}
    ),
    CalcSources("anion_gap", "latest", {**_ANION, "albumin": _latest(ALBUMIN)}),
    CalcSources("delta_gap", "latest", dict(_ANION)),
    CalcSources("delta_ratio", "latest", dict(_ANION)),
    CalcSources("albumin_corrected_anion_gap", "latest", {**_ANION, "albumin": _latest(ALBUMIN)}),
    CalcSources("albumin_corrected_delta_gap", "latest", {**_ANION, "albumin": _latest(ALBUMIN)}),
    CalcSources("albumin_corrected_delta_ratio", "latest", {**_ANION, "albumin": _latest(ALBUMIN)}),
    CalcSources(
        "calcium_correction", "latest", {"calcium": _latest(CALCIUM), "albumin": _latest(ALBUMIN)}
    ),
    CalcSources(
        "serum_osmolality",
        "latest",
        {
            "sodium": _latest(SODIUM),
            "bun": _latest(BUN),
            "glucose": _latest(GLUCOSE),
            "ethanol": _latest(ETHANOL),
            "measured_osmolality": _latest(OSMOLALITY),
        },
    ),
    CalcSources(
        "sodium_correction_hyperglycemia",
        "latest",
        {"sodium": _latest(SODIUM), "glucose": _latest(GLUCOSE)},
    ),
    CalcSources(
        "free_water_deficit",
        "latest",
        {"sex": SEX, "age": AGE, "weight": WEIGHT, "sodium": _latest(SODIUM)},
    ),
    CalcSources(
        "bicarbonate_deficit", "latest", {"weight": WEIGHT, "bicarbonate": _latest(BICARBONATE)}
    ),
    CalcSources(
        "winters_formula", "latest", {"hco3": _latest(BICARBONATE), "paco2": _latest(PACO2_ART)}
    ),
    CalcSources(
        "ldl_friedewald",
        "latest",
        {
            "total_cholesterol": _latest(TOTAL_CHOLESTEROL),
            "hdl": _latest(HDL),
            "triglycerides": _latest(TRIGLYCERIDES),
        },
    ),
    CalcSources(
        "neutrophil_lymphocyte_ratio",
        "latest",
        {"neutrophils": _latest(NEUTROPHILS_ABS), "lymphocytes": _latest(LYMPHOCYTES_ABS)},
    ),
    CalcSources(
        "modified_glasgow_prognostic_score",
        "latest",
        {"crp": _latest(CRP), "albumin": _latest(ALBUMIN)},
    ),
    CalcSources(
        "cockcroft_gault",
        "latest",
        {
            "sex": SEX,
            "age": AGE,
            "weight": WEIGHT,
            "creatinine": _latest(CREATININE),
            "height": HEIGHT,
        },
        ("Uses the actual body weight unless weight_basis is passed as an override.",),
    ),
    CalcSources(
        "ckd_epi_2021", "latest", {"sex": SEX, "age": AGE, "creatinine": _latest(CREATININE)}
    ),
    CalcSources(
        "mdrd_gfr",
        "latest",
        {
            "sex": SEX,
            "age": AGE,
            "creatinine": _latest(CREATININE),
            "black": Use(Demographic("black")),
        },
        (
            "Race is read from admissions.race; unknown or declined race leaves the "
            "calculator's default (not Black).",
        ),
    ),
    CalcSources(
        "fib4",
        "latest",
        {"age": AGE, "ast": _latest(AST), "alt": _latest(ALT), "platelets": _latest(PLATELETS)},
    ),
    CalcSources(
        "meld_na",
        "latest",
        {
            "creatinine": _latest(CREATININE),
            "bilirubin": _latest(BILIRUBIN),
            "inr": _latest(INR),
            "sodium": _latest(SODIUM),
            "dialysis": Use(Dialysis()),
        },
    ),
    CalcSources(
        "child_pugh",
        "latest",
        {
            "bilirubin": _latest(BILIRUBIN),
            "albumin": _latest(ALBUMIN),
            "inr": _latest(INR),
            "ascites": Use(
                Graded("ascites", (("moderate", ASCITES_DRAINED), ("slight", ASCITES)), "absent")
            ),
            "encephalopathy": Use(
                Graded(
                    "encephalopathy",
                    (("grade_3_4", ENCEPHALOPATHY_COMA), ("grade_1_2", ENCEPHALOPATHY)),
                    "none",
                )
            ),
        },
        (
            "Ascites and encephalopathy come from the current admission's ICD codes "
            "(coded ascites = slight, drained by paracentesis = moderate; hepatic "
            "encephalopathy with coma = grade 3-4, without = grade 1-2); pass overrides "
            "when the clinical grade is known.",
        ),
    ),
    CalcSources(
        "glasgow_coma_scale",
        "latest",
        {
            "eye": Use(Gcs(), part="eye"),
            "verbal": Use(Gcs(), part="verbal"),
            "motor": Use(Gcs(), part="motor"),
        },
        ("The latest charting with all three components at the same time.",),
    ),
    CalcSources(
        "qsofa",
        "latest",
        {
            "altered_mentation": Use(
                Gcs(), part="total", test=lambda v: v < 15, test_text="GCS < 15"
            ),
            "respiratory_rate_22_or_more": Use(
                RESP_RATE, test=lambda v: v >= 22, test_text="≥ 22 /min"
            ),
            "systolic_bp_100_or_less": Use(SBP, test=lambda v: v <= 100, test_text="≤ 100 mmHg"),
        },
        (
            "Each criterion from its latest charted value before 'at' "
            "(Seymour CW, et al. JAMA 2016;315:762-74).",
        ),
    ),
    CalcSources(
        "sirs_criteria",
        "latest",
        {
            "temperature": _latest(TEMPERATURE),
            "heart_rate": _latest(HEART_RATE),
            "respiratory_rate": _latest(RESP_RATE),
            "paco2": _latest(PACO2_ART),
            "wbc": _latest(WBC),
            "bands_percent": _latest(BANDS),
        },
    ),
    CalcSources(
        "curb_65",
        "latest",
        {
            "confusion": Use(
                Gcs(),
                part="verbal",
                test=lambda v: v < 5,
                test_text="GCS verbal < 5 (not oriented)",
            ),
            "bun": _latest(BUN),
            "respiratory_rate": _latest(RESP_RATE),
            "systolic": _latest(SBP),
            "diastolic": _latest(DBP),
            "age": AGE,
        },
        (
            "Confusion is read from the latest GCS verbal response (< 5 = not "
            "oriented); it needs ICU charting, else pass it as an override.",
        ),
    ),
    CalcSources(
        "crb65",
        "latest",
        {
            "confusion": Use(
                Gcs(),
                part="verbal",
                test=lambda v: v < 5,
                test_text="GCS verbal < 5 (not oriented)",
            ),
            "respiratory_rate_ge_30": Use(RESP_RATE, test=lambda v: v >= 30, test_text="≥ 30 /min"),
            "low_blood_pressure": Use(
                AnyOf(
                    "low_blood_pressure",
                    (
                        Use(SBP, test=lambda v: v < 90, test_text="SBP < 90 mmHg"),
                        Use(DBP, test=lambda v: v <= 60, test_text="DBP ≤ 60 mmHg"),
                    ),
                )
            ),
            "age_ge_65": Use(Demographic("age"), test=lambda v: v >= 65, test_text="≥ 65 years"),
        },
    ),
    CalcSources(
        "news2",
        "latest",
        {
            "respiratory_rate": _latest(RESP_RATE),
            "spo2": _latest(SPO2),
            "hypercapnic_failure": _flag(HYPERCAPNIC_FAILURE),
            "supplemental_oxygen": Use(OxygenTherapy()),
            "temperature": _latest(TEMPERATURE),
            "systolic_bp": _latest(SBP),
            "heart_rate": _latest(HEART_RATE),
            "consciousness": Use(
                Gcs(),
                part=None,
                test=_gcs_to_acvpu,
                test_text="ACVPU from GCS (eyes 4 and oriented = alert; "
                "eyes 4 not oriented = new confusion; eyes 3 "
                "voice, 2 pain, 1 unresponsive)",
            ),
        },
        (
            "SpO2 scale 2 is used when hypercapnic respiratory failure is coded in this "
            "admission (ICD-10 J96.x2); the prescribed 88-92% target is not in the record.",
        ),
    ),
    CalcSources(
        "news",
        "latest",
        {
            "respiratory_rate": _latest(RESP_RATE),
            "spo2": _latest(SPO2),
            "supplemental_oxygen": Use(OxygenTherapy()),
            "temperature": _latest(TEMPERATURE),
            "systolic_bp": _latest(SBP),
            "heart_rate": _latest(HEART_RATE),
            "consciousness": Use(
                Gcs(), part=None, test=_gcs_to_avpu, test_text="AVPU from the GCS eye response"
            ),
        },
    ),
    CalcSources(
        "glasgow_blatchford",
        "latest",
        {
            "bun": _latest(BUN),
            "hemoglobin": _latest(HEMOGLOBIN),
            "sex": SEX,
            "systolic": _latest(SBP),
            "heart_rate": _latest(HEART_RATE),
            "melena": _flag(MELENA),
            "syncope": _flag(SYNCOPE),
            "hepatic_disease": _flag(HEPATIC_DISEASE),
            "cardiac_failure": _flag(CHF),
        },
    ),
    CalcSources(
        "pf_ratio",
        "latest",
        {
            "pao2": Use(BloodGas("latest"), part="pao2"),
            "fio2": Use(BloodGas("latest"), part="fio2"),
        },
    ),
    CalcSources(
        "cha2ds2_vasc",
        "latest",
        {
            "age": AGE,
            "sex": SEX,
            "chf": _flag(CHF),
            "hypertension": _flag(HYPERTENSION),
            "stroke_tia_thromboembolism": _flag(STROKE_TIA_TE),
            "vascular_disease": _flag(VASCULAR),
            "diabetes": _flag(DIABETES),
        },
        (
            "Conditions are ICD codes of every admission that started at or before 'at' "
            "(codes of the current admission are assigned at discharge).",
        ),
    ),
    CalcSources(
        "has_bled",
        "latest",
        {
            "hypertension": Use(
                SBP,
                test=lambda v: v > 160,
                max_age_hours=24 * 365,
                test_text="latest systolic > 160 mmHg (uncontrolled), "
                "charted or outpatient, within a year",
            ),
            "renal_disease": Use(
                AnyOf(
                    "renal_disease",
                    (
                        _flag(DIALYSIS_OR_TRANSPLANT),
                        Use(CREATININE, test=lambda v: v > 2.26, test_text="> 2.26 mg/dL"),
                    ),
                    absent_if_missing=(False, True),
                )
            ),
            "liver_disease": Use(
                AnyOf(
                    "liver_disease",
                    (_flag(CIRRHOSIS), Use(LiverDerangement())),
                    absent_if_missing=(False, True),
                )
            ),
            "stroke": _flag(STROKE),
            "prior_bleeding": _flag(BLEEDING),
            "labile_inr": Use(LabileInr()),
            "age": AGE,
            "bleeding_drugs": Use(BLEEDING_DRUGS),
            "alcohol": _flag(ALCOHOL),
        },
        (
            "Labs never drawn count as not meeting a lab criterion; labile INR applies "
            "only to patients given warfarin.",
        ),
    ),
    CalcSources(
        "charlson_comorbidity_index",
        "latest",
        {
            "age": AGE,
            "myocardial_infarction": _flag(MI),
            "chf": _flag(CHF),
            "peripheral_vascular_disease": _flag(PVD),
            "cerebrovascular_disease": _flag(CVD),
            "dementia": _flag(DEMENTIA),
            "copd": _flag(COPD),
            "connective_tissue_disease": _flag(RHEUMATIC),
            "peptic_ulcer_disease": _flag(PUD),
            "liver_disease": Use(_CHARLSON_LIVER),
            "diabetes": Use(_CHARLSON_DIABETES),
            "hemiplegia": _flag(HEMIPLEGIA),
            "ckd_moderate_to_severe": _flag(RENAL),
            "solid_tumor": Use(_CHARLSON_TUMOR),
            "leukemia": _flag(LEUKEMIA),
            "lymphoma": _flag(LYMPHOMA),
            "aids": _flag(AIDS),
        },
        (
            "Comorbidities are ICD codes (Quan 2005) of every admission that started at "
            "or before 'at'.",
        ),
    ),
    CalcSources(
        "sofa",
        "first_24h",
        {
            "pao2": Use(BloodGas("sofa"), part="pao2"),
            "fio2": Use(BloodGas("sofa"), part="fio2"),
            "mechanical_ventilation": Use(BloodGas("sofa"), part="ventilated"),
            "platelets": Use(PLATELETS, pick="min"),
            "gcs": Use(Gcs(), pick="min", part="total"),
            "bilirubin": Use(BILIRUBIN, pick="max"),
            "mean_arterial_pressure": Use(MBP, pick="min"),
            "dopamine": Use(Vasopressor("dopamine", 221662), pick="max"),
            "dobutamine": Use(Vasopressor("dobutamine", 221653), pick="max"),
            "epinephrine": Use(Vasopressor("epinephrine", 221289), pick="max"),
            "norepinephrine": Use(Vasopressor("norepinephrine", 221906), pick="max"),
            "creatinine": Use(CREATININE, pick="max"),
            "urine_output": Use(UrineOutput()),
        },
        (
            _FIRST_24H_NOTE,
            "Respiration: the arterial gas with the worst points, its "
            "FiO2 and whether ventilation ran at that time; others: highest creatinine "
            "and bilirubin, lowest platelets, GCS and MAP, highest vasopressor rates, "
            "urine output summed.",
        ),
    ),
    CalcSources(
        "apache_ii",
        "first_24h",
        {
            "age": AGE,
            "temperature": _apache_worst(TEMPERATURE, apache_ii._temp),
            "mean_arterial_pressure": _apache_worst(MBP, apache_ii._map),
            "heart_rate": _apache_worst(HEART_RATE, apache_ii._hr),
            "respiratory_rate": _apache_worst(RESP_RATE, apache_ii._rr),
            "fio2": Use(BloodGas("apache"), part="fio2"),
            "pao2": Use(BloodGas("apache"), part="pao2"),
            "aa_gradient": Use(BloodGas("apache"), part="aa_gradient"),
            "ph": _apache_worst(PH_ART, apache_ii._ph),
            "sodium": _apache_worst(SODIUM, apache_ii._na),
            "potassium": _apache_worst(POTASSIUM, apache_ii._k),
            "creatinine": _apache_worst(CREATININE, apache_ii._cr),
            "acute_renal_failure": _flag(ACUTE_RENAL_FAILURE),
            "hematocrit": _apache_worst(HEMATOCRIT, apache_ii._hct),
            "wbc": _apache_worst(WBC, apache_ii._wbc),
            "gcs": Use(Gcs(), pick="min", part="total"),
            "chronic_health": _flag(APACHE_CHRONIC),
            "admission_type": Use(ApacheAdmission()),
        },
        (
            _FIRST_24H_NOTE,
            "Each physiological value is the one scoring most APACHE II "
            "points in the window (Knaus 1985: the most deranged); the charted "
            "temperature stands for the rectal one; the oxygenation item comes from "
            "the arterial gas scoring most, with its FiO2 (A-a gradient = FiO2 × 713 − "
            "PaCO2/0.8 − PaO2 at sea level).",
        ),
    ),
    # ---- Red cells and liver ----------------------------------------------------------------
    CalcSources(
        "albi_grade", "latest", {"bilirubin": _latest(BILIRUBIN), "albumin": _latest(ALBUMIN)}
    ),
    CalcSources(
        "mentzer_index",
        "latest",
        {"mcv": _latest(MCV), "rbc_count": _latest(RBC)},
        ("MCV and red cell count are each the latest result (normally the same blood count).",),
    ),
    CalcSources(
        "reticulocyte_production_index",
        "latest",
        {
            "reticulocyte_percent": _recent(RETICULOCYTES),
            "hematocrit": _recent(HEMATOCRIT),
            "normal_hematocrit": Use(NORMAL_HEMATOCRIT),
            "rbc_count": _recent(RBC),
        },
        (
            "The normal hematocrit is the reference 45% (UpToDate graphic 129992, after "
            "Hillman 1969), not a value of the patient: pass normal_hematocrit as an override "
            "for a patient-specific normal.",
            "Reticulocytes, hematocrit and red cell count are each the latest result in the "
            "24 h before 'at' (the correction needs the hematocrit of the same day).",
        ),
    ),
    # ---- Acid-base and gas exchange ---------------------------------------------------------
    CalcSources(
        "henderson_hasselbalch",
        "latest",
        {"bicarbonate": _recent(BICARBONATE), "paco2": _recent(PACO2_ART)},
        (
            "Serum bicarbonate (chemistry 50882) and arterial PaCO2 (blood gas) are each the "
            "latest result in the 24 h before 'at'; they are different draws, at most a day "
            "apart.",
        ),
    ),
    CalcSources(
        "base_excess",
        "latest",
        {"ph": _latest(PH_ART), "paco2": _latest(PACO2_ART)},
        ("Arterial pH and PaCO2 are each the latest arterial result (normally the same gas).",),
    ),
    CalcSources(
        "aa_gradient",
        "latest",
        {
            "atmospheric_pressure": Use(SEA_LEVEL_PRESSURE),
            "fio2": Use(BloodGas("latest"), part="fio2"),
            "pao2": Use(BloodGas("latest"), part="pao2"),
            "paco2": Use(BloodGas("latest"), part="paco2"),
            "age": AGE,
        },
        (
            "PaO2, PaCO2 and FiO2 come from the latest arterial gas with a FiO2 (its own, or "
            "charted in the 4 h before); barometric pressure is taken as 760 mmHg (sea "
            "level): pass atmospheric_pressure as an override elsewhere.",
        ),
    ),
    CalcSources(
        "sf_ratio",
        "latest",
        {
            "spo2": Use(SPO2, max_age_hours=4.0),
            "fio2": Use(FIO2_CHART, max_age_hours=4.0),
        },
        (
            "SpO2 and the charted FiO2 (223835) must both be charted in the 4 h before 'at' "
            "(the FiO2 pairing window of mimic-code bg.sql); on room air no FiO2 is charted: "
            "pass fio2 = 0.21 as an override.",
        ),
    ),
    # ---- Pancreatitis -----------------------------------------------------------------------
    CalcSources(
        "glasgow_imrie",
        "first_24h",
        {
            "pao2": Use(PAO2_ART, pick="min"),
            "age": AGE,
            "wbc": Use(WBC, pick="max"),
            "calcium": Use(CALCIUM, pick="min"),
            "urea": Use(BUN, pick="max"),
            "ldh": Use(LDH, pick="max"),
            "albumin": Use(ALBUMIN, pick="min"),
            "glucose": Use(GLUCOSE, pick="max"),
        },
        (
            _FIRST_24H_NOTE,
            "Blamey 1984 scores the worst values of the first 48 h after admission; the "
            "record window here is the first 24 h of the ICU stay, so hospital days before "
            "the ICU and hours 24-48 are not seen (pass overrides for them). Worst = lowest "
            "arterial PaO2, total calcium and albumin; highest WBC, urea (BUN), LDH and "
            "glucose.",
        ),
    ),
    CalcSources(
        "modified_marshall",
        "latest",
        {
            "pao2": Use(BloodGas("latest"), part="pao2"),
            "fio2": Use(BloodGas("latest"), part="fio2"),
            "creatinine": _latest(CREATININE),
            "systolic_bp": _latest(SBP),
            "ph": _latest(PH_ART),
        },
        (
            "PaO2/FiO2 from the latest arterial gas with a FiO2 (its own, or charted in the "
            "4 h before); creatinine, systolic BP and arterial pH are each the latest value "
            "(Banks 2013 scores each day: pass 'at' for the day to score).",
            "Whether hypotension responds to fluids, and whether the systolic BP was taken "
            "off inotropes, is not in the record: with a systolic BP < 90 mmHg and pH ≥ 7.3 "
            "pass fluid_responsive as an override.",
        ),
    ),
    # ---- Bedside scores from vital signs ------------------------------------------------------
    CalcSources(
        "aims65",
        "latest",
        {
            "albumin": _latest(ALBUMIN),
            "inr": _latest(INR),
            "altered_mental_status": Use(
                Gcs(), part="total", test=lambda v: v < 14, test_text="GCS < 14"
            ),
            "systolic_bp": _latest(SBP),
            "age": AGE,
        },
        (
            "Altered mental status is read from the latest GCS (< 14, Saltzman 2011); "
            "disorientation without a low GCS is not in the record: pass it as an override. "
            "AIMS65 is scored at presentation with upper GI bleeding: pass 'at' then.",
        ),
    ),
    CalcSources(
        "revised_trauma_score",
        "latest",
        {
            "gcs": Use(Gcs(), part="total"),
            "systolic_bp": _latest(SBP),
            "respiratory_rate": _latest(RESP_RATE),
        },
        (
            "Champion 1989 codes the values on arrival; here each is the latest charted in "
            "the 24 h before 'at' (ICU charting): pass 'at' near arrival.",
        ),
    ),
    # ---- Urine and ascitic fluid indices ------------------------------------------------------
    CalcSources(
        "fena",
        "latest",
        {
            "serum_sodium": _recent(SODIUM),
            "serum_creatinine": _recent(CREATININE),
            "urine_sodium": _recent(URINE_SODIUM),
            "urine_creatinine": _recent(URINE_CREATININE),
        },
        (_URINE_NOTE,),
    ),
    CalcSources(
        "fractional_excretion_urea",
        "latest",
        {
            "serum_urea": _recent(BUN),
            "serum_creatinine": _recent(CREATININE),
            "urine_urea": _recent(URINE_UREA_NITROGEN),
            "urine_creatinine": _recent(URINE_CREATININE),
        },
        (_URINE_NOTE, "Serum and urine urea are both urea nitrogen (mg/dL), the same basis."),
    ),
    CalcSources(
        "ttkg",
        "latest",
        {
            "urine_potassium": _recent(URINE_POTASSIUM),
            "serum_potassium": _recent(POTASSIUM),
            "urine_osmolality": _recent(URINE_OSMOLALITY),
            "serum_osmolality": _recent(OSMOLALITY),
        },
        (_URINE_NOTE, "Serum osmolality is the measured one (50964), not a calculated one."),
    ),
    CalcSources(
        "urine_anion_gap",
        "latest",
        {
            "urine_sodium": _recent(URINE_SODIUM),
            "urine_potassium": _recent(URINE_POTASSIUM),
            "urine_chloride": _recent(URINE_CHLORIDE),
        },
        (
            "Urine sodium, potassium and chloride are each the latest result in the 24 h "
            "before 'at' (normally one sample).",
        ),
    ),
    CalcSources(
        "saag",
        "latest",
        {"serum_albumin": _recent(ALBUMIN), "ascites_albumin": _recent(ASCITES_ALBUMIN)},
        (
            "Serum and ascitic albumin are each the latest result in the 24 h before 'at' (the "
            "gradient compares samples of the same day).",
        ),
    ),
    # ---- Haemodynamics and ventilation ------------------------------------------------------
    CalcSources(
        "systemic_vascular_resistance",
        "latest",
        {
            "mean_arterial_pressure": _latest(MBP),
            "central_venous_pressure": _latest(CVP),
            "cardiac_output": _latest(CARDIAC_OUTPUT),
        },
        (_HEMODYNAMIC_NOTE,),
    ),
    CalcSources(
        "cardiac_power_output",
        "latest",
        {"mean_arterial_pressure": _latest(MBP), "cardiac_output": _latest(CARDIAC_OUTPUT)},
        (_HEMODYNAMIC_NOTE,),
    ),
    CalcSources(
        "cerebral_perfusion_pressure",
        "latest",
        {"mean_arterial_pressure": _latest(MBP), "intracranial_pressure": _latest(ICP)},
        ("MAP and ICP are each the latest charted value in the 24 h before 'at'.",),
    ),
    CalcSources(
        "static_compliance",
        "latest",
        {
            "tidal_volume": _latest(TIDAL_VOLUME),
            "plateau_pressure": _latest(PLATEAU_PRESSURE),
            "peep": _latest(PEEP),
        },
        (
            "Ventilator charting, each the latest in the 24 h before 'at' (items of mimic-code "
            "ventilator_setting.sql): exhaled tidal volume 224685, plateau pressure 224696, "
            "PEEP set 220339 or total 224700 (the set value when both are charted together).",
        ),
    ),
)

#: Calculator id → its record sources.
SOURCES: Mapping[str, CalcSources] = MappingProxyType({s.calculator: s for s in _LIST})


def sources_for(calculator_id: str) -> CalcSources | None:
    """The record sources of a calculator, or None when it cannot be fed from MIMIC-IV."""
    return SOURCES.get(calculator_id)


def ehr_calculators() -> list[str]:
    """The ids of every calculator that can be fed from MIMIC-IV, sorted."""
    return sorted(SOURCES)


# SOFA's respiration points decide which blood gas is the worst (Vincent 1996 bands, as the
# calculator implements them).
sofa_respiration_points: Callable[[float, bool], int] = sofa._respiration
#: APACHE II oxygenation points of (FiO2, PaO2, A-a gradient) as the calculator scores them.
apache_oxygen_points: Callable[[Any], tuple[str, float, int]] = apache_ii._oxygen
