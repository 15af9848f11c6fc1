"""The news plugin's tables, one file per part of the department's work (all prefixed ``news_``)."""
from .bulletins import Bulletin, BulletinEntry
from .events import Caption, Event
from .items import Channel, Editor, NewsItem, Publication, Topic
from .media import OutletContact, Reporter
from .press import Announcement, PressConference

__all__ = ["Announcement", "Bulletin", "BulletinEntry", "Caption", "Channel", "Editor", "Event",
           "NewsItem", "OutletContact", "PressConference", "Publication", "Reporter", "Topic"]
