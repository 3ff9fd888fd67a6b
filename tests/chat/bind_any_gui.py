"""The Chat tab's Bind "LAN: every IPv4 and IPv6 address" (tst_chatpanel's
lanChoiceListensOnEveryAddressAndSaysSo), run in a private user + network namespace with only a
loopback interface, as network_bind_any runs `stdlab serve --bind any`: binding every address is
never tried on the machine's real interfaces. Skipped (77) where unshare is not permitted.

Usage: bind_any_gui.py PATH/TO/tst_chatpanel
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "network"))
import bind_any  # noqa: E402  (enter_namespace, loopback_up)


def main():
    test = os.path.abspath(sys.argv[1])
    bind_any.enter_namespace([os.path.abspath(__file__), test])
    bind_any.loopback_up()
    # The test function skips itself unless it runs in here (STDLAB_IN_NETNS).
    sys.exit(subprocess.run([test, "lanChoiceListensOnEveryAddressAndSaysSo"]).returncode)


if __name__ == "__main__":
    main()
