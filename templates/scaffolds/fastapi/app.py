"""Chat2Desk webhook handler on FastAPI: POST /webhooks/chat2desk, GET /stats (for the contract suite).
Run: python3 app.py (or uvicorn app:app)."""
import os

import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from chat2desk_webhook import accept_event, check_chat2desk_signature, require_api_token, stats, tolerance_seconds

app = FastAPI()


# region signature-guard
async def chat2desk_body(request: Request) -> bytes:
    """The raw body once its X-Signature is Chat2Desk's: `raw_body: bytes = Depends(chat2desk_body)` in a route."""
    # The signature covers the bytes as sent: await request.body(), never a parsed model serialised again.
    raw_body = await request.body()
    refused = check_chat2desk_signature(
        raw_body,
        request.headers.get("x-signature"),
        request.headers.get("x-timestamp"),
        os.environ.get("CHAT2DESK_API_TOKEN"),
        tolerance_seconds(),
    )
    if refused:
        raise HTTPException(status_code=401, detail=refused)
    return raw_body
# endregion


@app.post("/webhooks/chat2desk")
async def receive_event(raw_body: bytes = Depends(chat2desk_body)):
    status, body = accept_event(raw_body)
    return JSONResponse(body, status_code=status)


@app.get("/stats")
async def get_stats():
    return stats


if __name__ == "__main__":
    require_api_token()
    # HOST=0.0.0.0 in a container
    uvicorn.run(app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "3000")))
