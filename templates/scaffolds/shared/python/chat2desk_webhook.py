"""Chat2Desk webhooks, framework-neutral: verify the signature, deduplicate, hand the event to a queue,
dispatch on hook_type. The framework file only reads the raw body and headers and writes the answer."""
# region signature-check
import hashlib
import hmac
import os
import re
import time


def check_chat2desk_signature(raw_body, signature, timestamp, api_token, tolerance_seconds=0):
    """Chat2Desk's "Webhook Signature Verification": X-Signature = hex HMAC-SHA256(raw body + X-Timestamp),
    keyed with hex MD5(API token). Returns why a request is refused, or none. Pass the bytes as received:
    re-serialised JSON (\\u00e9, \\/, 1.0, big integers) is other bytes. A tolerance > 0 also refuses replays."""
    if not api_token:
        return "CHAT2DESK_API_TOKEN is not set"
    if not signature or not timestamp:
        return "missing X-Signature or X-Timestamp"
    if not re.fullmatch(r"[0-9a-fA-F]{64}", signature):
        return "malformed X-Signature"
    if not re.fullmatch(r"[0-9]{1,12}", timestamp):
        return "malformed X-Timestamp"
    if tolerance_seconds > 0 and abs(time.time() - int(timestamp)) > tolerance_seconds:
        return "X-Timestamp outside the allowed window"
    key = hashlib.md5(api_token.encode()).hexdigest().encode()
    expected = hmac.new(key, raw_body + timestamp.encode(), hashlib.sha256).hexdigest()
    # Constant time: a comparison that stops at the first wrong byte tells an attacker how much is right.
    return None if hmac.compare_digest(expected, signature.lower()) else "signature mismatch"


def tolerance_seconds():
    """CHAT2DESK_TIMESTAMP_TOLERANCE seconds; 0 (default) is off: the docs do not say whether resends (up to 2 h
    later) carry a fresh X-Timestamp, and deduplication makes a replayed request harmless."""
    try:
        return int(os.environ.get("CHAT2DESK_TIMESTAMP_TOLERANCE", "0"))
    except ValueError:
        return 0
# endregion

# What the rest of the module needs besides the signature check above.
import json
import queue
import sys
import threading

MESSAGE_EVENTS = ("inbox", "outbox", "comment", "imported_message")
REQUEST_EVENTS = ("new_request", "close_request")


def dedupe_key(event, raw_body):
    """What makes two deliveries one event: Chat2Desk sends no delivery id and resends failures (10 s, 5 min, 2 h).
    Message events carry message_id (one event per message); a request opens and closes once (request_id);
    other events recur for the same object, so the raw body names them (a resend repeats it, event_time too)."""
    kind = str(event.get("hook_type"))
    if kind in MESSAGE_EVENTS and event.get("message_id") is not None:
        return f"{kind}:{event['message_id']}"
    if kind in REQUEST_EVENTS and event.get("request_id") is not None:
        return f"{kind}:{event['request_id']}"
    return "body:" + hashlib.sha256(raw_body).hexdigest()


# Chat2Desk stops resending after 5 h (it disables the webhook): a key older than 6 h cannot come back.
KEEP_KEYS_SECONDS = 6 * 60 * 60
# In memory for the scaffold; with several processes use a shared store (a unique index, Redis SET NX EX).
_seen = {}
_lock = threading.Lock()
# Counts for GET /stats, which is there for the contract suite (chat2desk.webhooks.json): its probe
# reads "processed" to show that an event delivered twice is processed once. Protect or remove it in production.
stats = {"processed": 0, "duplicates": 0}


def _first_delivery(key):
    now = time.monotonic()
    with _lock:  # the check and the mark are one step: two concurrent copies cannot both pass
        for old in [k for k, at in _seen.items() if now - at >= KEEP_KEYS_SECONDS]:
            del _seen[old]
        if key in _seen:
            stats["duplicates"] += 1
            return False
        _seen[key] = now
        stats["processed"] += 1
        return True


def dispatch(event):
    """Your work, per event type; it runs after the answer has gone. Unknown types are acknowledged too."""
    kind = event.get("hook_type")
    if kind == "inbox":
        print(f"inbox: message {event.get('message_id')} in dialog {event.get('dialog_id')}", flush=True)
    elif kind == "new_request":
        print(f"new_request: request {event.get('request_id')} from client {event.get('client_id')}", flush=True)
    else:
        # New event types appear; answering non-2xx would only make Chat2Desk resend and disable the webhook.
        print(f"unhandled hook_type {kind}", flush=True)


# Stands in for a real queue (Celery, RQ, SQS, a jobs table): the answer does not wait for the work.
_queue = queue.Queue()


def _work():
    while True:
        event = _queue.get()
        try:
            dispatch(event)
        except Exception as error:  # one bad event must not stop the worker
            print(f"processing {event.get('hook_type')} failed: {error!r}", file=sys.stderr, flush=True)


threading.Thread(target=_work, daemon=True).start()


def accept_event(raw_body):
    """A verified body: parse it, drop a redelivery, queue the rest, answer 2xx at once.
    Returns (status, body)."""
    try:
        event = json.loads(raw_body)
    except ValueError:
        return 400, {"ok": False, "error": "body is not JSON"}
    if not isinstance(event, dict):
        return 400, {"ok": False, "error": "body is not a JSON object"}
    if not _first_delivery(dedupe_key(event, raw_body)):
        return 200, {"ok": True, "duplicate": True}
    _queue.put(event)
    return 200, {"ok": True}


def require_api_token():
    """Starting without the token would refuse every delivery: say so at once."""
    if not os.environ.get("CHAT2DESK_API_TOKEN"):
        sys.exit("Set CHAT2DESK_API_TOKEN to your Chat2Desk API token (Settings > API): webhooks are signed with it.")
