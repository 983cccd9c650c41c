"""The static site of approved minutes (``vvgctl publish``); see :mod:`vvgctl.publish.site`."""
