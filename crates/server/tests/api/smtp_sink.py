"""A throwaway SMTP server for the tests (aiosmtpd).

Usage: python3 smtp_sink.py DIR PORT

Listens on 127.0.0.1:PORT, writes each message it receives to DIR as one
JSON file (envelope sender and recipients, decoded subject and plain-text
body), prints "ready" once it listens, and runs until it is killed.
"""

import email
import json
import os
import sys
import threading
import uuid
from email import policy

from aiosmtpd.controller import Controller


class JsonMailbox:
    """Writes every message to a directory, atomically, as JSON."""

    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        part = message.get_body(preferencelist=("plain",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": part.get_content() if part is not None else "",
        }
        name = uuid.uuid4().hex
        temporary = os.path.join(self.directory, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.replace(temporary, os.path.join(self.directory, name + ".json"))
        return "250 Message accepted for delivery"


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    controller = Controller(JsonMailbox(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
