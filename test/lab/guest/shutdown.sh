#!/bin/sh
# Run by init before poweroff/reboot: the persistent state on the boot disk must reach it.
sync
umount /var/lib/hypernix 2>/dev/null
sync
