"""Mail to a petitioner: the same text as the text message, sent at once by the sweep's
delivery (not joined to a transaction: the outcome is recorded right after)."""

import smtplib

from pyramid_mailer import get_mailer
from pyramid_mailer.message import Message

from .gateway import SendResult

SUBJECT = "【郑州市教育局】信访事项{title}"


def send_mail(registry, address, title, text):
    body = "\n".join(
        ["您好：", "", text, "", "本邮件由郑州市教育系统信访稳定工作平台自动发送，请勿直接回复。"]
    )
    message = Message(subject=SUBJECT.format(title=title), recipients=[address], body=body)
    mailer = get_mailer(registry)
    smtp = mailer.smtp_mailer
    smtp = getattr(smtp, "inner", smtp)  # the careful wrapper would swallow the failure
    message.sender = message.sender or mailer.default_sender
    email = message.to_message()
    email.policy = email.policy.clone(linesep="\r\n")
    try:
        smtp.send(message.sender, message.send_to, email)
    except (OSError, smtplib.SMTPException) as exc:
        return SendResult(False, code="MailError", message=str(exc)[:200])
    return SendResult(True, code="Ok", message="邮件服务器已接收")
