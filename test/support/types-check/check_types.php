<?php

// Checks every documented example against the generated PHP classes.
// usage: php check_types.php GENERATED.php MANIFEST NAMESPACE
// Each example goes through the platform's fromJson dispatcher, must become the class the manifest
// names (a TypeError is a type that does not fit), nothing may land in $extra (every member is
// declared), and every non-null member must be set on the object, nested objects included.

declare(strict_types=1);

require $argv[1];
$manifest = json_decode((string) file_get_contents($argv[2]), true, 512, JSON_THROW_ON_ERROR);
$namespace = $argv[3];
$problems = [];
$members = 0;

function compare(mixed $object, mixed $data, string $path, array &$problems, int &$members): void
{
    if (is_object($object)) {
        if (!is_array($data)) {
            $problems[] = "$path: an object made of a non-object";
            return;
        }
        $properties = get_object_vars($object);
        if ($properties['extra'] !== []) {
            $problems[] = "$path: undeclared members " . implode(', ', array_keys($properties['extra']));
        }
        unset($properties['extra']);
        $set = array_values(array_filter($properties, static fn ($v) => $v !== null));
        $given = array_values(array_filter($data, static fn ($v) => $v !== null));
        if (count($set) !== count($given)) {
            $problems[] = "$path: " . count($given) . ' non-null members given, ' . count($set) . ' set';
        }
        $members += count($given);
        foreach ($properties as $name => $value) {
            if (is_object($value) || is_array($value)) {
                compare($value, $data[$name] ?? null, "$path.$name", $problems, $members);
            }
        }
    } elseif (is_array($object)) {
        foreach ($object as $index => $item) {
            compare($item, is_array($data) ? ($data[$index] ?? null) : null, "{$path}[$index]", $problems, $members);
        }
    }
}

foreach ($manifest as $example) {
    $json = (string) file_get_contents($example['file']);
    $dispatcher = $namespace . '\\' . $example['platform'] . 'Payloads';
    try {
        $payload = $dispatcher::fromJson($json);
    } catch (Throwable $error) {
        $problems[] = $example['name'] . ': ' . get_class($error) . ': ' . $error->getMessage();
        continue;
    }
    $expected = $namespace . '\\' . $example['payloadType'];
    if (!($payload instanceof $expected)) {
        $problems[] = $example['name'] . ': became ' . get_class($payload) . ", not $expected";
    }
    if (($dispatcher::CLASSES[$example['event']] ?? null) !== $expected) {
        $problems[] = $example['name'] . ': the event map does not name ' . $expected;
    }
    compare($payload, json_decode($json, true), $example['name'], $problems, $members);
}

foreach (['Chat2Desk' => '{"hook_type":"undocumented"}', 'IQChannels' => '{"ChatEvent":{"Type":"undocumented"}}'] as $platform => $json) {
    $dispatcher = $namespace . '\\' . $platform . 'Payloads';
    try {
        $dispatcher::fromJson($json);
        $problems[] = "$platform: an undocumented event was accepted";
    } catch (UnexpectedValueException) {
    }
}

foreach ($problems as $problem) {
    echo $problem, "\n";
}
echo 'checked ', count($manifest), " examples, $members members, ", count($problems), " problems\n";
exit($problems === [] ? 0 : 1);
