"""Reads every locales/<lang>/*.ftl with Python's own Fluent parser (fluent.syntax), an
independent check of the files the Rust bundle embeds.

Fails (exit 1, one line per problem on stderr) when a file has Junk (a syntax error), when a
locale lacks a file, a message or a variable of English or has more, when a plural
selector's categories are not the ones CLDR (babel's plural rules) gives that language, or
when a locale looks like an English copy: more than a handful of its messages with words
(country names aside, which languages share) are the English text unchanged.

Prints (stdout, one JSON object a line) what each plural-selecting message must render for
the counts 0, 1, 2, 3, 5, 11, 21, 101, every variable set to the count: the variant CLDR
selects, so the caller checks the engine's bundle picks the same one.

Usage: python3 check_locales.py LOCALES_DIR
"""

import json
import re
import sys
from pathlib import Path

from babel import Locale
from fluent.syntax import FluentParser, ast
from fluent.syntax.serializer import serialize_pattern

COUNTS = [0, 1, 2, 3, 5, 11, 21, 101]
CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
REFERENCE = "en"
# Messages of another locale that may equal English ("Menu", "Visa" are French words too).
SAME_AS_REFERENCE_ALLOWED = 3


def nodes(node):
    """`node` and every node below it."""
    yield node
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            for item in value if isinstance(value, list) else [value]:
                yield from nodes(item)


def variables(message):
    """Every `$name` a message refers to, in every variant."""
    return {n.id.name for n in nodes(message) if isinstance(n, ast.VariableReference)}


def plural_selects(message):
    """Select expressions on a variable whose keys include a CLDR plural category."""
    return [
        n
        for n in nodes(message)
        if isinstance(n, ast.SelectExpression)
        and isinstance(n.selector, ast.VariableReference)
        and {v.key.name for v in n.variants if isinstance(v.key, ast.Identifier)} & CATEGORIES
    ]


def words_of(message):
    """The message's text without placeables, when it has a word of three Latin letters
    (a pure format such as `{ $date }, { $time }` or `¥{ $amount }` has none)."""
    if message.value is None:
        return None
    text = serialize_pattern(message.value)
    bare = re.sub(r"\{[^}]*\}", "", text)
    return text if re.search(r"[A-Za-z]{3,}", bare) else None


def render(pattern, n, category, problems, where):
    """The text of `pattern` with every variable set to `n`, selecting as Fluent does:
    the first variant whose number equals `n` or whose category is `n`'s, else the default."""
    text = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            text.append(element.value)
            continue
        expression = element.expression
        if isinstance(expression, ast.VariableReference):
            text.append(str(n))
        elif isinstance(expression, (ast.StringLiteral, ast.NumberLiteral)):
            text.append(expression.parse()["value"].__str__())
        elif isinstance(expression, ast.SelectExpression):
            chosen = None
            for variant in expression.variants:
                key = variant.key
                if isinstance(key, ast.NumberLiteral) and float(key.value) == n:
                    chosen = variant
                    break
                if isinstance(key, ast.Identifier) and key.name == category:
                    chosen = variant
                    break
            if chosen is None:
                chosen = next(v for v in expression.variants if v.default)
            text.append(render(chosen.value, n, category, problems, where))
        else:
            problems.append(f"{where}: cannot check a {type(expression).__name__} placeable")
    return "".join(text)


def main():
    root = Path(sys.argv[1])
    parser = FluentParser(with_spans=False)
    problems = []
    locales = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        messages = {}
        files = set()
        for path in sorted(folder.glob("*.ftl")):
            files.add(path.name)
            resource = parser.parse(path.read_text(encoding="utf-8"))
            for entry in resource.body:
                if isinstance(entry, ast.Junk):
                    problems.append(
                        f"{folder.name}/{path.name}: Junk (not Fluent): {entry.content.strip()[:120]!r}"
                    )
                elif isinstance(entry, ast.Message):
                    if entry.id.name in messages:
                        problems.append(f"{folder.name}: `{entry.id.name}` defined twice")
                    messages[entry.id.name] = entry
        locales[folder.name] = (files, messages)
    if REFERENCE not in locales:
        problems.append(f"no {REFERENCE} locale in {root}")
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    ref_files, ref_messages = locales[REFERENCE]
    for name, (files, messages) in locales.items():
        for missing in sorted(ref_files - files):
            problems.append(f"{name}: lacks the file {missing}")
        for extra in sorted(files - ref_files):
            problems.append(f"{name}: has the file {extra}, which {REFERENCE} has not")
        if name != REFERENCE:
            copied = sorted(
                key
                for key, message in messages.items()
                if key in ref_messages
                and not key.startswith("country-")
                and words_of(message) is not None
                and words_of(message) == words_of(ref_messages[key])
            )
            if len(copied) > SAME_AS_REFERENCE_ALLOWED:
                problems.append(f"{name}: English copies, not translations: {copied}")
        for missing in sorted(ref_messages.keys() - messages.keys()):
            problems.append(f"{name}: lacks `{missing}`")
        for extra in sorted(messages.keys() - ref_messages.keys()):
            problems.append(f"{name}: has `{extra}`, which {REFERENCE} has not")
        try:
            rules = Locale.parse(name, sep="-").plural_form
        except Exception as e:  # noqa: BLE001 - any failure is a problem to report
            problems.append(f"{name}: no CLDR plural rules for this folder name: {e}")
            continue
        # babel leaves out `other`, which every language has.
        categories = set(rules.tags) | {"other"}
        for key, message in sorted(messages.items()):
            if key not in ref_messages:
                continue
            theirs = variables(message)
            ours = variables(ref_messages[key])
            if theirs != ours:
                problems.append(
                    f"{name}/{key}: variables {sorted(theirs)}, {REFERENCE} has {sorted(ours)}"
                )
            selects = plural_selects(message)
            for select in selects:
                keys = {
                    v.key.name for v in select.variants if isinstance(v.key, ast.Identifier)
                }
                if keys != categories:
                    problems.append(
                        f"{name}/{key}: plural categories {sorted(keys)}, CLDR gives {sorted(categories)}"
                    )
            if not selects or message.value is None:
                continue
            for n in COUNTS:
                category = rules(n)
                expected = render(message.value, n, category, problems, f"{name}/{key}")
                print(
                    json.dumps(
                        {
                            "locale": name,
                            "key": key,
                            "variables": sorted(theirs),
                            "count": n,
                            "category": category,
                            "expected": expected,
                        },
                        ensure_ascii=False,
                    )
                )
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


main()
