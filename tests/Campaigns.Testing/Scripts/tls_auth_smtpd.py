#!/usr/bin/env python3
"""A real SMTP server with STARTTLS or implicit TLS and AUTH (aiosmtpd, Debian python3-aiosmtpd), for the
transport tests: smtp-sink speaks neither. Usage: tls_auth_smtpd.py PORT CERT KEY MODE USER PASSWORD MAILDIR
MODE is starttls (TLS required before AUTH) or implicit (TLS from the first byte)."""
import asyncio, os, ssl, sys, uuid
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, mode, user, password, maildir = sys.argv[1:8]
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        with open(os.path.join(maildir, uuid.uuid4().hex + ".eml"), "wb") as f:
            f.write(envelope.original_content or envelope.content)
        return "250 2.0.0 Ok: queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok)


kwargs = dict(hostname="127.0.0.1", port=int(port), authenticator=authenticator, auth_required=True)
if mode == "starttls":
    controller = Controller(Handler(), tls_context=context, require_starttls=True, **kwargs)
else:
    controller = Controller(Handler(), ssl_context=context, auth_require_tls=False, **kwargs)
controller.start()
print("ready", flush=True)
try:
    sys.stdin.read()  # runs until the test closes stdin or kills it
finally:
    controller.stop()
