"""Checks every documented example against the generated TypedDicts (Debian's python3, stdlib only).

usage: check_types.py MODULE_DIR MODULE MANIFEST

Each example goes through the module's parse function, must be the TypedDict the event map names, and
every member must be declared and fit its annotation, nested objects included. Prints one line per
problem and a summary; exits 1 on any problem.
"""

import importlib
import json
import sys
import typing


def check(value, hint, path, problems, counter):
    if hint is typing.Any:
        return
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union:
        for option in args:
            attempt = []
            check(value, option, path, attempt, [0])
            if not attempt:
                check(value, option, path, problems, counter)
                return
        problems.append(f"{path}: {value!r} fits none of {hint}")
    elif origin is typing.Literal:
        if not any(value == a and type(value) is type(a) for a in args):
            problems.append(f"{path}: {value!r} is not one of {args}")
    elif origin is list:
        if not isinstance(value, list):
            problems.append(f"{path}: not a list")
            return
        for index, item in enumerate(value):
            check(item, args[0], f"{path}[{index}]", problems, counter)
    elif origin is dict:
        if not isinstance(value, dict):
            problems.append(f"{path}: not an object")
    elif typing.is_typeddict(hint):
        if not isinstance(value, dict):
            problems.append(f"{path}: not an object")
            return
        hints = typing.get_type_hints(hint)
        for key in hint.__required_keys__:
            if key not in value:
                problems.append(f"{path}: required member {key!r} is missing")
        for key, member in value.items():
            if key not in hints:
                problems.append(f"{path}: member {key!r} is not declared by {hint.__name__}")
                continue
            counter[0] += 1
            check(member, hints[key], f"{path}.{key}", problems, counter)
    elif hint is type(None):
        if value is not None:
            problems.append(f"{path}: {value!r} is not None")
    elif hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(f"{path}: {value!r} is not a number")
    elif hint in (int, str, bool):
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            problems.append(f"{path}: {value!r} is not {hint.__name__}")
    else:
        problems.append(f"{path}: the checker does not know the annotation {hint!r}")


def main():
    module_dir, module_name, manifest_path = sys.argv[1:4]
    sys.path.insert(0, module_dir)
    module = importlib.import_module(module_name)
    with open(manifest_path, encoding="utf-8") as manifest_file:
        manifest = json.load(manifest_file)
    problems = []
    counter = [0]
    for example in manifest:
        with open(example["file"], encoding="utf-8") as example_file:
            value = json.load(example_file)
        platform = example["platform"]
        parse = getattr(module, f"parse_{example['provider']}_payload")
        types = getattr(module, f"{platform.upper()}_PAYLOAD_TYPES")
        union = getattr(module, f"{platform}Payload")
        expected = getattr(module, example["payloadType"])
        try:
            parse(value)
        except ValueError as error:
            problems.append(f"{example['name']}: {error}")
            continue
        if types[example["event"]] is not expected:
            problems.append(f"{example['name']}: the event map does not name {example['payloadType']}")
        if expected not in typing.get_args(union):
            problems.append(f"{example['name']}: {platform}Payload does not include it")
        check(value, expected, example["name"], problems, counter)
        try:
            parse({"hook_type": "undocumented", "ChatEvent": {"Type": "undocumented"}})
            problems.append(f"parse_{example['provider']}_payload accepted an undocumented event")
        except ValueError:
            pass
    for problem in problems:
        print(problem)
    print(f"checked {len(manifest)} examples, {counter[0]} members, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
