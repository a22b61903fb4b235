"""Test helpers shared by tests/unit, tests/pyodide and tests/browser (``pythonpath =
["tests"]``), run on the host only (Pyodide has just the installed package): ``support.prism``
runs Prism on the trimmed OpenAI spec, ``support.spec`` checks request bodies against that spec
and reads its example event streams, ``support.streams`` checks the streams Prism sends,
``support.lazy`` sees what touching an API group loads, ``support.chrome`` holds the Chromium
flags."""
