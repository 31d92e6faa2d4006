<?php
// Usage: php register-and-emit.php <base url> <app id> <key> <secret> <user key>
// Prints the registration payload for the page, waits for a line on stdin (the page registered),
// then emits "from_php" to the user and prints the answer.
require __DIR__ . '/herald.php';
[, $base, $appId, $key, $secret, $user] = $argv;
echo json_encode(herald_registration($appId, $secret, $user)), "\n";
fgets(STDIN);
[$status, $answer] = herald_emit($base, $key, $secret, [
    'event' => 'from_php',
    'data' => ['user' => [1, 2, 3], 'text' => 'héllo'],
    'to' => ['users' => [$user]],
]);
echo "$status ", json_encode($answer), "\n";
