"""The package and pydantic load and work inside Pyodide, in Node and in Chrome."""

from pytest_pyodide import run_in_pyodide


@run_in_pyodide(packages=["async-openai-wasm"])
def test_package_imports_in_pyodide(selenium):
    import sys

    import pydantic

    import async_openai_wasm

    assert sys.platform == "emscripten"
    # Loaded from the wheel in dist/pyodide, not from some source checkout.
    assert "/site-packages/async_openai_wasm/" in async_openai_wasm.__file__
    assert pydantic.VERSION == "2.14.3"


@run_in_pyodide(packages=["async-openai-wasm"])
def test_pydantic_core_validates(selenium):
    import pydantic

    class Point(pydantic.BaseModel):
        x: int
        label: str = "p"

    # pydantic-core is the compiled (WebAssembly) part: coercion and errors
    # both come from it.
    assert Point.model_validate({"x": "3"}) == Point(x=3)
    try:
        Point.model_validate({"x": "three"})
    except pydantic.ValidationError as exc:
        assert exc.errors()[0]["loc"] == ("x",)
    else:
        raise AssertionError("no ValidationError")
