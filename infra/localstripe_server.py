"""Run localstripe on the loopback interface only, with its state kept in memory.

localstripe's own launcher binds every interface and pickles its state to a fixed file in /tmp
after every change; neither is wanted for tests, so we run its aiohttp app ourselves.
"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web
from localstripe import resources
from localstripe.server import app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    args = parser.parse_args()

    # Keep state in memory: no shared pickle file between runs or checkouts.
    resources.Store.dump_to_disk = lambda self: None
    resources.Store.try_load_from_disk = lambda self: None

    logging.basicConfig(level=logging.INFO)
    web.run_app(app, host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
