"""Pure decision functions of public procurement: no Django, no I/O, no clock.

Every function takes what it decides on as arguments - the day or instant
(``now``), the rules in force (thresholds, time limits with their
effective-from dates) and the data - and returns a decision the platform
records. The platform's apps orchestrate; these modules decide.

* :mod:`.calendar` - Norwegian public holidays, working days, time-limit
  arithmetic (EU Regulation 1182/71 as applied by anskaffelsesforskriften);
* :mod:`.thresholds` - national and EEA thresholds with effective dates;
* :mod:`.timelimits` - minimum time limits per procedure.
"""
