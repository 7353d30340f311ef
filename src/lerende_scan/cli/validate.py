"""``scan validate`` and ``scan schema``. (Stub; full implementation to follow.)"""
