"""What the AJCC 8th-edition head-and-neck TNM calculators share (larynx, major salivary glands).

AJCC 8th edition (Amin MB, et al., eds. AJCC Cancer Staging Manual. 8th ed. Springer; 2017)
gives the HPV-unrelated head-and-neck sites one regional-node (N) classification, clinical (cN)
and pathological (pN), and one prognostic stage-group table; only the T categories differ by
site. Sources read for the definitions below:

- N categories, clinical and pathological: Wikibooks "Radiation Oncology/Head & Neck/Larynx/
  Staging" (AJCC 8th edition section) and the AAO-HNS "Quick Reference Guide to TNM Staging of
  Head and Neck Cancer and Neck Dissection Classification" (cN / pN tables); Radiopaedia
  "Cervical lymph node (staging)" (doi:10.53347/rID-6621): a node ≤ 3 cm with pathological ENE
  is pN2a, with clinically overt ENE cN3b.
- Stage groups: Radiopaedia "Major salivary gland cancer (staging)" (AJCC 8th edition; "defined
  the same as for most other cancers of the head and neck"): 0 Tis N0 M0; I T1 N0; II T2 N0;
  III T3 N0 or T0-T3 N1; IVA T4a N0-N1 or T0-T4a N2; IVB any T N3 or T4b any N; IVC any M1.
  The larynx uses the same table without T0 (otoscape.com "Larynx": "T0 has been removed";
  Wikibooks: overall stage unchanged from the 7th edition, whose larynx table lists the same
  groups).

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, Step
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._tnm import read_category

NCategory = Literal["N0", "N1", "N2", "N2a", "N2b", "N2c", "N3", "N3a", "N3b"]
MCategory = Literal["M0", "M1"]

#: Clinical N (cN), AJCC 8th edition, HPV-unrelated head and neck; ENE = extranodal extension.
N_CLINICAL: dict[str, str] = {
    "N0": "No regional lymph node metastasis",
    "N1": "Single ipsilateral node ≤ 3 cm, ENE(-)",
    "N2": "Single ipsilateral node > 3 cm and ≤ 6 cm, or multiple ipsilateral nodes, or "
    "bilateral/contralateral nodes, none > 6 cm, ENE(-)",
    "N2a": "Single ipsilateral node > 3 cm and ≤ 6 cm, ENE(-)",
    "N2b": "Multiple ipsilateral nodes, none > 6 cm, ENE(-)",
    "N2c": "Bilateral or contralateral nodes, none > 6 cm, ENE(-)",
    "N3": "Node > 6 cm ENE(-), or any node with clinically overt ENE(+)",
    "N3a": "Node > 6 cm, ENE(-)",
    "N3b": "Any node(s) with clinically overt ENE(+)",
}

#: Pathological N (pN), AJCC 8th edition, HPV-unrelated head and neck.
N_PATHOLOGICAL: dict[str, str] = {
    "N0": "No regional lymph node metastasis",
    "N1": "Single ipsilateral node ≤ 3 cm, ENE(-)",
    "N2": "Single ipsilateral node ≤ 3 cm ENE(+) or > 3 cm and ≤ 6 cm ENE(-), or multiple "
    "ipsilateral, or bilateral/contralateral nodes, none > 6 cm, ENE(-)",
    "N2a": "Single ipsilateral node ≤ 3 cm ENE(+), or > 3 cm and ≤ 6 cm ENE(-)",
    "N2b": "Multiple ipsilateral nodes, none > 6 cm, ENE(-)",
    "N2c": "Bilateral or contralateral nodes, none > 6 cm, ENE(-)",
    "N3": "Node > 6 cm ENE(-), or single ipsilateral node > 3 cm ENE(+), or multiple nodes "
    "any with ENE(+)",
    "N3a": "Node > 6 cm, ENE(-)",
    "N3b": "Single ipsilateral node > 3 cm ENE(+), or multiple nodes any with ENE(+)",
}

M_DEFINITIONS: dict[str, str] = {"M0": "No distant metastasis", "M1": "Distant metastasis"}

#: Stage of each T category when N0 M0 (T0 N0 is no cancer and has no stage).
_T_STAGE_N0: dict[str, str] = {"Tis": "0", "T1": "I", "T2": "II", "T3": "III"}


def _t_base(t: str) -> str:
    # T1a/T1b (glottis) stage as T1.
    return "T1" if t.startswith("T1") else t


def stage_group(t: str, n: str, m: str) -> tuple[str, str]:
    """Return the AJCC 8th-edition prognostic stage group and the rule that gave it.

    Raises:
        ValueError: For the combinations the stage table leaves undefined (T0 N0 M0; Tis with
            N1 or N2 and M0).
    """
    tb = _t_base(t)
    if m == "M1":
        return "IVC", "any T, any N, M1 (distant metastasis)"
    if n.startswith("N3"):
        return "IVB", "any T, N3, M0"
    if tb == "T4b":
        return "IVB", "T4b, any N, M0 (very advanced local disease)"
    if tb == "Tis" and n != "N0":
        raise ValueError(
            f"Tis with {n} M0 has no AJCC stage group (stage 0 is Tis N0 M0 only); "
            "expected N0, or a T category T1-T4b"
        )
    if n.startswith("N2"):
        return "IVA", f"{t}, N2, M0"
    if tb == "T4a":
        return "IVA", f"T4a, {n}, M0"
    if n == "N1":
        return "III", f"{t}, N1, M0"
    if tb == "T0":
        raise ValueError("T0 N0 M0 (no primary tumour, no nodes) has no stage group")
    return _T_STAGE_N0[tb], f"{t}, N0, M0"


class HeadNeckTNMInputs(CalcInputs):
    """T, N and M categories of the head-and-neck TNM calculators (each site narrows ``t``)."""

    t: str = Field(description="Primary tumour category (site-specific)")
    n: NCategory = Field(description="Regional lymph nodes (N0, N1, N2, N2a-c, N3, N3a-b)")
    m: MCategory = Field(description="Distant metastasis: M0 none, M1 present")

    @model_validator(mode="after")
    def _defined_combination(self) -> HeadNeckTNMInputs:
        stage_group(self.t, self.n, self.m)
        return self


def stage_result(
    calc_id: str,
    t: str,
    n: str,
    m: str,
    t_definitions: dict[str, str],
    n_definitions: dict[str, str],
    prefix: str,
) -> CalcResult:
    """Build the result: value is the stage group (``"IVA"``), one Step per category.

    Args:
        calc_id: The calculator id.
        t: The T category.
        n: The N category.
        m: The M category.
        t_definitions: The site's T definitions.
        n_definitions: :data:`N_CLINICAL` or :data:`N_PATHOLOGICAL`.
        prefix: ``"c"`` (clinical) or ``"p"`` (pathological), shown in the TNM string.
    """
    stage, why = stage_group(t, n, m)
    tnm = f"{prefix}{t} {prefix}{n} {m}"
    return CalcResult(
        calculator=calc_id,
        value=stage,
        interpretation=f"Stage {stage} ({tnm}): {why}",
        steps=[
            Step(label="T", value=t, detail=t_definitions[t]),
            Step(label="N", value=n, detail=n_definitions[n]),
            Step(label="M", value=m, detail=M_DEFINITIONS[m]),
            Step(label="Stage group", value=stage, detail=why),
        ],
        extra={"tnm": tnm},
    )


def t_field(t_definitions: dict[str, str]) -> Any:
    """The site's T input, its description listing every category with its definition."""
    return Field(
        description="Primary tumour: " + "; ".join(f"{k} {v}" for k, v in t_definitions.items())
    )


def pathological_result(calc_id: str, inputs: Any, t_definitions: dict[str, str]) -> CalcResult:
    """:func:`stage_result` of pathological (pT/pN) categories."""
    return stage_result(calc_id, inputs.t, inputs.n, inputs.m, t_definitions, N_PATHOLOGICAL, "p")


_PREFIX = re.compile(r"(?i)\by?[cp](?=(?:t|n|m)(?:is|\d))")


def read_tnm_category(value: Any, prefix: str, allowed: Sequence[str], field: str) -> str:
    """Read ``'cT1a (tumour limited to one vocal cord)'`` → ``'T1a'`` (c/p/yc/yp prefix dropped).

    Raises:
        MedMCPInputError: When no word of the value is one of ``allowed``.
    """
    return read_category(_PREFIX.sub("", str(value)), prefix, tuple(allowed), field)


def tnm_from_medmcp(
    inputs: list[dict[str, Any]], calc_id: str, t_allowed: Sequence[str]
) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Primary tumor (T)': 'T2 (...)', 'Regional lymph nodes (N)': ...)."""
    f = Fields(inputs, calc_id)
    t = f.value("primary tumour", "primary tumor", "tumor", "tumour", "t category", "t stage")
    n = f.value("lymph nodes", "lymph node", "regional", "nodes", "n category", "n stage")
    m = f.value("distant metastasis", "metastasis", "metastases", "m category", "m stage")
    return {
        "t": read_tnm_category(t, "T", t_allowed, "T"),
        "n": read_tnm_category(n, "N", tuple(N_CLINICAL), "N"),
        "m": read_tnm_category(m, "M", ("M0", "M1"), "M"),
    }


#: Glottis T categories, AJCC 8th edition (Radiopaedia/pacs.de "Laryngeal carcinoma (staging)",
#: 8th edition; otoscape.com "Larynx"; AAO-HNS TNM guide).
GLOTTIS_T: dict[str, str] = {
    "Tis": "Carcinoma in situ",
    "T1": "Tumour limited to the vocal cord(s), may involve anterior or posterior commissure, "
    "with normal mobility",
    "T1a": "Tumour limited to one vocal cord",
    "T1b": "Tumour involves both vocal cords",
    "T2": "Tumour extends to the supraglottis and/or subglottis, and/or impaired vocal cord "
    "mobility",
    "T3": "Tumour limited to the larynx with vocal cord fixation and/or invasion of the "
    "paraglottic space and/or inner cortex of the thyroid cartilage",
    "T4a": "Moderately advanced: invades through the outer cortex of the thyroid cartilage "
    "and/or tissues beyond the larynx (trachea, soft tissues of neck, strap muscles, thyroid, "
    "oesophagus)",
    "T4b": "Very advanced: invades prevertebral space, encases carotid artery, or invades "
    "mediastinal structures",
}

#: Supraglottis T categories, AJCC 8th edition (same sources as :data:`GLOTTIS_T`).
SUPRAGLOTTIS_T: dict[str, str] = {
    "Tis": "Carcinoma in situ",
    "T1": "Tumour limited to one subsite of the supraglottis with normal vocal cord mobility",
    "T2": "Tumour invades mucosa of more than one adjacent subsite of the supraglottis or "
    "glottis or a region outside the supraglottis (base of tongue, vallecula, medial wall of "
    "pyriform sinus) without fixation of the larynx",
    "T3": "Tumour limited to the larynx with vocal cord fixation and/or invasion of the "
    "postcricoid area, pre-epiglottic space, paraglottic space and/or inner cortex of the "
    "thyroid cartilage",
    "T4a": "Moderately advanced: invades through the outer cortex of the thyroid cartilage "
    "and/or tissues beyond the larynx (trachea, soft tissues of neck, strap muscles, thyroid, "
    "oesophagus)",
    "T4b": "Very advanced: invades prevertebral space, encases carotid artery, or invades "
    "mediastinal structures",
}

#: Major salivary gland T categories, AJCC 8th edition (Radiopaedia "Major salivary gland
#: cancer (staging)", 8th edition; SEER training "Salivary Glands"). Extraparenchymal
#: extension means clinical or macroscopic evidence of soft-tissue invasion.
SALIVARY_T: dict[str, str] = {
    "T0": "No evidence of primary tumour",
    "Tis": "Carcinoma in situ",
    "T1": "Tumour ≤ 2 cm without extraparenchymal extension",
    "T2": "Tumour > 2 cm and ≤ 4 cm without extraparenchymal extension",
    "T3": "Tumour > 4 cm and/or with extraparenchymal extension",
    "T4a": "Moderately advanced: invades skin, mandible, ear canal and/or facial nerve",
    "T4b": "Very advanced: invades skull base and/or pterygoid plates and/or encases the "
    "carotid artery",
}
