"""The engine stays readable: no function of `articles/extraction` over 80 lines (issue "Quote
engine, part 3"); a function that grows past it decides two things and is split where it does."""

import ast
from pathlib import Path

import articles.extraction

MAX_LINES = 80
ENGINE = Path(articles.extraction.__file__).parent


def test_no_function_of_the_engine_is_over_80_lines():
    long = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > MAX_LINES:
                    long.append(f"{path.relative_to(ENGINE)}:{node.lineno} {node.name} ({size})")
    assert long == []
