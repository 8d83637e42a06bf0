"""Chat2Desk webhook handler on Flask: POST /webhooks/chat2desk, GET /stats (for the contract suite).
Run: python3 app.py (the development server; in production e.g. gunicorn -w 1 app:app)."""
import functools
import os

from flask import Flask, jsonify, request

from chat2desk_webhook import accept_event, check_chat2desk_signature, require_api_token, stats, tolerance_seconds

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024


# region signature-guard
def chat2desk_signed(view):
    """Refuses a request whose X-Signature is not Chat2Desk's: put @chat2desk_signed under the route."""

    @functools.wraps(view)
    def checked(*args, **kwargs):
        # The signature covers the bytes as sent: request.get_data(), never request.json serialised again.
        refused = check_chat2desk_signature(
            request.get_data(),
            request.headers.get("X-Signature"),
            request.headers.get("X-Timestamp"),
            os.environ.get("CHAT2DESK_API_TOKEN"),
            tolerance_seconds(),
        )
        if refused:
            return jsonify(ok=False, error=refused), 401
        return view(*args, **kwargs)

    return checked
# endregion


@app.post("/webhooks/chat2desk")
@chat2desk_signed
def receive_event():
    status, body = accept_event(request.get_data())
    return jsonify(body), status


@app.get("/stats")
def get_stats():
    return jsonify(stats)


if __name__ == "__main__":
    require_api_token()
    # HOST=0.0.0.0 in a container
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "3000")), threaded=True)
