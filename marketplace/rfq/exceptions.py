"""Domain errors of RFQs and quotes. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict


class RfqNotDraft(Conflict):
    code = "rfq_not_draft"
    title = "Only a draft RFQ can be changed this way"


class RfqNotOpen(Conflict):
    code = "rfq_not_open"
    title = "This RFQ is not open for quotes"


class RfqClosed(Conflict):
    code = "rfq_closed"
    title = "This RFQ is closed: quotes can no longer be made, changed or withdrawn"


class RfqCancelled(Conflict):
    code = "rfq_cancelled"
    title = "This RFQ was cancelled"


class RfqSealed(Conflict):
    code = "rfq_sealed"
    title = "Sealed bidding: quotes are opened when the RFQ closes"


class RfqNotClosed(Conflict):
    code = "rfq_not_closed"
    title = "An RFQ can be awarded only after it closes"


class RfqNotCancellable(Conflict):
    code = "rfq_not_cancellable"
    title = "This RFQ can no longer be cancelled"


class LineAlreadyAwarded(Conflict):
    code = "line_already_awarded"
    title = "A line of this award is already awarded"


class QuoteExists(Conflict):
    code = "quote_exists"
    title = "Your company already has a quote on this RFQ; revise it instead"


class QuoteNotActive(Conflict):
    code = "quote_not_active"
    title = "This quote was withdrawn"


class InviteeHasQuote(Conflict):
    code = "invitee_has_quote"
    title = "This supplier has quoted; it can no longer be removed"


class TooManyAttachments(Conflict):
    code = "too_many_attachments"
    title = "This document already has the maximum number of attachments"
