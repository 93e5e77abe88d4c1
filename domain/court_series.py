"""The series of Kenyan court numbers as registries and law reports write them, as data.

Each row is (how it is written, the one name Haki stores). The court a series belongs to is
the case's court level, so a court's initials before a series ("ELRC Petition", "SC Petition",
"High Court Civil Appeal") are read and dropped. Most specific first: the first that matches wins.
"""

_MISC = r"misc(?:ellaneous|\.)?\s*(?:civil\s+|criminal\s+)?(?:application|appln\.?|appl\.?|app\.?)?"
_JR = r"(?:judicial\s+review|j\.?\s*r\.?)"

SERIES: tuple[tuple[str, str], ...] = (
    (
        rf"{_JR}\s+misc(?:ellaneous|\.)?\s*(?:application|appln\.?|appl\.?|app\.?)",
        "JR Misc. Application",
    ),
    (rf"{_JR}(?:\s+(?:application|appln\.?|appl\.?|app\.?|cause))?", "Judicial Review"),
    (_MISC, "Misc. Application"),
    (
        r"environment\s+(?:and|&)\s+land\s+(?:civil\s+)?appeal|elc\s+(?:civil\s+)?appeal",
        "ELC Appeal",
    ),
    (
        r"(?:(?:environment\s+(?:and|&)\s+land|elc|elrc)\s+)?(?:constitutional\s+|const\.\s*)?"
        r"(?:petition|pet\.)",
        "Petition",
    ),
    (r"constitutional\s+reference", "Constitutional Reference"),
    (r"hccc|h\.c\.c\.c\.?|high\s+court\s+civil\s+case", "HCCC"),
    (r"(?:high\s+court\s+)?commercial\s+(?:case|cause|suit)|hccomm", "Commercial Case"),
    (r"cmcc|c\.m\.c\.c\.?|chief\s+magistrates?'?\s+civil\s+case", "CMCC"),
    (r"spmcc|s\.p\.m\.c\.c\.?", "SPMCC"),
    (r"pmcc|p\.m\.c\.c\.?", "PMCC"),
    (r"elrc\s+(?:cause|claim)|(?:industrial\s+)?cause", "ELRC Cause"),
    (
        r"elc\s+(?:case|suit)|environment\s+(?:and|&)\s+land\s+(?:court\s+)?(?:case|suit)|elc",
        "ELC Case",
    ),
    (r"civil\s+appeal", "Civil Appeal"),
    (r"criminal\s+appeal", "Criminal Appeal"),
    (r"civil\s+application", "Civil Application"),
    (r"(?:hc\s+)?civil\s+suit", "Civil Suit"),
    (r"civil\s+case", "Civil Case"),
    (r"criminal\s+case", "Criminal Case"),
    (r"inquest", "Inquest"),
    (r"appeal", "Appeal"),
    (r"application", "Application"),
    (r"motion", "Motion"),
)

COURT_INITIALS = r"(?:(?:high\s+court|supreme\s+court|court\s+of\s+appeal|h\.?c\.?|s\.?c\.?)\s+)?"
"""a court named before the series, which the case's court level already says"""

E_FILING_SERIES: tuple[tuple[str, str], ...] = (
    ("JRMISC", "JR Misc. Application"),
    ("JR", "Judicial Review"),
    ("PET", "Petition"),
    ("MISC", "Misc. Application"),
)
"""the last letters of the Judiciary's e-filing codes (HCCHRPET: High Court, Constitutional and
Human Rights division, petition) and the series they are"""
