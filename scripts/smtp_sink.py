"""An aiosmtpd handler for Ombud's tests: a real SMTP server that keeps what it receives.

Started by services.sh as
    /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.EmlDirectory DIR
(with this folder on PYTHONPATH). Each message accepted is written whole, as received, to DIR/<n>.eml (first to a
temporary name, then renamed, so a reader never sees half a file). Recipients whose address starts with "refuse"
are refused with a permanent 550, so a test can watch a refusal without taking the server down.
"""

import itertools
import os


class EmlDirectory:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.numbers = itertools.count(len(os.listdir(directory)) + 1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.EmlDirectory takes one argument: the directory to write messages to")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        number = next(self.numbers)
        final = os.path.join(self.directory, f"{number}.eml")
        partial = final + ".part"
        with open(partial, "wb") as out:
            out.write(content)
        os.replace(partial, final)
        return "250 Message accepted for delivery"
