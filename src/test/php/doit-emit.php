<?php
// Emits the way the doit-cms PHP client does against its socket.io proxy: a form POST built with
// http_build_query (several keys as id[0], id[1], ...), data as a JSON string; the answer is OK or ERROR.
// Usage: php doit-emit.php <base url> <event> <json data> <key> [<key> ...]
[, $base, $event, $json] = $argv;
$keys = array_slice($argv, 4);
$fields = ['id' => count($keys) === 1 ? $keys[0] : $keys, 'message' => $event, 'data' => $json];
$curl = curl_init($base . '/emit');
curl_setopt_array($curl, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => http_build_query($fields), CURLOPT_RETURNTRANSFER => true]);
$answer = curl_exec($curl);
curl_close($curl);
echo http_build_query($fields), "\n", $answer, "\n";
