"""German labels for the enum values of the data contract, in display order."""

AREAS = {"e-government": "E-Government", "smart-region": "Smart Region"}
PROJECT_STATUS = {
    "laufend": "Laufend",
    "geplant": "Geplant",
    "idee": "Idee",
    "pausiert": "Pausiert",
    "abgeschlossen": "Abgeschlossen",
    "unbekannt": "Stand nicht bekannt",
}
FUNDING_STATUS = {
    "endet-bald": "Endet bald",
    "offen": "Offen",
    "laufend": "Ohne Frist",
    "angekuendigt": "Angekündigt",
    "unbekannt": "Frist nicht bekannt",
    "abgelaufen": "Abgelaufen",
}
FUNDING_LEVELS = {
    "eu": "Europäische Union",
    "bund": "Bund",
    "land": "Land NRW",
    "kreis": "Kreis",
    "stiftung": "Stiftung",
    "sonstige": "Sonstige",
}
RESOLUTION_STATUS = {
    "beschlossen": "Beschlossen",
    "geplant": "Beschluss geplant",
    "abgelehnt": "Abgelehnt",
}
TOWN_KINDS = {"kreis": "Kreis", "stadt": "Stadt"}
STAGES = {"betrieb": "Im Betrieb", "pilot": "Pilot", "analyse": "In Analyse", "idee": "Idee"}
LEVELS = {"hoch": "hoch", "mittel": "mittel", "gering": "gering"}
PARTICIPATION = {
    "nutzt": "nutzt",
    "beteiligt": "beteiligt",
    "interessiert": "interessiert",
    "kein-bedarf": "kein Bedarf",
    "offen": "offen",
}
# One character per participation, so the matrix reads without colour too.
PARTICIPATION_SIGNS = {"nutzt": "●", "beteiligt": "◐", "interessiert": "○", "kein-bedarf": "–", "offen": "?"}
TRAINING_FORMATS = {"praesenz": "Präsenz", "online": "Online", "hybrid": "Hybrid",
                    "selbstlernen": "Selbstlernangebot"}
WORK_ORDER_STATUS = {"offen": "Offen", "in-arbeit": "In Arbeit", "erledigt": "Erledigt",
                     "zurueckgestellt": "Zurückgestellt"}
APPLICANTS = {"kreis": "Kreise", "stadt": "Städte", "gemeinde": "Gemeinden", "zweckverband": "Zweckverbände",
              "verein": "Vereine", "unternehmen": "Unternehmen", "hochschule": "Hochschulen"}
COOPERATION = {"keine": "keine Zusammenarbeit verlangt",
               "interkommunal": "Zusammenarbeit mehrerer Kommunen",
               "neue-interkommunale": "eine neu begründete Zusammenarbeit mehrerer Kommunen"}
CONFORMANCE = {"vollstaendig": "vollständig vereinbar", "teilweise": "teilweise vereinbar",
               "nicht": "nicht vereinbar"}
MILESTONE_KINDS = {"beschluss": "Beschluss", "foerderung": "Förderung", "start": "Start", "ende": "Abschluss",
                   "auszeichnung": "Auszeichnung", "veroeffentlichung": "Veröffentlichung",
                   "veranstaltung": "Veranstaltung"}
