"""The committee kit's pages for the council's committees (/council/committees/): the two bodies'
committees, where their general, board, critique and training meetings and trips to the counties
are held with attendance, and the board's committees (کمیته‌ها) with their members."""
from flask_babel import lazy_gettext as _l

from core.committees.mount import mount_committee_pages

from ..blueprint import bp

kit = mount_committee_pages(bp, kind="council", title=_l("Councils and committees"),
                            manage_permission="council.manage")
