"""German labels for the enum values of the data contract, in display order."""

AREAS = {"e-government": "E-Government", "smart-region": "Smart Region"}
PROJECT_STATUS = {
    "laufend": "Laufend",
    "geplant": "Geplant",
    "idee": "Idee",
    "pausiert": "Pausiert",
    "abgeschlossen": "Abgeschlossen",
}
FUNDING_STATUS = {
    "endet-bald": "Endet bald",
    "offen": "Offen",
    "laufend": "Laufend (ohne Frist)",
    "angekuendigt": "Angekündigt",
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
