<?php
// Chat2Desk webhook handler in plain PHP: POST /webhooks/chat2desk, GET /stats (for the contract suite).
// Run: php -S 127.0.0.1:3000 index.php (or behind PHP-FPM). Process the queue: php index.php work
declare(strict_types=1);

// #region signature-check
/**
 * Chat2Desk's "Webhook Signature Verification": X-Signature = hex HMAC-SHA256(raw body + X-Timestamp),
 * keyed with hex MD5(API token). Returns why a request is refused, or none. Pass the bytes as received:
 * re-serialised JSON (\u00e9, \/, 1.0, big integers) is other bytes. A tolerance > 0 also refuses replays.
 */
function check_chat2desk_signature(string $rawBody, ?string $signature, ?string $timestamp, ?string $apiToken, int $toleranceSeconds = 0): ?string
{
    if ($apiToken === null || $apiToken === '') return 'CHAT2DESK_API_TOKEN is not set';
    if ($signature === null || $signature === '' || $timestamp === null || $timestamp === '') return 'missing X-Signature or X-Timestamp';
    if (!preg_match('/^[0-9a-f]{64}$/i', $signature)) return 'malformed X-Signature';
    if (!preg_match('/^[0-9]{1,12}$/', $timestamp)) return 'malformed X-Timestamp';
    if ($toleranceSeconds > 0 && abs(time() - (int) $timestamp) > $toleranceSeconds) return 'X-Timestamp outside the allowed window';
    $expected = hash_hmac('sha256', $rawBody . $timestamp, md5($apiToken));
    // Constant time: a comparison that stops at the first wrong byte tells an attacker how much is right.
    return hash_equals($expected, strtolower($signature)) ? null : 'signature mismatch';
}

/**
 * CHAT2DESK_TIMESTAMP_TOLERANCE seconds; 0 (default) is off: the docs do not say whether resends (up to 2 h
 * later) carry a fresh X-Timestamp, and deduplication makes a replayed request harmless.
 */
function tolerance_seconds(): int
{
    return max(0, (int) (getenv('CHAT2DESK_TIMESTAMP_TOLERANCE') ?: 0));
}
// #endregion

/**
 * What makes two deliveries one event: Chat2Desk sends no delivery id and resends failures (10 s, 5 min, 2 h).
 * Message events carry message_id (one event per message); a request opens and closes once (request_id);
 * other events recur for the same object, so the raw body names them (a resend repeats it, event_time too).
 */
function dedupe_key(array $event, string $rawBody): string
{
    $type = (string) ($event['hook_type'] ?? '');
    if (in_array($type, ['inbox', 'outbox', 'comment', 'imported_message'], true) && isset($event['message_id'])) return "$type:{$event['message_id']}";
    if (in_array($type, ['new_request', 'close_request'], true) && isset($event['request_id'])) return "$type:{$event['request_id']}";
    return 'body:' . hash('sha256', $rawBody);
}

/** Files beside the script (DATA_DIR to move them): every request is a fresh PHP process, so state lives on disk. */
function data_dir(): string
{
    $dir = getenv('DATA_DIR') ?: __DIR__ . '/var';
    if (!is_dir($dir . '/seen')) mkdir($dir . '/seen', 0700, true);
    return $dir;
}

/**
 * Marks the key as seen; false when it was already. Creating the file with mode 'x' is atomic: of two
 * concurrent copies exactly one succeeds. Use a unique index in production; old files can go after 6 h
 * (Chat2Desk stops resending after 5 h, when it disables the webhook).
 */
function first_delivery(string $key): bool
{
    $file = @fopen(data_dir() . '/seen/' . hash('sha256', $key), 'x');
    if ($file === false) return false;
    fclose($file);
    return true;
}

/**
 * Stands in for a real queue (a jobs table, Redis, RabbitMQ): one JSON line per event; `php index.php work`
 * processes them. The answer does not wait for the work.
 */
function enqueue(string $rawBody): void
{
    file_put_contents(data_dir() . '/queue.jsonl', str_replace("\n", ' ', $rawBody) . "\n", FILE_APPEND | LOCK_EX);
}

/** Your work, per event type. Unknown types are acknowledged too. */
function dispatch(array $event): void
{
    switch ($event['hook_type'] ?? null) {
        case 'inbox':
            echo "inbox: message {$event['message_id']} in dialog {$event['dialog_id']}\n";
            break;
        case 'new_request':
            echo "new_request: request {$event['request_id']} from client {$event['client_id']}\n";
            break;
        default:
            // New event types appear; answering non-2xx would only make Chat2Desk resend and disable the webhook.
            echo 'unhandled hook_type ' . json_encode($event['hook_type'] ?? null) . "\n";
    }
}

function answer(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body);
}

/** A verified body: parse it, drop a redelivery, queue the rest, answer 2xx at once. */
function accept_event(string $rawBody): void
{
    $event = json_decode($rawBody, true, 512, JSON_BIGINT_AS_STRING);
    if (!is_array($event) || array_is_list($event)) {
        answer(400, ['ok' => false, 'error' => 'body is not a JSON object']);
    } elseif (!first_delivery(dedupe_key($event, $rawBody))) {
        count_event('duplicates');
        answer(200, ['ok' => true, 'duplicate' => true]);
    } else {
        enqueue($rawBody);
        count_event('processed');
        answer(200, ['ok' => true]);
    }
}

/** Counts for GET /stats, one line per event in var/stats.log. */
function count_event(string $name): void
{
    file_put_contents(data_dir() . '/stats.log', "$name\n", FILE_APPEND | LOCK_EX);
}

if (PHP_SAPI === 'cli') {
    // php index.php work: takes the queued events (renamed first, so new ones queue meanwhile) and dispatches them.
    $queue = data_dir() . '/queue.jsonl';
    $taken = $queue . '.' . getmypid();
    if (($argv[1] ?? '') !== 'work' || !is_file($queue) || !rename($queue, $taken)) exit(0);
    foreach (file($taken, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) dispatch(json_decode($line, true, 512, JSON_BIGINT_AS_STRING));
    unlink($taken);
    exit(0);
}

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
if ($method === 'POST' && $path === '/webhooks/chat2desk') {
    // #region signature-guard
    // The signature covers the bytes as sent: php://input, never $_POST or a decoded and re-encoded body.
    $rawBody = (string) file_get_contents('php://input');
    $refused = check_chat2desk_signature($rawBody, $_SERVER['HTTP_X_SIGNATURE'] ?? null, $_SERVER['HTTP_X_TIMESTAMP'] ?? null, getenv('CHAT2DESK_API_TOKEN') ?: null, tolerance_seconds());
    if ($refused !== null) {
        http_response_code(401);
        header('Content-Type: application/json');
        echo json_encode(['ok' => false, 'error' => $refused]);
        exit;
    }
    // #endregion
    accept_event($rawBody);
} elseif ($method === 'GET' && $path === '/stats') {
    // For the contract suite (chat2desk.webhooks.json): its probe reads `processed` to show a duplicate is processed once.
    $lines = is_file(data_dir() . '/stats.log') ? file(data_dir() . '/stats.log', FILE_IGNORE_NEW_LINES) : [];
    answer(200, ['processed' => 0, 'duplicates' => 0, ...array_count_values($lines)]);
} else {
    answer(404, ['ok' => false, 'error' => 'not found']);
}
