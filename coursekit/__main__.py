import sys

from coursekit.build.warm_client import command

# The warm server runs the build's commands (coursekit.build.warm_server); only what it cannot take loads the CLI here.
handed = command(sys.argv[1:], "coursekit.cli:run_here")
if handed is not None:
    sys.exit(handed)

from coursekit.cli import run_here  # noqa: E402

run_here()
