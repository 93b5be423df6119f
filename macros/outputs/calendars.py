"""iCalendar files (RFC 5545) for funding deadlines, training dates and meetings.

One calendar for everything, one per kind and one per member. UIDs are built
from ids, so a subscribed calendar updates events instead of duplicating them.
Times are local to Europe/Berlin; the time zone definition is included.
Funding deadlines remind ``REMINDER`` before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from macros import urls
from macros.data.catalog import Catalog
from macros.wording import count

BERLIN = ZoneInfo("Europe/Berlin")
REMINDER = timedelta(days=14)
REMINDER_TEXT = count(REMINDER.days // 7, "Woche", "Wochen")  # "2 Wochen": from the constant


@dataclass(frozen=True)
class CalendarFile:
    path: str       # site-relative, e.g. "kalender/fristen.ics"
    title: str
    events: list[Event]


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


class _Events:
    def __init__(self, catalog: Catalog, site_url: str):
        self.catalog = catalog
        self.site_url = site_url.rstrip("/") + "/"
        self.domain = urlsplit(site_url).hostname or "digitalnetzwerk.invalid"
        # DTSTAMP is required; the build date keeps builds reproducible.
        self.stamp = datetime.combine(catalog.today, time(0, 0), tzinfo=UTC)

    def _event(self, uid: str, summary: str, url: str, description: str | None) -> Event:
        event = Event()
        event.add("uid", f"{uid}@{self.domain}")
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        event.add("url", self.site_url + url)
        if description:
            event.add("description", description)
        return event

    def deadline(self, call) -> Event:
        event = self._event(f"frist-{call.id}", f"Förderfrist: {call.title}", urls.entry_url("funding", call.id),
                            call.summary)
        event.add("dtstart", call.deadline)
        event.add("dtend", call.deadline + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"In {REMINDER_TEXT} endet die Frist: {call.title}")
        alarm.add("trigger", -REMINDER)
        event.add_component(alarm)
        return event

    def session(self, training, session) -> Event:
        uid = f"schulung-{training.id}-{session.date.isoformat()}-{session.start.replace(':', '')}"
        event = self._event(uid, f"Schulung: {training.title}", urls.entry_url("trainings", training.id),
                            training.summary)
        event.add("dtstart", datetime.combine(session.date, _clock(session.start), tzinfo=BERLIN))
        event.add("dtend", datetime.combine(session.date, _clock(session.end), tzinfo=BERLIN))
        where = [session.place] if session.place else []
        if session.online:
            where.append("online")
        event.add("location", ", ".join(where))
        return event

    def meeting(self, meeting) -> Event:
        event = self._event(f"sitzung-{meeting.id}", meeting.title,
                            urls.anchor_url(urls.page("arbeitskreis"), f"sitzung-{meeting.id}"),
                            "; ".join(meeting.agenda) or None)
        if meeting.start:
            event.add("dtstart", datetime.combine(meeting.date, _clock(meeting.start), tzinfo=BERLIN))
            end = meeting.end or meeting.start
            event.add("dtend", datetime.combine(meeting.date, _clock(end), tzinfo=BERLIN)
                      + (timedelta(hours=2) if not meeting.end else timedelta(0)))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        return event


def calendar_files(catalog: Catalog, site_url: str) -> list[CalendarFile]:
    """Every calendar the site publishes: the network's, per kind, per member.

    Each event belongs to one owner, so that subscribing to the network and to a
    member shows it once: deadlines of calls that only some members' projects use
    belong to those members; everything else (the other deadlines, trainings,
    meetings) belongs to the network.
    """
    make = _Events(catalog, site_url)
    deadlines = {call.id: make.deadline(call) for call in catalog.funding.values() if call.deadline}
    sessions = [make.session(t, s) for t in sorted(catalog.trainings.values(), key=lambda t: t.id)
                for s in t.sessions]
    meetings = [make.meeting(m) for m in sorted(catalog.meetings.values(), key=lambda m: m.id)]
    owners = _deadline_owners(catalog)
    network = [deadlines[i] for i in sorted(deadlines) if not owners.get(i)]
    files = [
        CalendarFile(urls.calendar_url("alle"), "Digitalnetzwerk Kreis Höxter: Termine des Netzwerks",
                     network + sessions + meetings),
        CalendarFile(urls.calendar_url("fristen"), "Digitalnetzwerk: Förderfristen",
                     [deadlines[i] for i in sorted(deadlines)]),
        CalendarFile(urls.calendar_url("schulungen"), "Digitalnetzwerk: Schulungen", sessions),
        CalendarFile(urls.calendar_url("sitzungen"), "Digitalnetzwerk: Arbeitskreis IT und Digitales", meetings),
    ]
    for town in sorted(catalog.towns.values(), key=lambda t: t.id):
        own = [deadlines[c] for c in sorted(deadlines) if town.id in owners.get(c, ())]
        files.append(CalendarFile(town_calendar(town.id), f"Digitalnetzwerk: eigene Termine von {town.name}", own))
    return files


def _deadline_owners(catalog: Catalog) -> dict[str, set[str]]:
    """Call id → the members whose projects alone use it (empty: the whole network's)."""
    everyone = set(catalog.towns)
    owners: dict[str, set[str]] = {}
    for call_id, projects in catalog.projects_by_funding.items():
        members = set().union(*(set(p.towns) for p in projects))
        owners[call_id] = set() if members >= everyone else members
    return owners


def town_calendar(town_id: str) -> str:
    return urls.calendar_url(town_id)


def to_ics(file: CalendarFile, written: dict[int, bytes] | None = None) -> bytes:
    """The calendar as iCalendar text. ``written``: the text of each event so far, shared by the
    calendars of one build, so that an event in several calendars (most are in two or three)
    is written once."""
    calendar = Calendar()
    calendar.add("prodid", "-//Digitalnetzwerk Kreis Höxter//Wissensplattform//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", file.title)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for event in file.events:
        calendar.add_component(event)
    calendar.add_missing_timezones()  # inserted before the events
    # icalendar writes a calendar line by line, its components one after another: the
    # calendar with its time zones only, and the events' own text before its last line.
    calendar.subcomponents = calendar.timezones
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    written = {} if written is None else written
    for event in file.events:
        if id(event) not in written:
            written[id(event)] = event.to_ical()
    return b"".join([head, *(written[id(event)] for event in file.events), b"END:VCALENDAR", end])
