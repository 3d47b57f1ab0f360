# The calendar component: the common calendar, clashes, coordination, feeds and indicators.

calendar-nav = Calendar
calendar-description = The common calendar of planned actions, with clash warnings, coordination, feeds and indicators.
calendar-coordination = Coordination
calendar-indicators = Indicators
calendar-navigation = Calendar navigation
calendar-previous = Previous
calendar-next = Next
calendar-today = Today
calendar-view-month = Month
calendar-view-week = Week
calendar-view-agenda = Agenda
calendar-all-day = all day
calendar-nothing = Nothing planned.
calendar-subscribe = Subscribe in your calendar program (Google Calendar, Outlook, Thunderbird):
calendar-subscribe-organizer = Only the events of { $name }, in your calendar program:
calendar-count =
    { $count ->
        [one] One occurrence shown.
       *[other] { $count } occurrences shown.
    }

## Events
event-new = Plan an event
event-edit = Edit
event-save = Save the event
event-cancel = Cancel the event
event-common-action = Common action
event-upcoming = Next dates
event-clashes = Clashes
event-join-heading = Organise it together
event-join-as = Join as co-organiser for
event-join = Join as co-organiser
flash-event-planned = The event is in the calendar.
flash-event-saved = The event was saved.
flash-event-cancelled = The event was cancelled.
flash-event-joined = You are now a co-organiser of this event.
flash-event-already-organizer = That organisation already organises this event.
notify-event-joined = { $organization } joined “{ $event }” as co-organiser.

## Fields
field-event-title = Title
field-event-kind = Kind
field-event-status = Status
field-organizer = Organiser
field-organizers = Organising organisations
organizers-hint = An event with two or more organising institutions is a common action.
field-time-zone = Time zone
field-all-day = All day
field-when = When
field-start-date = Start date
field-start-time = Start time
field-end-date = End date
field-end-time = End time
field-repeat = Repeats
field-repeat-ends = Ends
field-repeat-count = Number of times
field-repeat-until = Last date
field-rrule = Custom rule (RFC 5545)
rrule-hint = For example FREQ=MONTHLY;BYDAY=2TU for every second Tuesday; used when “Repeats” is “Custom rule”.
field-venue = Venue
venue-none = No venue from the registry
field-place = Place
field-audience = Audience
field-expected-participants = Expected participants
field-actual-participants = Participants who came
field-from = From
field-to = To
field-distance = Same place within (metres)

## Vocabularies
event-kind-action = Action
event-kind-meeting = Meeting
event-kind-consultation = Consultation
event-kind-celebration = Celebration
event-kind-training = Training
event-kind-other = Other
audience-children = Children
audience-youth = Youth
audience-families = Families
audience-adults = Adults
audience-seniors = Seniors
audience-everyone = Everyone
event-status-planned = Planned
event-status-confirmed = Confirmed
event-status-done = Done
event-status-cancelled = Cancelled
repeat-none = Does not repeat
repeat-daily = Every day
repeat-weekly = Every week
repeat-fortnightly = Every two weeks
repeat-monthly-weekday = Every month on the same weekday (e.g. second Tuesday)
repeat-monthly-date = Every month on the same date
repeat-yearly = Every year
repeat-custom = Custom rule
repeat-ends-never = Never
repeat-ends-count = After a number of times
repeat-ends-until = On a date

## Clashes
clash-warning-heading = This clashes with what others plan
clash-warning-hint = You could join one of these as co-organiser instead of planning your own.
clash-same-venue = same venue at the same time
clash-nearby = { $metres } m away at the same time
clash-same-audience = same audience on the same day: { $audiences }
clash-join-as = Join it as { $organization }
clash-plan-anyway = I know about these clashes; plan it anyway.
clash-none = No clashes with what is already planned.
coordination-clashes =
    { $count ->
        [one] One clash
       *[other] { $count } clashes
    }
coordination-no-clashes = No clashes in this period.
coordination-first = Event
coordination-second = Clashes with
coordination-why = Why
coordination-suggestion-heading = Suggestion
coordination-suggestion = The organisers of “{ $later }” could join “{ $earlier }” as co-organisers.
coordination-common-actions =
    { $count ->
        [one] One common action
       *[other] { $count } common actions
    }

## Indicators
indicators-chart-title = Events and common actions per month
indicators-chart-caption = Blue: events; orange: common actions (two or more organising institutions). The table below holds the same figures.
indicators-month = Month
indicators-events = Events
indicators-common-actions = Common actions
indicators-participants = Participants
indicators-organizations = Organisations involved
indicators-total = Total
indicators-events-n =
    { $count ->
        [one] one event
       *[other] { $count } events
    }
indicators-common-n =
    { $count ->
        [one] one common action
       *[other] { $count } common actions
    }
stakeholders-open-data-calendar = Download:

## Dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun

## Errors
error-time-zone = This is not a time zone name; use one like Europe/Warsaw.
error-date = Enter a date as YYYY-MM-DD.
error-time = Enter a time as HH:MM.
error-date-time = Enter a date and time as YYYY-MM-DDTHH:MM.
error-end-before-start = The end must come after the start.
error-event-too-long = An event can last at most 60 days; use a repeating event instead.
error-rrule = This recurrence rule does not parse (RFC 5545, e.g. FREQ=WEEKLY;BYDAY=TU).
error-rrule-frequency = Events can repeat daily, weekly, monthly or yearly.
error-rrule-count = The number of times must be between 1 and { $n }.
error-rrule-until-before-start = The last date comes before the first.
error-rrule-endless = This series must end: give a number of times or a last date.
error-whole-number = Enter a whole number.
error-organizer-required = Choose at least one organising organisation.
error-organizer-not-yours = Name as organisers only organisations you administer, and invite the others.
error-organizer-not-listed = Only organisations approved and listed in this space, or in a public space above or below it, can organise its events.
error-unknown-organizer = No such organisation.
error-unknown-venue = No such venue in the registry.
error-too-many = At most { $n }.
error-period = The period is not valid.
error-period-too-long = A period can be at most { $n } days.
error-distance = The distance must be between 0 and 5000 metres.

## Meetings
meeting-series = Meetings of this series
meeting-series-event = The event
meeting-number =
    { $count ->
        [1] 1st meeting
        [2] 2nd meeting
        [3] 3rd meeting
        [21] 21st meeting
        [22] 22nd meeting
        [23] 23rd meeting
        [31] 31st meeting
        [32] 32nd meeting
        [33] 33rd meeting
       *[other] { $count }th meeting
    }
meeting-people-n =
    { $count ->
        [one] one person came
       *[other] { $count } people came
    }
meeting-agenda = Agenda
meeting-agenda-add = Add an agenda item
meeting-add = Add
meeting-save = Save
meeting-attendance = Attendance
meeting-people = People who came
meeting-attendance-organization = Organisation
meeting-attendance-people = People from it
meeting-minutes = Minutes
meeting-minutes-markdown = Minutes (Markdown)
meeting-outcomes = Outcomes and decisions
meeting-decision-add = Add a decision or outcome
meeting-action-items = Action items
meeting-none-yet = Nothing yet.
meeting-nothing-recorded = Nothing was recorded for this meeting.
meeting-invited = Invited:
flash-meeting-saved = Saved.
action-title = Action
action-owner = Owner
action-no-owner = No owner yet
action-due = Due
action-follow-up = Follow-up event
action-no-follow-up = None
action-add = Add the action item
action-meeting = Meeting
action-update = Update
action-status-open = Open
action-status-in-progress = In progress
action-status-done = Done
action-status-dropped = Dropped
actions-heading = Action items
actions-of-series = Action items of “{ $event }”
actions-none = No action items.
actions-overdue = Overdue
actions-overdue-n =
    { $count ->
        [one] One action item is overdue.
       *[other] { $count } action items are overdue.
    }
actions-filter = Which action items
actions-show-open = Open
actions-show-all = All
flash-action-updated = The action item was updated.
error-unknown-event = No such event.

## Invitations
invite-heading = Invite organisations
invite-organizations = Organisations to invite
invite-hint = Their admins get an e-mail with an invitation to accept in their calendar program.
invite-send = Send the invitations
flash-invitations-sent = The invitations are on their way.
flash-invitations-none = Choose at least one organisation to invite.
mail-invitation-subject = Invitation: { $event }
mail-invitation-body = You are invited to “{ $event }” ({ $when }, { $place }). Accept the invitation in your calendar program, or open { $url }

## Changed dates
occurrence-change = Change this date
occurrence-cancel = Cancel this date
occurrence-restore = Restore this date
occurrence-move = Save this date
occurrence-title = Own title of this date (empty: the series' title)
occurrence-description = Own description of this date (empty: the series' description)
flash-occurrence-text-invalid = A date's own title may have at most 200 characters, and its description at most 20,000.
occurrence-changed = Moved
flash-occurrence-changed = The date was changed.
flash-occurrence-invalid = Give a date, a start and an end after the start.

## Import of iCalendar files
calendar-import-title = Import .ics
calendar-import-intro = Bring events from Google Calendar, Outlook, Thunderbird or Apple Calendar: export the calendar as an .ics file and import it here. All or nothing: when any event has a problem, every problem is listed and nothing is imported.
calendar-import-errors-heading = { $count ->
    [one] Nothing was imported: one event has problems. Correct the file and import it again.
   *[other] Nothing was imported: { $count } events have problems. Correct the file and import it again.
}
calendar-import-file-error-heading = Nothing was imported: the file cannot be read as a calendar. Correct it and import it again.
calendar-import-error-event = Event
calendar-import-error-line = Line
calendar-import-error-summary = Title
calendar-import-error-property = Property
calendar-import-error-message = Problem
calendar-import-organization = Organised by
calendar-import-organization-hint = Every imported event is organised by this organisation.
calendar-import-zone-hint = Times the file gives in UTC or without a time zone are read in this zone.
calendar-import-file = Choose an .ics file
calendar-import-ics = Calendar (iCalendar text)
calendar-import-ics-hint = Paste the content of the .ics file, or choose the file above.
calendar-import-format = What is imported
calendar-import-format-events = Every event (VEVENT) with its title, description, place, start and end, time zone, recurrence rule, excluded dates and changed or cancelled occurrences. Times of an unknown time zone, rules more frequent than daily and extra dates (RDATE) are refused.
calendar-import-format-again = Importing the same file again does not duplicate events: an event whose UID is already in this space is updated.
calendar-import-submit = Import
flash-calendar-imported = The calendar was imported.
error-ics-not-calendar = This is not an iCalendar file: it must begin with BEGIN:VCALENDAR.
error-ics-line = This line is not an iCalendar content line (NAME:value).
error-ics-structure = BEGIN and END do not match here.
error-ics-utf8 = The file is not UTF-8 text.
error-ics-too-large = The file is larger than { $n } MB.
error-ics-too-many-events = A file can hold at most { $n } events.
error-ics-no-events = The file holds no events.
error-ics-date = This is not an iCalendar date or time (YYYYMMDD or YYYYMMDDTHHMMSS).
error-ics-time-zone = Unknown time zone: use an IANA name like Europe/Warsaw.
error-ics-date-kinds = The start and the end must both be dates, or both be times.
error-ics-duration = This duration does not parse (e.g. PT1H30M).
error-ics-no-start = The event has no start (DTSTART).
error-ics-rdate-period = Extra dates given as periods (RDATE;VALUE=PERIOD) are not supported: give their start dates, or make them events of their own.
error-ics-many-rules = An event can have only one recurrence rule.
error-ics-not-an-occurrence = This does not name an occurrence of its series.
error-ics-no-series = A changed occurrence whose series is not in the file.
error-ics-duplicate-uid = Another event of the file has the same UID.
error-ics-uid-elsewhere = An event of another space has this UID.
error-ics-not-yours = An event with this UID exists and you may not change it.

## Personal feed
my-feed-make = My personal calendar feed
my-feed-heading = Your personal calendar feed
my-feed-intro = Everything your organisations organise or are invited to, in one feed: add this address to Google Calendar, Outlook or Thunderbird as a calendar from the internet.
my-feed-address = Feed address
my-feed-secret = The address is secret and shown only now; making a new one switches the old one off.

## More charts
indicators-participants-chart = Participants per month
indicators-organizations-chart = Organisations involved per month
indicators-participants-n =
    { $count ->
        [one] one participant
       *[other] { $count } participants
    }
indicators-organizations-n =
    { $count ->
        [one] one organisation
       *[other] { $count } organisations
    }
