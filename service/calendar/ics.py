"""A user's hearings as an RFC 5545 calendar that phone calendars subscribe to.

Times are written in UTC (`Z`), not with TZID=Africa/Nairobi: a TZID needs a VTIMEZONE that
clients read unevenly (Outlook and some Android sync adapters mishandle or ignore it), while
every client converts UTC correctly, and Nairobi keeps no daylight saving, so nothing is lost.
X-WR-TIMEZONE tells Google and Apple calendars to show the feed in Nairobi time.

Nothing here names a survivor: the summary carries the purpose and the court number (or the
internal reference), never the case title, since calendars sync to third-party servers and
show summaries on lock screens.
"""

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, vDuration

from domain.calendar import NAIROBI
from domain.hearings import Hearing, HearingPurpose, HearingStatus
from service.usecases.hearings.calendar_feeds import Feed, FeedItem

PRODID = "-//Haki//Court calendar//EN"
REFRESH = timedelta(minutes=15)
DEFAULT_LENGTH = timedelta(hours=1)
ALARMS = (timedelta(days=1), timedelta(hours=1))
"""how long before a scheduled hearing the phone reminds its owner"""

PURPOSE = {
    HearingPurpose.MENTION: "Mention",
    HearingPurpose.DIRECTIONS: "Directions",
    HearingPurpose.HEARING: "Hearing",
    HearingPurpose.SUBMISSIONS: "Submissions",
    HearingPurpose.JUDGMENT_DELIVERY: "Judgment delivery",
    HearingPurpose.RULING_DELIVERY: "Ruling delivery",
}
FLAG = {HearingStatus.ADJOURNED: "Adjourned: ", HearingStatus.VACATED: "Vacated: "}
"""put in front of the summary, for calendars that show a cancelled or past date plainly"""


def uid(hearing: Hearing) -> str:
    """Stable across every change to the hearing, so a client replaces its copy."""
    return f"hearing-{hearing.id}@haki"


def _nairobi(instant: datetime) -> str:
    local = instant.astimezone(NAIROBI)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} (Nairobi)"


def summary(item: FeedItem) -> str:
    hearing, case = item.hearing, item.case
    flag = FLAG.get(hearing.status, "")
    return f"{flag}{PURPOSE[hearing.purpose]} — {case.court_number or case.reference}"


def location(hearing: Hearing) -> str:
    return ", ".join(part for part in (hearing.station, hearing.court_room) if part)


def description(item: FeedItem) -> str:
    """No outcome or reason: they are free text a person may have typed a name into, and a
    subscribed feed is fetched and kept by the calendar provider's servers."""
    hearing, case = item.hearing, item.case
    numbered = f" ({case.court_number})" if case.court_number else ""
    lines = [
        f"Purpose: {PURPOSE[hearing.purpose]}",
        f"Case: {case.reference}{numbered}",
        f"Before: {hearing.judicial_officer or 'not yet known'}",
        f"Status: {hearing.status.value}",
    ]
    if item.adjourned_from is not None:
        lines.append(f"Adjourned from {_nairobi(item.adjourned_from)}")
    if item.adjourned_to is not None:
        lines.append(f"Adjourned to {_nairobi(item.adjourned_to)}")
    return "\n".join(lines)


def event(item: FeedItem, now: datetime) -> Event:
    hearing = item.hearing
    vevent = Event()
    vevent.add("uid", uid(hearing))
    vevent.add("dtstamp", now)
    vevent.add("created", hearing.created_at)
    vevent.add("dtstart", hearing.starts_at)
    vevent.add("dtend", hearing.ends_at or hearing.starts_at + DEFAULT_LENGTH)
    vevent.add("sequence", hearing.sequence)
    vevent.add("summary", summary(item))
    vevent.add("location", location(hearing))
    vevent.add("description", description(item))
    cancelled = hearing.status is HearingStatus.VACATED
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if hearing.status is HearingStatus.SCHEDULED:
        for before in ALARMS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -before)
            alarm.add("description", summary(item))
            vevent.add_component(alarm)
    return vevent


def render(feed: Feed, now: datetime) -> bytes:
    """`now` is the DTSTAMP of every event: a published feed is revised as of each read."""
    calendar = Calendar()
    name = f"Haki — {feed.owner.full_name}"
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", NAIROBI.key)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for item in feed.items:
        calendar.add_component(event(item, now))
    ics: bytes = calendar.to_ical()
    return ics
