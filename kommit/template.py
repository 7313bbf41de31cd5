"""The KS/KommIT benefits workbook ("gevinstverktøy"): fingerprint and cell map.

Everything here is copied from docs/kommit-workbook.md (§1, §2, §9) and checked against the
template in this folder. Benefits are keyed by their position k = 1..14 (doc §0.3): rows are
linked by position, never by the benefit's text (doc §5, the Resultatoppfølging bug).
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_PATH = Path(__file__).with_name("kommit-gevinstverktoy.xlsx")

# Sheet names, in the template's order (doc §9).
FORSIDE = "Forside"
MENU = "Meny for verktøyet"
STAKEHOLDER_LIST = "KONSEPT - Interessentliste"
PROCESS_TODAY = "KONSEPT - Prosessanalyse (1)"
PROCESS_FUTURE = "KONSEPT - Prosessanalyse (2)"
CHANGES = "KONSEPT - Endringsanalyse"
STAKEHOLDER_ANALYSIS = "KONSEPT - Interessentanalyse"
ECONOMICS = "KONSEPT - Gevinstanalyse"
PLAN = "PLANLEGGE - Gevinstreal.plan"
FOLLOW_UP = "PLANLEGGE - Oppfølgingsplan"
STATUS = "GJENNOMFØRE - Statusrapport"
HANDOVER = "OVERLEVERE - Overleveringsrapp."
RESULTS = "REALISERE - Resultatoppfølging"
SUPPORT = "støtteark"

SHEETS = [
    FORSIDE,
    MENU,
    STAKEHOLDER_LIST,
    PROCESS_TODAY,
    PROCESS_FUTURE,
    CHANGES,
    STAKEHOLDER_ANALYSIS,
    ECONOMICS,
    PLAN,
    FOLLOW_UP,
    STATUS,
    HANDOVER,
    RESULTS,
    SUPPORT,
]
#: The sheets the importer reads; a file without one of them cannot be imported.
REQUIRED_SHEETS = [
    FORSIDE,
    STAKEHOLDER_LIST,
    PROCESS_TODAY,
    PROCESS_FUTURE,
    CHANGES,
    STAKEHOLDER_ANALYSIS,
    ECONOMICS,
    PLAN,
    FOLLOW_UP,
    RESULTS,
]

#: Fixed label cells that identify the template (doc §9). Formulas are compared as text.
LABELS: dict[tuple[str, str], str] = {
    (FORSIDE, "A1"): "Prosjektkort",
    (FORSIDE, "A4"): "Foreløpig navn / prosjektnavn:",
    (FORSIDE, "A8"): "Er endringen lovpålagt? Ja/Nei",
    (CHANGES, "A4"): "Prosess",
    (ECONOMICS, "H24"): "Rente:",
    (ECONOMICS, "B39"): "Netto økonomisk effekt (nåverdi):",
    (FOLLOW_UP, "D4"): "Dagens verdi",
    (RESULTS, "D13"): "Dagens måling:",
    (SUPPORT, "A4"): "Diskontering:",
    (ECONOMICS, "C39"): "=SUM(støtteark!B5:E5)-'KONSEPT - Gevinstanalyse'!C26",
    (SUPPORT, "B4"): "=1/((1+'KONSEPT - Gevinstanalyse'!$H$26)^(B3-1))",
}
#: støtteark!B3:E3 hold the hard-coded year numbers 2..5 used for discounting (quirk Q1).
SUPPORT_YEAR_CELLS = {"B3": 2, "C3": 3, "D3": 4, "E3": 5}

# Forside (project card, doc §1.1).
CARD_NAME = "B4"
CARD_PURPOSE = "B6"
CARD_STATUTORY = "B8"
CARD_START = "B10"
CARD_END = "B11"
CARD_BUDGET = "B13"
CARD_SERVICE_OWNER = "B16"
CARD_PROJECT_OWNER = "B17"
CARD_PROJECT_LEADER = "B18"
CARD_BUSINESS_LEADER = "B19"
STATUTORY_YES = "Ja"
STATUTORY_NO = "Nei"

# Stakeholders: list A name, B involvement, C comment; analysis B affected, C influence,
# D attitude, E one strategy text (doc §1.3, §1.6). Same row = same stakeholder.
STAKEHOLDER_ROWS = range(5, 20)
INFLUENCE_VALUES = (1, 2, 3)
ATTITUDE_VALUES = (-1, 0, 1)
#: Labels used to split and join anchoring, communication and training in the one strategy cell.
STRATEGY_LABELS = ("Forankring", "Kommunikasjon", "Opplæring")

# Process analysis (1) = today, (2) = future: B5 process name, rows 8-14 A who, B what, C notes.
PROCESS_NAME = "B5"
PROCESS_ROWS = range(8, 15)

# Change analysis: rows 5-18, A process, B change, C benefit (the master name), D goal, E prerequisites.
BENEFITS = 14


def change_row(k: int) -> int:
    return 4 + k


# Benefit economics (doc §1.7): rows 7-20, C type, D-G years 1-4, H importance.
TYPE_DIRECT = "Direkte (økonomiske - NOK)"
TYPE_INDIRECT = "Indirekte (frigjort tid - årsverk)"
TYPE_QUALITATIVE = "Kvalitative (f.eks. omdømme)"
BENEFIT_TYPES = (TYPE_DIRECT, TYPE_INDIRECT, TYPE_QUALITATIVE)
YEAR_COLUMNS = ("D", "E", "F", "G")
YEARS = len(YEAR_COLUMNS)
BENEFIT_NAME_COLUMN = "B"  # a formula copying the change analysis
TYPE_COLUMN = "C"
IMPORTANCE_COLUMN = "H"
IMPORTANCE_VALUES = (1, 2, 3, 4, 5)
BENEFIT_YEAR_LABEL_ROW = 6
COST_YEAR_LABEL_ROW = 25
COST_DESCRIPTION = "B26"
INVESTMENT = "C26"
OPERATING_ROW = 26  # D26:G26
RATE = "H26"
ASSESSMENT = "B32"
FREED_TIME_USE = "B44"
WORKBOOK_NPV = "C39"
WORKBOOK_FREED_FTE = "C42"


def economics_row(k: int) -> int:
    return 6 + k


# Realisation plan (doc §1.8): block k starts at row 3 + 2k; B and C are two measure lines.
PLAN_MEASURES = 2
PLAN_UPDATED = "E1"
PLAN_SIGNATURE_OWNER = "E34"


def plan_row(k: int) -> int:
    return 3 + 2 * k


# Follow-up plan (doc §1.9): rows 5-18, C unit, D baseline, E target, F method.
FOLLOW_UP_UPDATED = "C1"


def follow_up_row(k: int) -> int:
    return 4 + k


# Result follow-up (doc §1.12): rows 14-27, D today's measurement, E achievement (formula), F status.
RESULTS_DATE = "F1"


def results_row(k: int) -> int:
    return 13 + k


#: Input cells whose number format the exporter sets to a Norwegian date.
DATE_FORMAT = "DD.MM.YYYY"


#: The last row and column (1 = A) the importer reads in each sheet. Only these areas are read
#: from an uploaded file; the reader refuses to look at a cell outside them.
READ_AREAS: dict[str, tuple[int, int]] = {
    FORSIDE: (19, 2),  # A1:B19
    STAKEHOLDER_LIST: (19, 3),  # A5:C19
    PROCESS_TODAY: (14, 3),  # B5, A8:C14
    PROCESS_FUTURE: (14, 3),
    CHANGES: (18, 5),  # A4, A5:E18
    STAKEHOLDER_ANALYSIS: (19, 5),  # B5:E19
    ECONOMICS: (44, 8),  # B6:H20, H24, B26:H26, B32, B39:C39, B44
    PLAN: (32, 7),  # E1, B5:G32
    FOLLOW_UP: (18, 6),  # C1, D4, C5:F18
    RESULTS: (27, 6),  # F1, D13, D14:F27
    SUPPORT: (4, 5),  # A4:B4, B3:E3
}
