"""Writes of RFQs, quotes, awards, and who is notified of what. One module per concern; re-exported here."""

from marketplace.rfq.services.awards import AwardResult, rfq_award
from marketplace.rfq.services.drafts import (
    LineInput,
    rfq_attachment_add,
    rfq_attachment_delete,
    rfq_create,
    rfq_update,
    screening_preset_update,
)
from marketplace.rfq.services.lifecycle import (
    PublishResult,
    invitation_add,
    invitation_remove,
    rfq_cancel,
    rfq_close,
    rfq_close_due,
    rfq_close_if_due,
    rfq_extend,
    rfq_publish,
    supplier_ratings_refresh,
)
from marketplace.rfq.services.notifications import (
    broadcast_invitations,
    notify_event,
)
from marketplace.rfq.services.quotes import (
    QuoteInput,
    QuoteLineInput,
    quote_attachment_add,
    quote_attachment_delete,
    quote_create,
    quote_revise,
    quote_withdraw,
)

__all__ = [
    "AwardResult",
    "LineInput",
    "PublishResult",
    "QuoteInput",
    "QuoteLineInput",
    "broadcast_invitations",
    "invitation_add",
    "invitation_remove",
    "notify_event",
    "quote_attachment_add",
    "quote_attachment_delete",
    "quote_create",
    "quote_revise",
    "quote_withdraw",
    "rfq_attachment_add",
    "rfq_attachment_delete",
    "rfq_award",
    "rfq_cancel",
    "rfq_close",
    "rfq_close_due",
    "rfq_close_if_due",
    "rfq_create",
    "rfq_extend",
    "rfq_publish",
    "rfq_update",
    "screening_preset_update",
    "supplier_ratings_refresh",
]
