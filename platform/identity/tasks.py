"""Celery tasks of identity (thin: they call services)."""

from __future__ import annotations

from django.core.mail import send_mail

from hansa.celery import app


@app.task(name="identity.invitation_send_email")
def invitation_send_email(invitation_id: int, link: str) -> None:
    from identity.models import Invitation, InvitationStatus

    invitation = Invitation.objects.select_related("company", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return
    inviter = (
        invitation.invited_by.full_name or invitation.invited_by.email if invitation.invited_by else "Hansa"
    )
    send_mail(
        subject=f"{inviter} invites you to {invitation.company.name} on Hansa / 邀请您加入 {invitation.company.name}",
        message=(
            f"{inviter} invites you to join {invitation.company.name} on Hansa as {', '.join(invitation.roles)}.\n"
            f"{inviter} 邀请您加入 {invitation.company.name}。\n\n"
            f"{link}\n\nThe link works for 7 days. / 链接 7 天内有效。"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )
