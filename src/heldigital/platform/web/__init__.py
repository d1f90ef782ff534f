"""Server-rendered web UI shared pages (landing, login, organisation, protocol viewer)."""
