"""The web app's parts: one module per tab (its layout and handlers), the sources panel,
the catalog reload, what they share (`common`) and what keeps the served app safe
(`security`). `app.py` wires them together and runs the server."""
