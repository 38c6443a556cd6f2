"""Creates the peer's tables and one user in the SQLite file given, and prints that user's API token."""
import os
import sys

os.environ["PEER_DB"] = sys.argv[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)
user = User.objects.create_user("wrk", password="benchmark-peer-only")
print(Token.objects.create(user=user).key)
