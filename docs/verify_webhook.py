#!/usr/bin/env python3
"""Check that a webhook delivery came from the exchange, with nothing but Python's standard library.

In a receiver, call verify(secret, headers, raw_body) before trusting the body. From a shell:

    python3 verify_webhook.py --secret whsec_... --id msg_... --timestamp 1767225600 \
        --signature "v1,..." body.json

Exit status: 0 verified (the event's type is printed), 1 rejected (the reason is printed), 2 bad arguments.
"""

import argparse
import base64
import hashlib
import hmac
import json
import sys
import time

TOLERANCE_SECONDS = 5 * 60


def verify(secret, headers, body):
    """The event as a dict when body (bytes, exactly as received) is signed with secret; else ValueError."""
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("the timestamp is more than five minutes from now (a replay, or a wrong clock)")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # During a secret's rotation there are two signatures, space-separated: one match is enough.
    for signature in headers["webhook-signature"].split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise ValueError("no signature matches the body with this secret")


def main():
    parser = argparse.ArgumentParser(description="Verify one webhook delivery.")
    parser.add_argument("--secret", required=True, help="the endpoint's secret, whsec_...")
    parser.add_argument("--id", required=True, help="the webhook-id header")
    parser.add_argument("--timestamp", required=True, help="the webhook-timestamp header")
    parser.add_argument("--signature", required=True, help="the webhook-signature header")
    parser.add_argument("body", help="a file holding the body exactly as received")
    args = parser.parse_args()
    with open(args.body, "rb") as file:
        body = file.read()
    headers = {"webhook-id": args.id, "webhook-timestamp": args.timestamp, "webhook-signature": args.signature}
    try:
        event = verify(args.secret, headers, body)
    except ValueError as e:
        print(f"Rejected: {e}.")
        return 1
    print(f"Verified: {event['type']} at {event['timestamp']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
