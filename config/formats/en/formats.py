"""English as the network writes it: European dates, day first, and a 24-hour clock.

Django's "en" is American (month first, "2:30 p.m."), which readers of a European network misread;
French keeps Django's own formats.
"""

DATE_FORMAT = "j F Y"  # 25 October 2006
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 25 October 2006, 14:30
YEAR_MONTH_FORMAT = "F Y"  # October 2006
MONTH_DAY_FORMAT = "j F"  # 25 October
SHORT_DATE_FORMAT = "d/m/Y"  # 25/10/2006
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 25/10/2006 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: it is what the browser's date picker sends, whatever the page's language.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
