<?php
// Herald from PHP: the two functions a backend needs. The README shows this file; HeraldPhpTest runs it.

/** Sends one emit through Herald's JSON API, signed with the app's secret. Returns [HTTP status, answer]. */
function herald_emit(string $baseUrl, string $key, string $secret, array $emit): array
{
    $path = '/api/v1/emit';
    $query = 'nonce=' . bin2hex(random_bytes(8)); // a signed request is single-use: the nonce makes each one new
    $body = json_encode($emit);
    $timestamp = time();
    $signature = hash_hmac('sha256', "POST\n$path\n$query\n" . hash('sha256', $body) . "\n$timestamp", $secret);
    $curl = curl_init("$baseUrl$path?$query");
    curl_setopt_array($curl, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => $body,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPHEADER => [
            'Content-Type: application/json',
            "X-Herald-Key: $key",
            "X-Herald-Timestamp: $timestamp",
            "X-Herald-Signature: $signature",
        ],
    ]);
    $answer = curl_exec($curl);
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    curl_close($curl);
    return [$status, json_decode($answer, true)];
}

/** What the page sends with `register`, proving that the backend let it register as $userKey. */
function herald_registration(string $appId, string $secret, string $userKey, int $validSeconds = 3600): array
{
    $expires = time() + $validSeconds;
    $mac = hash_hmac('sha256', "$appId\n$userKey\n$expires", $secret, true);
    return ['userid' => $userKey, 'expires' => $expires, 'token' => rtrim(strtr(base64_encode($mac), '+/', '-_'), '=')];
}
