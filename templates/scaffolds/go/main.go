// Chat2Desk webhook handler on Go's net/http: POST /webhooks/chat2desk, GET /stats (for the contract suite).
// Run: go run .
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// #region signature-check
var hexSignature = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
var unixSeconds = regexp.MustCompile(`^[0-9]{1,12}$`)

// checkChat2DeskSignature: Chat2Desk's "Webhook Signature Verification": X-Signature = hex HMAC-SHA256(raw body + X-Timestamp),
// keyed with hex MD5(API token). Returns why a request is refused, or none. Pass the bytes as received:
// re-serialised JSON (\u00e9, \/, 1.0, big integers) is other bytes. A tolerance > 0 also refuses replays.
func checkChat2DeskSignature(rawBody []byte, signature, timestamp, apiToken string, toleranceSeconds int64) string {
	if apiToken == "" {
		return "CHAT2DESK_API_TOKEN is not set"
	}
	if signature == "" || timestamp == "" {
		return "missing X-Signature or X-Timestamp"
	}
	if !hexSignature.MatchString(signature) {
		return "malformed X-Signature"
	}
	if !unixSeconds.MatchString(timestamp) {
		return "malformed X-Timestamp"
	}
	if seconds, _ := strconv.ParseInt(timestamp, 10, 64); toleranceSeconds > 0 && math.Abs(float64(time.Now().Unix()-seconds)) > float64(toleranceSeconds) {
		return "X-Timestamp outside the allowed window"
	}
	key := md5.Sum([]byte(apiToken))
	mac := hmac.New(sha256.New, []byte(hex.EncodeToString(key[:])))
	mac.Write(rawBody)
	mac.Write([]byte(timestamp))
	received, _ := hex.DecodeString(signature)
	// Constant time: a comparison that stops at the first wrong byte tells an attacker how much is right.
	if !hmac.Equal(mac.Sum(nil), received) {
		return "signature mismatch"
	}
	return ""
}

// toleranceSeconds: CHAT2DESK_TIMESTAMP_TOLERANCE seconds; 0 (default) is off: the docs do not say whether resends (up to 2 h
// later) carry a fresh X-Timestamp, and deduplication makes a replayed request harmless.
func toleranceSeconds() int64 {
	seconds, _ := strconv.ParseInt(os.Getenv("CHAT2DESK_TIMESTAMP_TOLERANCE"), 10, 64)
	return seconds
}

// #endregion

// #region signature-guard
// verifiedChat2Desk refuses a request whose X-Signature is not Chat2Desk's, then calls next with the
// raw body restored: mux.Handle("/webhooks/chat2desk", verifiedChat2Desk(yourHandler)).
func verifiedChat2Desk(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The signature covers the bytes as sent: read them before anything decodes them (at most 1 MiB).
		rawBody, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, `{"ok":false,"error":"body too large or unreadable"}`, http.StatusRequestEntityTooLarge)
			return
		}
		refused := checkChat2DeskSignature(rawBody, r.Header.Get("X-Signature"), r.Header.Get("X-Timestamp"), os.Getenv("CHAT2DESK_API_TOKEN"), toleranceSeconds())
		if refused != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": refused})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(rawBody))
		next.ServeHTTP(w, r)
	})
}

// #endregion

// dedupeKey: What makes two deliveries one event: Chat2Desk sends no delivery id and resends failures (10 s, 5 min, 2 h).
// Message events carry message_id (one event per message); a request opens and closes once (request_id);
// other events recur for the same object, so the raw body names them (a resend repeats it, event_time too).
func dedupeKey(event map[string]any, rawBody []byte) string {
	kind, _ := event["hook_type"].(string)
	id := map[string]string{"inbox": "message_id", "outbox": "message_id", "comment": "message_id", "imported_message": "message_id",
		"new_request": "request_id", "close_request": "request_id"}[kind]
	if value, ok := event[id]; ok && id != "" && value != nil {
		return fmt.Sprintf("%s:%v", kind, value)
	}
	sum := sha256.Sum256(rawBody)
	return "body:" + hex.EncodeToString(sum[:])
}

// keepKeys: Chat2Desk stops resending after 5 h (it disables the webhook), so a key older than 6 h cannot come back.
const keepKeys = 6 * time.Hour

// In memory for the scaffold; with several processes use a shared store (a unique index, Redis SET NX EX).
var (
	mu   sync.Mutex
	seen = map[string]time.Time{}
	// stats is for GET /stats, which is there for the contract suite (chat2desk.webhooks.json): its probe
	// reads "processed" to show that an event delivered twice is processed once. Protect or remove it in production.
	stats = struct {
		Processed  int `json:"processed"`
		Duplicates int `json:"duplicates"`
	}{}
)

// firstDelivery marks the key as seen, under the lock: of two concurrent copies exactly one passes.
func firstDelivery(key string) bool {
	mu.Lock()
	defer mu.Unlock()
	now := time.Now()
	for old, at := range seen {
		if now.Sub(at) >= keepKeys {
			delete(seen, old)
		}
	}
	if _, dup := seen[key]; dup {
		stats.Duplicates++
		return false
	}
	seen[key] = now
	stats.Processed++
	return true
}

// queue stands in for a real one (a jobs table, Redis, SQS): the answer does not wait for the work.
var queue = make(chan map[string]any, 1000)

// dispatch is your work, per event type; it runs after the answer has gone. Unknown types are acknowledged too.
func dispatch(event map[string]any) {
	switch event["hook_type"] {
	case "inbox":
		log.Printf("inbox: message %v in dialog %v", event["message_id"], event["dialog_id"])
	case "new_request":
		log.Printf("new_request: request %v from client %v", event["request_id"], event["client_id"])
	default:
		// New event types appear; answering non-2xx would only make Chat2Desk resend and disable the webhook.
		log.Printf("unhandled hook_type %v", event["hook_type"])
	}
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

// receiveEvent takes a verified body: parse it, drop a redelivery, queue the rest, answer 2xx at once.
func receiveEvent(w http.ResponseWriter, r *http.Request) {
	rawBody, _ := io.ReadAll(r.Body)
	var event map[string]any
	decoder := json.NewDecoder(bytes.NewReader(rawBody))
	decoder.UseNumber() // ids as written: a float64 would round integers beyond 2^53
	if err := decoder.Decode(&event); err != nil || event == nil {
		reply(w, http.StatusBadRequest, map[string]any{"ok": false, "error": "body is not a JSON object"})
		return
	}
	if !firstDelivery(dedupeKey(event, rawBody)) {
		reply(w, http.StatusOK, map[string]any{"ok": true, "duplicate": true})
		return
	}
	select {
	case queue <- event:
		reply(w, http.StatusOK, map[string]any{"ok": true})
	default: // the queue is full: a non-2xx answer makes Chat2Desk deliver it again later
		reply(w, http.StatusServiceUnavailable, map[string]any{"ok": false, "error": "busy"})
	}
}

func main() {
	if os.Getenv("CHAT2DESK_API_TOKEN") == "" {
		log.Fatal("Set CHAT2DESK_API_TOKEN to your Chat2Desk API token (Settings > API): webhooks are signed with it.")
	}
	go func() {
		for event := range queue {
			dispatch(event)
		}
	}()
	mux := http.NewServeMux()
	mux.Handle("/webhooks/chat2desk", verifiedChat2Desk(http.HandlerFunc(receiveEvent)))
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		reply(w, http.StatusOK, stats)
	})
	host, port := os.Getenv("HOST"), os.Getenv("PORT")
	if host == "" {
		host = "127.0.0.1" // HOST=0.0.0.0 in a container
	}
	if port == "" {
		port = "3000"
	}
	log.Printf("Chat2Desk webhooks on http://%s:%s/webhooks/chat2desk", host, port)
	log.Fatal(http.ListenAndServe(host+":"+port, mux))
}
