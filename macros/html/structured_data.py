"""schema.org descriptions of what pages show, as JSON-LD values (templates write them).

Search engines and calendar tools read them: the network and its members as
``GovernmentOrganization``, trainings and meetings as ``Event``, the open data as
``DataCatalog``. The context is given as ``@vocab`` so that any JSON-LD processor
reads them without fetching anything. Values are plain data: the template writes
them with Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``, so no
text can end the ``<script>`` element.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

CONTEXT = {"@vocab": "https://schema.org/"}
NETWORK_NAME = "Digitalnetzwerk Kreis Höxter"
BERLIN = ZoneInfo("Europe/Berlin")
_ATTENDANCE = {"praesenz": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
               "hybrid": "MixedEventAttendanceMode"}


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def _moment(day: date, clock) -> str:
    """An ISO date-time with the offset that holds in Höxter on that day."""
    hours, minutes = (int(part) for part in str(clock).split(":")[:2])
    return datetime.combine(day, time(hours, minutes), BERLIN).isoformat()


def network_reference(site_url: str) -> dict:
    return {"@type": "GovernmentOrganization", "@id": _absolute(site_url, "#netzwerk"), "name": NETWORK_NAME,
            "url": _absolute(site_url, "")}


def town(entry, site_url: str, page_path: str) -> dict:
    """One member: a town or the Kreis."""
    return {"@context": CONTEXT, "@type": "GovernmentOrganization", "@id": _absolute(site_url, page_path),
            "name": entry.name, "url": entry.website or _absolute(site_url, page_path),
            "memberOf": network_reference(site_url),
            "areaServed": {"@type": "AdministrativeArea", "name": entry.name.removeprefix("Stadt ")}}


def network(members, site_url: str, page_path: str) -> dict:
    """The network with its members (the members page)."""
    return {"@context": CONTEXT, **network_reference(site_url),
            "description": "Gemeinsames Digitalnetzwerk von Kreis Höxter und seinen zehn Städten für "
                           "E-Government und Smart Region.",
            "areaServed": {"@type": "AdministrativeArea", "name": "Kreis Höxter"},
            "member": [{"@type": "GovernmentOrganization", "name": member.name,
                        "url": member.website or _absolute(site_url, f"{page_path}{member.id}/")}
                       for member in members]}


def training_events(training, site_url: str, page_path: str) -> list[dict]:
    """Each date of a training as an Event."""
    events = []
    for session in training.sessions:
        mode = "MixedEventAttendanceMode" if session.online and session.place else \
            "OnlineEventAttendanceMode" if session.online else _ATTENDANCE.get(training.format,
                                                                                 "OfflineEventAttendanceMode")
        locations = []
        if session.place:
            locations.append({"@type": "Place", "name": session.place, "address": session.place})
        if session.online:
            locations.append({"@type": "VirtualLocation",
                              "url": session.registration or _absolute(site_url, page_path)})
        events.append({
            "@context": CONTEXT, "@type": "Event", "name": training.title, "description": training.summary,
            "startDate": _moment(session.date, session.start), "endDate": _moment(session.date, session.end),
            "eventAttendanceMode": f"https://schema.org/{mode}",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": locations[0] if len(locations) == 1 else locations,
            "organizer": network_reference(site_url), "url": _absolute(site_url, page_path),
            "audience": {"@type": "Audience", "audienceType": training.audience}, "inLanguage": "de",
        })
    return events


def meeting_events(meetings, site_url: str, page_path: str) -> list[dict]:
    """The meetings of the Arbeitskreis as Events (where they take place: as far as known)."""
    events = []
    for meeting in meetings:
        event = {"@context": CONTEXT, "@type": "Event", "name": meeting.title,
                 "startDate": _moment(meeting.date, meeting.start) if meeting.start else meeting.date.isoformat(),
                 "organizer": network_reference(site_url), "url": _absolute(site_url, page_path),
                 "eventStatus": "https://schema.org/EventScheduled", "inLanguage": "de"}
        if meeting.end:
            event["endDate"] = _moment(meeting.date, meeting.end)
        if meeting.place:
            event["location"] = {"@type": "Place", "name": meeting.place, "address": meeting.place}
            event["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        events.append(event)
    return events


def data_catalog(datasets, site_url: str, licence: dict, page_path: str) -> dict:
    """The open data page: the catalog and its datasets (outputs/datasets.py) with their downloads."""
    return {"@context": CONTEXT, "@type": "DataCatalog", "@id": _absolute(site_url, page_path),
            "name": f"Offene Daten des {NETWORK_NAME}", "url": _absolute(site_url, page_path),
            "inLanguage": "de", "license": licence.get("url"), "publisher": network_reference(site_url),
            "dataset": [{"@type": "Dataset", "name": dataset.title, "description": dataset.description,
                         "keywords": list(dataset.keywords), "inLanguage": "de", "license": licence.get("url"),
                         "creator": network_reference(site_url), "isAccessibleForFree": True,
                         "spatialCoverage": {"@type": "AdministrativeArea", "name": "Kreis Höxter"},
                         "distribution": [{"@type": "DataDownload", "encodingFormat": media,
                                           "contentUrl": _absolute(site_url, path)}
                                          for path, media in dataset.media_types().items()]}
                        for dataset in datasets]}
