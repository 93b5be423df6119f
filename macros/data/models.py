"""One strict model per kind of data entry (field reference: docs/redaktion/felder.md).

Models know nothing about files or MkDocs. Plain-text fields have their white
space folded to single spaces (a line break has no meaning in plain text);
Markdown fields keep theirs. Derived values, such as a funding call's status,
are functions of the model and the build date, never stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Annotated, ClassVar, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from macros.data.hidden_text import contains_hidden, hidden_characters, hidden_text_message
from macros.data.licences import LICENCES
from macros.data.rules import Rule, broken_between_fields
from macros.wording import MONTHS, german_date

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PHONE = re.compile(r"\+?[0-9 ()/-]{3,30}")
# Plausible bounds: the network works with dates of this century and sums of a
# Kreis; anything beyond is a typo (an extra digit, 9999-12-31, a wrong year).
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_EURO = 1_000_000_000


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                                  "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"})


def slug_from_title(title: str) -> str:
    """The id for a new entry: 'Smarte Nahversorgung für Höxter' → 'smarte-nahversorgung-fuer-hoexter'."""
    text = unicodedata.normalize("NFKD", title.translate(_TRANSLITERATION))
    text = text.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))


def _control_characters(text: str, allowed: str = "") -> bool:
    """Hidden characters (hidden_text.py); tab and line breaks count unless ``allowed``."""
    # In C over the whole text (hidden_text.py): a character-by-character test made a third of
    # the build's time at 1,000 entries.
    return contains_hidden(text) or any(c in text for c in "\t\n\r" if c not in allowed)


def _plain_text(value: object) -> object:
    if not isinstance(value, str):
        return value  # the str type check reports it
    if _control_characters(value, "\n\t\r"):
        raise ValueError(hidden_text_message(hidden_characters(value)))
    folded = " ".join(value.split())
    if not folded:
        raise ValueError("darf nicht leer sein")
    return folded


def _markdown_text(value: object) -> object:
    if not isinstance(value, str):
        return value
    if _control_characters(value, "\n\t\r"):
        raise ValueError(hidden_text_message(hidden_characters(value)))
    if not value.strip():
        raise ValueError("darf nicht leer sein")
    return value.strip() + "\n"


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(f"'{value}' ist keine gültige Kennung: nur Kleinbuchstaben a–z, Ziffern "
                         "und einzelne Bindestriche (Umlaute umschreiben: ö → oe, ß → ss)")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, date):
        parsed = value
    elif not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"'{value}' ist kein Datum im Format JJJJ-MM-TT (z. B. 2026-03-31)")
    else:
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' ist kein Datum, das es gibt") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValueError(f"'{value}' liegt außerhalb des sinnvollen Zeitraums "
                         f"({EARLIEST_DATE.year} bis {LATEST_DATE.year}); bitte das Jahr prüfen")
    return parsed


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source: the day (2019-03-20), the month (2023-02) or the year (2021).

    Sources often give no more than a month or a year; the data says so instead of inventing a day.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """2023-02: how it is written in data and open data (ISO 8601 with reduced precision)."""
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v is not None]
        return "-".join(parts)

    @property
    def german(self) -> str:
        """20.03.2019, Februar 2023 or 2021: how it reads on the site."""
        if self.day is not None:
            return german_date(self.first_day)
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Known only to the month or year: after the exact dates of that month or year."""
        return (self.year, self.month or 13, self.day or 32)

    def __str__(self) -> str:
        return self.iso


def _partial_date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, date):
        value = value.isoformat()
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    match = _PARTIAL_DATE.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"'{value}' ist kein Datum: JJJJ-MM-TT, JJJJ-MM (nur der Monat ist bekannt) oder "
                         "JJJJ (nur das Jahr ist bekannt), z. B. 2023-02")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        parsed = PartialDate(year, month, day)
        first = parsed.first_day
    except ValueError:
        raise ValueError(f"'{value}' ist kein Datum, das es gibt") from None
    if not EARLIEST_DATE <= first <= LATEST_DATE:
        raise ValueError(f"'{value}' liegt außerhalb des sinnvollen Zeitraums "
                         f"({EARLIEST_DATE.year} bis {LATEST_DATE.year}); bitte das Jahr prüfen")
    return parsed


def _url(schemes: tuple[str, ...]):
    def check(value: str) -> str:
        parts = urlsplit(value)
        if any(c.isspace() for c in value) or _control_characters(value):
            raise ValueError("eine Webadresse darf keine Leerzeichen enthalten")
        if parts.scheme not in schemes or not parts.hostname:
            wanted = " oder ".join(f"{s}://" for s in schemes)
            raise ValueError(f"'{value}' ist keine gültige Webadresse (muss mit {wanted} beginnen)")
        if parts.username or parts.password:
            raise ValueError("eine Webadresse darf keine Zugangsdaten enthalten")
        return value
    return check


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"'{value}' ist keine gültige E-Mail-Adresse")
    return value


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError(f"'{value}' ist keine Telefonnummer (erlaubt: Ziffern, Leerzeichen, + / - ( ))")
    return value


PlainText = Annotated[str, BeforeValidator(_plain_text)]
ShortText = Annotated[str, BeforeValidator(_plain_text), Field(max_length=200)]
Summary = Annotated[str, BeforeValidator(_plain_text), Field(max_length=300)]
MarkdownText = Annotated[str, BeforeValidator(_markdown_text), Field(max_length=20_000)]
# WithJsonSchema: what editors' YAML tooling checks while typing (see macros.commands.schemas).
Slug = Annotated[str, Field(strict=True), AfterValidator(_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
IsoDate = Annotated[date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
HttpUrl = Annotated[str, Field(strict=True, max_length=2000), AfterValidator(_url(("http", "https"))),
                    WithJsonSchema({"type": "string", "pattern": "^https?://[^\\s]+$"})]
HttpsUrl = Annotated[str, Field(strict=True, max_length=2000), AfterValidator(_url(("https",))),
                     WithJsonSchema({"type": "string", "pattern": "^https://[^\\s]+$"})]
# A date known to the day, the month or the year: 2019-03-20, 2023-02, 2021.
When = Annotated[PartialDate, PlainValidator(_partial_date), PlainSerializer(lambda d: d.iso, return_type=str),
                 WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})]
Email = Annotated[str, Field(strict=True), AfterValidator(_email),
                  WithJsonSchema({"type": "string", "format": "email"})]
Phone = Annotated[str, BeforeValidator(_plain_text), AfterValidator(_phone)]
Euro = Annotated[int, Field(strict=True, ge=0, le=MAX_EURO)]

Area = Literal["smart-region", "e-government"]
ProjectStatus = Literal["idee", "geplant", "laufend", "pausiert", "abgeschlossen", "unbekannt"]
FundingLevel = Literal["eu", "bund", "land", "kreis", "stiftung", "sonstige"]
FundingStatus = Literal["angekuendigt", "offen", "endet-bald", "abgelaufen", "laufend", "unbekannt"]
ResolutionStatus = Literal["geplant", "beschlossen", "abgelehnt"]
TownKind = Literal["kreis", "stadt"]

DEADLINE_SOON = timedelta(days=30)
UNFINISHED_PROJECT_STATUS = ("geplant", "laufend")
ALIASES_HELP = "Frühere Kennungen nach einer Umbenennung; die alten Adressen leiten weiter"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)
    # Rules between fields and against the build day, as data (macros/data/rules.py): the
    # model, the plausibility check and the form editor apply the same ones.
    rules: ClassVar[tuple[Rule, ...]] = ()

    @model_validator(mode="after")
    def _rules_between_fields(self):
        broken = broken_between_fields(self)
        if broken:
            raise ValueError(f"{broken[0].field}: {broken[0].text(self)}")
        return self


class Source(_Entry):
    """Where a record's facts come from: a document, a web page or both."""

    title: ShortText = Field(description="Titel der Quelle, z. B. 'Beschlussvorlage der Stadt Brakel vom 07.03.2022'")
    url: HttpUrl | None = Field(None, description="Webadresse der Quelle, beginnt mit https:// oder http://")
    reference: ShortText | None = Field(None, description="Fundstelle ohne Webadresse, z. B. Vorlagennummer, Aktenzeichen, Seite")
    date: IsoDate | None = Field(None, description="Datum der Quelle (JJJJ-MM-TT)")
    rules = (
        Rule("one_of", "url", "bitte eine Webadresse oder eine Fundstelle angeben", other="reference"),
        Rule("not_future", "date", "Die Quelle ist auf den {value} datiert, also in der Zukunft. "
                                   "Bitte das Datum der Quelle prüfen."),
    )


SOURCES_HELP = ("Quellen der Angaben: je Quelle ein Titel und eine Webadresse oder eine Fundstelle, "
                "dazu das Datum")
REVIEWED_RULE = Rule("not_future", "reviewed", "Das Prüfdatum {value} liegt in der Zukunft. Bitte das Datum "
                                               "eintragen, an dem die Angaben wirklich geprüft wurden.")
TO_CONFIRM_HELP = "Noch zu bestätigen: Angaben, die noch bestätigt werden müssen (erscheinen als Hinweis; vor der Veröffentlichung klären)"


class _Record(_Entry):
    """A record editors keep in data/: it names its sources and what is still open."""

    sources: list[Source] = Field([], description=SOURCES_HELP)
    to_confirm: list[ShortText] = Field([], description=TO_CONFIRM_HELP)


T = TypeVar("T")


@cache
def json_schema(model: type[BaseModel]) -> dict:
    """``model``'s JSON schema, made once per run (pydantic makes it anew on every call, and the
    editor's configuration reads each several times). Shared: read it, never change it."""
    return model.model_json_schema()


def shared_fields_last(fields: Iterable[tuple[str, T]]) -> list[tuple[str, T]]:
    """(name, value) pairs with the fields every record shares (sources, to_confirm) last:
    the order of the files, the field reference, the exports and the editor."""
    return sorted(fields, key=lambda item: item[0] in _Record.model_fields)


class Link(_Entry):
    title: ShortText = Field(description="Angezeigter Text des Links")
    url: HttpUrl = Field(description="Webadresse, beginnt mit https:// oder http://")


class PostalAddress(_Entry):
    """A public postal address of an office (never a private one)."""

    street: ShortText = Field(description="Straße und Hausnummer, z. B. 'Moltkestraße 12'")
    postcode: Annotated[str, Field(strict=True, pattern=r"^[0-9]{5}$")] = Field(
        description="Postleitzahl, fünf Ziffern (in Anführungszeichen, z. B. \"37671\")")
    city: ShortText = Field(description="Ort, z. B. 'Höxter'")


class Resolution(_Entry):
    """A council's decision to join the network and fund it."""

    body: ShortText = Field(description="Gremium, das beschließt, z. B. 'Rat der Stadt Brakel'")
    status: ResolutionStatus = Field(description="Stand des Beschlusses: geplant, beschlossen oder abgelehnt")
    date: IsoDate | None = Field(None, description="Datum der Sitzung (JJJJ-MM-TT); Pflicht, sobald beschlossen oder abgelehnt")
    reference: ShortText | None = Field(None, description="Vorlagen- oder Drucksachennummer")
    rules = (Rule("given_unless", "date", "ein gefasster Beschluss braucht ein Datum", other="status", unless="geplant"),)


class Town(_Record):
    """A member of the network: the Kreis or one of its towns."""

    id: Slug = Field(description="Kennung, z. B. 'brakel' (Kleinbuchstaben, Umlaute umschreiben)")
    name: ShortText = Field(description="Name, z. B. 'Stadt Brakel'")
    kind: TownKind = Field(description="Art: kreis oder stadt")
    website: HttpsUrl | None = Field(None, description="Website, beginnt mit https://")
    resolution: Resolution | None = Field(None, description="Beschluss zum Beitritt und zur Finanzierung des Netzwerks")


class Contact(_Record):
    """A point of contact; ``public: false`` keeps it out of every output."""

    id: Slug = Field(description="Kennung, z. B. 'digitalisierung-brakel'")
    name: ShortText = Field(description="Person oder Funktion, z. B. 'Geschäftsstelle Digitalnetzwerk'")
    role: ShortText = Field(description="Aufgabe oder Rolle")
    org: Slug = Field(description="Mitglied (Kennung)")
    email: Email | None = Field(None, description="E-Mail-Adresse (Funktionspostfach bevorzugt)")
    phone: Phone | None = Field(None, description="Telefonnummer")
    address: PostalAddress | None = Field(None, description="Postanschrift der Dienststelle")
    hours: ShortText | None = Field(None, description="Öffnungs- oder Sprechzeiten, z. B. 'Mo–Fr 8–12 Uhr'; "
                                                       "nur, wenn eine Quelle sie nennt")
    topics: list[Slug] = Field([], description="Themen (Kennungen), für die der Kontakt zuständig ist")
    public: Annotated[bool, Field(strict=True)] = Field(description="Öffentlich: true = veröffentlichen; false = erscheint nirgends auf der Website")


class Project(_Record):
    id: Slug = Field(description="Kennung = Dateiname")
    title: ShortText = Field(description="Titel des Projekts")
    area: Area = Field(description="Handlungsfeld: e-government oder smart-region")
    status: ProjectStatus = Field(description="Stand: idee, geplant, laufend, pausiert, abgeschlossen oder unbekannt "
                                              "(keine Quelle sagt, wie es heute steht)")
    summary: Summary = Field(description="Kurzbeschreibung in einem Absatz, höchstens 300 Zeichen (einfacher Text)")
    description: MarkdownText | None = Field(None, description="Ausführliche Beschreibung (Markdown erlaubt)")
    towns: Annotated[list[Slug], Field(min_length=1)] = Field(description="Beteiligte Mitglieder (Kennungen), mindestens eines")
    lead: Slug | None = Field(None, description="Federführender Kontakt (Kennung)")
    contacts: list[Slug] = Field([], description="Weitere Kontakte (Kennungen)")
    start: IsoDate | None = Field(None, description="Beginn (JJJJ-MM-TT)")
    end: IsoDate | None = Field(None, description="Ende (JJJJ-MM-TT), nicht vor dem Beginn")
    budget_eur: Euro | None = Field(None, description="Gesamtvolumen in ganzen Euro (mit Eigenanteilen)")
    grant_eur: Euro | None = Field(None, description="Davon Fördermittel in ganzen Euro; nicht mehr als das Gesamtvolumen")
    funding: list[Slug] = Field([], description="Förderprogramme (Kennungen)")
    funding_excluded: dict[Slug, ShortText] = Field(
        {}, description="Nicht passende Förderprogramme: die, die nicht passen, obwohl der Abgleich sie vorschlagen würde: "
                        "Kennung des Programms: Grund")
    topics: list[Slug] = Field([], description="Themen (Kennungen), z. B. nahversorgung, mobilitaet")
    links: list[Link] = Field([], description="Weiterführende Links, je mit angezeigtem Text und Webadresse")
    aliases: list[Slug] = Field([], description=ALIASES_HELP)
    reviewed: IsoDate = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT)")
    rules = (
        Rule("not_before", "end", "das Ende liegt vor dem Beginn", other="start"),
        Rule("not_above", "grant_eur", "die Fördermittel ({value} €) sind höher als das Gesamtvolumen "
                                       "({other_value} €); bitte beide Beträge prüfen", other="budget_eur"),
        REVIEWED_RULE,
    )

    def ends_before(self, today: date) -> bool:
        """Planned or running, although its end has passed: a status nobody updated."""
        return self.status in UNFINISHED_PROJECT_STATUS and self.end is not None and self.end < today


ApplicantKind = Literal["kreis", "stadt", "gemeinde", "zweckverband", "verein", "unternehmen", "hochschule"]
Cooperation = Literal["keine", "interkommunal", "neue-interkommunale"]


class FundingConditions(_Entry):
    """What a call demands of a project; the funding match checks it or lists it to check."""

    applicants: list[ApplicantKind] = Field(
        [], description="Wer Anträge stellen darf: kreis, stadt, gemeinde, zweckverband, verein, unternehmen, hochschule")
    cooperation: Cooperation = Field(
        "keine", description="Verlangte Zusammenarbeit: keine, interkommunal (mehrere Kommunen) oder "
                             "neue-interkommunale (eine neu begründete Zusammenarbeit mehrerer Kommunen)")
    min_years: Annotated[int, Field(strict=True, ge=1, le=30)] | None = Field(
        None, description="Mindestdauer des Vorhabens in Jahren")
    notes: list[ShortText] = Field([], description="Weitere Bedingungen, die im Einzelfall zu prüfen sind")


class FundingCall(_Record):
    id: Slug = Field(description="Kennung = Dateiname")
    title: ShortText = Field(description="Name des Förderprogramms")
    funder: ShortText = Field(description="Fördergeber, z. B. 'Land NRW'")
    level: FundingLevel = Field(description="Ebene: eu, bund, land, kreis, stiftung oder sonstige")
    summary: Summary = Field(description="Kurzbeschreibung, höchstens 300 Zeichen (einfacher Text)")
    description: MarkdownText | None = Field(None, description="Ausführliche Beschreibung (Markdown erlaubt)")
    eligible: PlainText | None = Field(None, description="Wer antragsberechtigt ist")
    rate_percent: Annotated[float, Field(strict=True, ge=0, le=100)] | None = Field(None, description="Förderquote in Prozent (0 bis 100)")
    max_eur: Euro | None = Field(None, description="Höchstbetrag in ganzen Euro")
    opens: IsoDate | None = Field(None, description="Einreichung möglich ab (JJJJ-MM-TT)")
    deadline: IsoDate | None = Field(None, description="Einreichungsfrist (JJJJ-MM-TT); leer = ohne Frist")
    deadline_known: Annotated[bool, Field(strict=True)] = Field(
        True, description="Frist bekannt: aus (false) heißt, die Frist ist nicht bekannt – nicht: das Programm hat "
                          "keine Frist. Gilt nur ohne Einreichungsfrist (deadline): steht dort ein Datum, ist sie bekannt")
    url: HttpsUrl = Field(description="Offizielle Ausschreibung, beginnt mit https://")
    areas: list[Area] = Field([], description="Passende Handlungsfelder")
    topics: list[Slug] = Field([], description="Themen (Kennungen)")
    conditions: FundingConditions | None = Field(None, description="Fördervoraussetzungen, die der Abgleich mit den Projekten prüft")
    aliases: list[Slug] = Field([], description=ALIASES_HELP)
    reviewed: IsoDate = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT)")
    rules = (
        Rule("not_before", "deadline", "die Frist endet vor dem Beginn der Einreichung", other="opens"),
        Rule("only_without", "deadline_known", "steht eine Frist unter deadline, ist sie bekannt; "
                                               "bitte deadline_known löschen", other="deadline"),
        REVIEWED_RULE,
    )

    def status(self, today: date) -> FundingStatus:
        """The call's status on ``today``, derived from its dates."""
        if self.opens and today < self.opens:
            return "angekuendigt"
        if self.deadline is None:
            return "laufend" if self.deadline_known else "unbekannt"
        if today > self.deadline:
            return "abgelaufen"
        if self.deadline - today <= DEADLINE_SOON:
            return "endet-bald"
        return "offen"


Stage = Literal["idee", "analyse", "pilot", "betrieb"]
Level = Literal["hoch", "mittel", "gering"]
Participation = Literal["nutzt", "beteiligt", "interessiert", "kein-bedarf", "offen"]
TrainingFormat = Literal["praesenz", "online", "hybrid", "selbstlernen"]
WorkOrderStatus = Literal["offen", "in-arbeit", "erledigt", "zurueckgestellt"]
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def _clock(value: object) -> object:
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        raise ValueError(f"'{value}' ist keine Uhrzeit im Format HH:MM (z. B. 09:30)")
    return value


Clock = Annotated[str, BeforeValidator(_clock),
                  WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"})]


class SharedService(_Record):
    """A task that members could do together (Potenziale der Shared Services)."""

    id: Slug = Field(description="Kennung = Dateiname")
    title: ShortText = Field(description="Name der gemeinsamen Leistung")
    summary: Summary = Field(description="Kurzbeschreibung, höchstens 300 Zeichen (einfacher Text)")
    description: MarkdownText | None = Field(None, description="Ausführliche Beschreibung (Markdown erlaubt)")
    area: Area = Field(description="Handlungsfeld: e-government oder smart-region")
    stage: Stage = Field(description="Stand: idee, analyse, pilot oder betrieb")
    potential: Level = Field(description="Nutzen für die Mitglieder: hoch, mittel oder gering")
    effort: Level = Field(description="Aufwand der Einführung: hoch, mittel oder gering")
    lead: Slug | None = Field(None, description="Federführender Kontakt (Kennung)")
    participation: dict[Slug, Participation] = Field(
        {}, description="Beteiligung je Mitglied (Kennung: nutzt, beteiligt, interessiert, kein-bedarf "
                        "oder offen); nicht genannte Mitglieder gelten als offen")
    topics: list[Slug] = Field([], description="Themen (Kennungen)")
    aliases: list[Slug] = Field([], description=ALIASES_HELP)
    reviewed: IsoDate = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT)")
    rules = (REVIEWED_RULE,)


class TrainingSession(_Entry):
    """One date of a training."""

    date: IsoDate = Field(description="Tag (JJJJ-MM-TT)")
    start: Clock = Field(description="Beginn (HH:MM)")
    end: Clock = Field(description="Ende (HH:MM)")
    place: ShortText | None = Field(None, description="Ort mit Adresse; leer bei reinen Online-Terminen")
    online: Annotated[bool, Field(strict=True)] = Field(False, description="Online: true = online (Zugang nach Anmeldung)")
    registration: HttpsUrl | None = Field(None, description="Anmeldung, beginnt mit https://")
    note: ShortText | None = Field(None, description="Hinweis, z. B. 'ausgebucht'")
    rules = (
        Rule("one_of", "place", "bitte einen Ort angeben oder den Termin als online kennzeichnen", other="online"),
        Rule("after", "end", "das Ende liegt nicht nach dem Beginn", other="start"),
    )


class Training(_Record):
    """A training offer of the network and its dates."""

    id: Slug = Field(description="Kennung = Dateiname")
    title: ShortText = Field(description="Titel der Schulung")
    summary: Summary = Field(description="Kurzbeschreibung, höchstens 300 Zeichen (einfacher Text)")
    description: MarkdownText | None = Field(None, description="Ausführliche Beschreibung (Markdown erlaubt)")
    format: TrainingFormat = Field(description="Form: praesenz, online, hybrid oder selbstlernen")
    audience: ShortText = Field(description="Zielgruppe, z. B. 'Beschäftigte der Bürgerbüros'")
    area: Area = Field(description="Handlungsfeld: e-government oder smart-region")
    trainers: list[Slug] = Field([], description="Ansprechstellen (Kennungen)")
    materials: list[Slug] = Field([], description="Schulungsunterlagen (Kennungen der Unterlagen-Seiten)")
    sessions: list[TrainingSession] = Field([], description="Termine")
    topics: list[Slug] = Field([], description="Themen (Kennungen)")
    aliases: list[Slug] = Field([], description=ALIASES_HELP)
    reviewed: IsoDate = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT)")
    rules = (REVIEWED_RULE,)


class Meeting(_Record):
    """A meeting of the Arbeitskreis IT und Digitales."""

    id: Slug = Field(description="Kennung, z. B. 'ak-2026-03'")
    title: ShortText = Field(description="Bezeichnung, z. B. '3. Sitzung des Arbeitskreises'")
    date: IsoDate = Field(description="Tag (JJJJ-MM-TT)")
    start: Clock | None = Field(None, description="Beginn (HH:MM)")
    end: Clock | None = Field(None, description="Ende (HH:MM)")
    place: ShortText | None = Field(None, description="Ort")
    agenda: list[ShortText] = Field([], description="Themen der Tagesordnung")
    minutes: HttpsUrl | None = Field(None, description="Protokoll (Link), sobald veröffentlicht")


class WorkOrder(_Record):
    """A work order of the Arbeitskreis IT und Digitales to the network."""

    id: Slug = Field(description="Kennung")
    title: ShortText = Field(description="Auftrag in einem Satz")
    summary: Summary | None = Field(None, description="Erläuterung, höchstens 300 Zeichen")
    meeting: Slug | None = Field(None, description="Sitzung, in der der Auftrag erteilt wurde (Kennung)")
    issued: IsoDate = Field(description="Erteilt am (JJJJ-MM-TT)")
    status: WorkOrderStatus = Field(description="Stand: offen, in-arbeit, erledigt oder zurueckgestellt")
    result: ShortText | None = Field(None, description="Ergebnis, sobald erledigt")
    projects: list[Slug] = Field([], description="Zugehörige Projekte (Kennungen)")
    reviewed: IsoDate = Field(description="Datum der letzten inhaltlichen Prüfung (JJJJ-MM-TT)")
    rules = (REVIEWED_RULE,)


HAPPENED = ("Das Datum {value} liegt in der Zukunft. Die Chronik und die Förderbescheide nennen, was "
            "geschehen ist; Termine gehören in die Terminlisten.")


class _SourcedRecord(_Record):
    """A record that states what happened: without a source it is not taken at all."""

    sources: Annotated[list[Source], Field(min_length=1)] = Field(description=SOURCES_HELP + "; mindestens eine")


class Grant(_SourcedRecord):
    """Money that was granted: a Zuwendungs- or Förderbescheid, not a call one could still apply to."""

    id: Slug = Field(description="Kennung, z. B. 'ikz-digitalnetzwerk-2023'")
    title: ShortText = Field(description="Wofür, in wenigen Worten, z. B. 'Landesförderung für den Aufbau des Digitalnetzwerks'")
    funder: ShortText = Field(description="Wer fördert, z. B. 'Land Nordrhein-Westfalen (MHKBD)'")
    programme: ShortText = Field(description="Förderprogramm, wie die Quelle es nennt")
    call: Slug | None = Field(None, description="Das Förderprogramm (Kennung), falls es auf dieser Website eingetragen ist")
    recipient: ShortText = Field(description="Wer die Förderung erhalten hat, z. B. 'Kreis Höxter'")
    projects: Annotated[list[Slug], Field(min_length=1)] = Field(description="Geförderte Projekte (Kennungen), mindestens eines")
    amount_eur: Euro | None = Field(None, description="Betrag in ganzen Euro; leer, wenn keine Quelle ihn nennt")
    amount_note: ShortText | None = Field(None, description="Erläuterung zum Betrag, z. B. 'rund', 'Bundesanteil'")
    awarded: When | None = Field(None, description="Bewilligt am: JJJJ-MM-TT, JJJJ-MM oder JJJJ – so genau, wie die Quelle es sagt")
    period: ShortText | None = Field(None, description="Förderzeitraum, wie die Quelle ihn nennt, z. B. '2022 bis 2025'")
    rules = (Rule("not_future", "awarded", HAPPENED),)


MilestoneKind = Literal["beschluss", "foerderung", "start", "ende", "auszeichnung", "veroeffentlichung",
                        "veranstaltung"]


class Milestone(_SourcedRecord):
    """A dated step in the network's history (Chronik): decisions, grants, starts and ends, awards."""

    id: Slug = Field(description="Kennung, z. B. 'foerderbescheid-digitalnetzwerk'")
    date: When = Field(description="Datum: JJJJ-MM-TT, JJJJ-MM oder JJJJ – so genau, wie die Quelle es sagt")
    title: ShortText = Field(description="Was geschah, in einem kurzen Satz")
    kind: MilestoneKind = Field(description="Art: beschluss, foerderung, start, ende, auszeichnung, "
                                            "veroeffentlichung oder veranstaltung")
    summary: Summary | None = Field(None, description="Erläuterung, höchstens 300 Zeichen (einfacher Text)")
    projects: list[Slug] = Field([], description="Betroffene Projekte (Kennungen)")
    grants: list[Slug] = Field([], description="Betroffene Förderbescheide (Kennungen)")
    towns: list[Slug] = Field([], description="Betroffene Mitglieder (Kennungen)")
    news: Annotated[bool, Field(strict=True)] = Field(
        False, description="Neuigkeit: true = erscheint auch im Feed von Aktuelles")
    rules = (Rule("not_future", "date", HAPPENED),)


class GlossaryTerm(_Record):
    """An abbreviation or term of the field, explained once."""

    id: Slug = Field(description="Kennung, z. B. 'ozg'")
    term: Annotated[str, Field(strict=True, min_length=1, max_length=40,
                               pattern=r"^[A-Za-z0-9ÄÖÜäöüß][A-Za-z0-9ÄÖÜäöüß .\-/&]*$")] = Field(
        description="Begriff oder Abkürzung, wie er im Text steht, z. B. 'OZG'")
    long: ShortText = Field(description="Langform, z. B. 'Onlinezugangsgesetz'")
    definition: PlainText = Field(description="Erklärung in ein bis drei Sätzen")
    synonyms: list[ShortText] = Field([], description="Andere Schreibweisen und Begriffe, z. B. 'elektronische Akte'")


class SearchWords(_Record):
    """Words visitors type for something the site calls otherwise (search only, never shown)."""

    id: Slug = Field(description="Kennung, z. B. 'foerderung'")
    term: ShortText = Field(description="Das Wort, das auf der Website steht, z. B. 'Förderung'")
    synonyms: Annotated[list[ShortText], Field(min_length=1)] = Field(
        description="Suchwörter: Wörter, mit denen Besucher danach suchen, z. B. 'Zuschuss', 'Fördergeld'")


class Topic(_Record):
    """A field of action (Handlungsfeld) that entries are tagged with."""

    id: Slug = Field(description="Kennung, wie sie in topics: der Einträge steht, z. B. 'nahversorgung'")
    name: ShortText = Field(description="Anzeigename, z. B. 'Nahversorgung'")
    description: PlainText | None = Field(None, description="Beschreibung: ein Satz, worum es in diesem Thema geht")


# --- the operator of the site: what the legal pages are made of (data/site.yml) --------------

PostalCode = Annotated[str, Field(strict=True, pattern=r"^\d{5}$"),
                       WithJsonSchema({"type": "string", "pattern": r"^\d{5}$"})]
ConformanceStatus = Literal["vollstaendig", "teilweise", "nicht"]


class Address(_Entry):
    """A postal address in Germany."""

    street: ShortText = Field(description="Straße und Hausnummer, z. B. 'Moltkestraße 12'")
    postal_code: PostalCode = Field(description="Postleitzahl, fünf Ziffern, in Anführungszeichen")
    city: ShortText = Field(description="Ort, z. B. 'Höxter'")


class Reachable(_Entry):
    """A person, function or body and how to reach it."""

    name: ShortText = Field(description="Name der Person, Funktion oder Stelle")
    address: Address | None = Field(None, description="Postanschrift")
    email: Email | None = Field(None, description="E-Mail-Adresse (Funktionspostfach)")
    phone: Phone | None = Field(None, description="Telefonnummer")
    website: HttpsUrl | None = Field(None, description="Website, beginnt mit https://")


class Operator(Reachable):
    """The body responsible for the site (Anbieter nach § 5 DDG)."""

    legal_form: ShortText | None = Field(None, description="Rechtsform, z. B. 'Körperschaft des öffentlichen Rechts'")
    representative: ShortText | None = Field(None, description="Vertretungsberechtigte Person mit Funktion, z. B. 'Landrat Max Muster'")
    vat_id: ShortText | None = Field(None, description="Umsatzsteuer-Identifikationsnummer, falls vorhanden")


class Hosting(_Entry):
    """Where the site is served from, and what the server keeps."""

    provider: ShortText = Field(description="Wer den Webserver betreibt (Name und Sitz)")
    log_retention_days: Annotated[int, Field(strict=True, ge=0, le=365)] | None = Field(
        None, description="Nach wie vielen Tagen die Protokolle des Webservers gelöscht werden")


class Barrier(_Entry):
    """A part of the site that is not accessible, and why."""

    content: ShortText = Field(description="Welcher Inhalt nicht barrierefrei ist")
    reason: ShortText = Field(description="Begründung (z. B. unverhältnismäßige Belastung, nicht im Anwendungsbereich)")
    alternative: ShortText | None = Field(None, description="Wie man die Information trotzdem bekommt")


class Accessibility(_Entry):
    """What the accessibility statement (BGG NRW, BITV NRW) says."""

    status: ConformanceStatus | None = Field(None, description="Vereinbarkeit mit den Anforderungen: vollstaendig, teilweise oder nicht")
    barriers: list[Barrier] = Field([], description="Nicht barrierefreie Inhalte mit Begründung")
    method: ShortText | None = Field(None, description="Wie bewertet wurde, z. B. 'Selbstbewertung mit automatischen Prüfwerkzeugen'")
    statement_date: IsoDate | None = Field(None, description="Erstellt am (JJJJ-MM-TT): Datum der Erklärung")
    reviewed_date: IsoDate | None = Field(None, description="Datum der letzten Überprüfung der Erklärung (JJJJ-MM-TT)")
    contact: Reachable | None = Field(None, description="Wohin Rückmeldungen zur Barrierefreiheit gehen")
    response_weeks: Annotated[int, Field(strict=True, ge=1, le=26)] | None = Field(None, description="Innerhalb wie vieler Wochen geantwortet wird")
    enforcement: Reachable | None = Field(None, description="Die Ombudsstelle für barrierefreie Informationstechnik des Landes NRW")


class Licence(_Entry):
    name: ShortText = Field(description="Name der Lizenz")
    url: HttpsUrl = Field(description="Webadresse des Lizenztexts")


class OpenDataLicence(_Entry):
    """The licence of the open data: one of the DCAT-AP.de list, which data portals harvest."""

    name: ShortText = Field(description="Name der Lizenz, z. B. 'Datenlizenz Deutschland – Namensnennung – Version 2.0'")
    id: Literal[tuple(LICENCES)] = Field(description="Kennung der Lizenz in der Lizenzliste von DCAT-AP.de")
    url: HttpsUrl = Field(description="Webadresse des Lizenztexts")


class SiteInfo(_Record):
    """Who runs the site: the legal pages are generated from this."""

    operator: Operator = Field(description="Anbieter der Website (Impressum, Verantwortliche Stelle im Datenschutz)")
    content_responsible: Reachable | None = Field(None, description="Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV (Name und Anschrift)")
    supervisory_authority: Reachable | None = Field(None, description="Aufsichtsbehörde des Anbieters")
    data_protection_officer: Reachable | None = Field(None, description="Behördliche Datenschutzbeauftragte oder behördlicher Datenschutzbeauftragter")
    data_protection_authority: Reachable | None = Field(None, description="Datenschutz-Aufsichtsbehörde (in NRW: LDI NRW)")
    hosting: Hosting | None = Field(None, description="Betrieb des Webservers")
    contact_retention: ShortText | None = Field(None, description="Wann Anfragen per E-Mail gelöscht werden")
    content_licence: Licence | None = Field(None, description="Lizenz der Texte")
    open_data_licence: OpenDataLicence | None = Field(
        None, description="Lizenz der offenen Daten unter /daten/ (Lizenzliste von DCAT-AP.de)")
    accessibility: Accessibility = Field(Accessibility(), description="Erklärung zur Barrierefreiheit")
    feedback_email: Email | None = Field(None, description="Wohin das Rückmeldeformular schreibt (sonst: Kontakt der Barrierefreiheit)")


class EditorSettings(_Entry):
    """``extra.editor`` in mkdocs.yml: how the browser editor reaches the repository."""

    branch: Slug = Field("main", description="Zweig, in den Änderungen nach der Prüfung kommen")
    gitlab_app_id: ShortText | None = Field(
        None, description="GitLab/OpenCoDE: Application ID der OAuth-Anwendung (PKCE, ohne Geheimnis)")
    oauth_base_url: HttpsUrl | None = Field(
        None, description="GitHub: Adresse des OAuth-Dienstes, der die Anmeldung vermittelt")
    local_backend: HttpUrl | None = Field(
        None, description="Nur zum Ausprobieren: Adresse von decap-server auf diesem Rechner")
