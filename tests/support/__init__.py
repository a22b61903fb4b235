"""Test helpers shared by tests/unit and tests/pyodide (``pythonpath = ["tests"]``):
``support.prism`` runs Prism on the trimmed OpenAI spec, ``support.spec`` checks request
bodies against that spec."""
