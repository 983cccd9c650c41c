"""The årshjul: an organ's year of meetings and the topics planned for each.

:func:`vvgctl.arshjul.build.build` merges the schedule (``schedule.yaml``), the plan
(``plan.yaml``: topics and recurring rules) and the follow-ups set in minutes, and marks which
topics were held and which slipped. The renderers (:mod:`.markdown`, :mod:`.svg`, :mod:`.ics`)
turn the result into the Markdown table of the minutes, a printable wheel and a calendar.
"""
