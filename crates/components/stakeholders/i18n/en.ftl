# The stakeholders component: organisations, contacts, resources, needs, map, search, synergies.

stakeholders-nav = Stakeholders
stakeholders-description = Organisations with their contacts, the resources they offer and the needs they have; the resource map, search and synergies.
stakeholders-directory = Directory
stakeholders-map = Map
stakeholders-synergies = Synergies
stakeholders-matches = Matches
stakeholders-organizations = Organisations
stakeholders-resources = Resources on offer
stakeholders-needs = Needs
stakeholders-open-data = As open data:
organizations-none = No organisations are listed yet.
resources-none = No resources are on offer yet.
needs-none = No open needs.

## Filters
filter-show = Show
filter-show-all = Everything
filter-any = Any
filter-apply = Filter

## Vocabularies
sector-grassroots = Grassroots group
sector-ngo = NGO / civil society organisation
sector-local-government = Local government
sector-subnational-government = Subnational government
sector-national-government = National government
sector-private-sector = Private sector
sector-academia = Academia
sector-international-organisation = International organisation
sector-funder = Funder
level-neighbourhood = Neighbourhood
level-city = City
level-regional = Regional
level-national = National
level-international = International
level-none = Not applicable
item-kind-venue = Venue or room
item-kind-equipment = Equipment
item-kind-skills = Skills and volunteers
item-kind-funding = Funding
item-kind-technical-support = Technical support
item-kind-knowledge = Knowledge
item-kind-service = Service
item-kind-other = Other
urgency-low = Low urgency
urgency-medium = Medium urgency
urgency-high = High urgency
urgency-critical = Critical
contact-visibility-public = Public
contact-visibility-members = Space members only
contact-visibility-admins = Space administrators only
need-status-open = Open
need-status-met = Met
match-status-proposed = Proposed
match-status-accepted = Accepted
match-status-declined = Declined
match-status-done = Done
match-side-pending = waiting
match-side-accepted = accepted
match-side-declined = declined

## Organisations
organization-new = Add an organisation
organization-register = Register your organisation
organization-register-hint = You will manage this organisation's profile. It appears in the space once an administrator of the space approves it.
organization-edit = Edit organisation
organization-save = Save organisation
organization-pending = waiting for approval
organization-pending-explainer = This organisation is waiting for a space administrator's approval. Only its administrators and the space's see it.
organization-approve = Approve and list it
field-organization-name = Name of the organisation
field-sector = Sector
field-level = Level it works at
field-website = Website
field-organization-languages = Languages it works in
field-sdg-targets = SDG targets
sdg-hint = Targets of the Sustainable Development Goals, separated by commas, e.g. 11.1, 11.3.
field-address = Address
field-location = Location on the map
location-hint = Latitude and longitude in degrees, e.g. 50.0865 and 19.9110. Leave both empty if it has no single place.
field-lat = Latitude
field-lon = Longitude

## Contacts
contacts-title = Contacts
contacts-none = No contacts you may see.
contact-add = Add a contact
contact-remove = Remove { $name }
contact-remove-confirm = Remove the contact { $name }?
field-person = Name
field-contact-role = Role
field-phone = Phone
field-contact-visibility = Who may see this contact

## Resources and needs
resource-add = Add a resource on offer
need-add = Add a need
field-item-kind = Kind
field-resource-capacity = Capacity (people, places or units)
field-need-capacity = How many (people, places or units)
field-availability = Availability
field-urgency = Urgency
capacity-of = capacity { $n }
resource-suggestions = Needs this could meet
need-suggestions = Who could meet this need
suggestions-none = No suggestions yet.
suggestion-score = score { $score } of 100

## Synergies
synergies-explainer = For each open need, the resources that could meet it, best first, with the reasons. Propose a match and both organisations are asked to accept it.
synergies-none = There are no open needs.
reason-same-kind = same kind: { $kind }
reason-related-kind = related kind: { $kind }
reason-distance-m = { $meters } m away
reason-distance-km = { $km } km away
reason-common-words = words in common: { $words }
reason-capacity-fits = capacity fits ({ $capacity } for { $needed })
reason-capacity-short = capacity { $capacity } of { $needed } needed
match-propose = Propose "{ $title }"
match-accept = Accept the match for "{ $title }"
match-decline = Decline the match for "{ $title }"
match-done = Mark the match for "{ $title }" as done
match-need = Need:
match-offer = Offer:
match-need-side = Need side:
match-offer-side = Offer side:
matches-none = No matches have been proposed yet.

## Search
search-title = Search
search-label = Search organisations, resources and needs
search-submit = Search
search-count = { $count ->
    [0] Nothing found.
    [one] { $count } result
   *[other] { $count } results
}
search-organization = Organisation
search-resource = Resource
search-need = Need

## Directory pages
directory-page = Page { $page } of { $pages }
directory-pages = Pages
directory-previous = Previous page
directory-next = Next page
directory-all-organizations = { $count ->
    [one] See the { $count } organisation
   *[other] See all { $count } organisations
}
directory-all-resources = { $count ->
    [one] See the { $count } resource
   *[other] See all { $count } resources
}
directory-all-needs = { $count ->
    [one] See the { $count } need
   *[other] See all { $count } needs
}

organization-list-in = Also list it in
organization-list-submit = List it there
flash-organization-listed = The organisation is now listed in this space too.

## Confirmations and notifications
flash-organization-added = The organisation has been added.
flash-organization-registered = Your organisation is registered and waits for approval.
flash-organization-saved = The organisation has been saved.
flash-organization-approved = The organisation is approved and listed.
flash-contact-added = The contact has been added.
flash-contact-removed = The contact has been removed.
flash-resource-added = The resource has been added.
flash-need-added = The need has been added.
flash-match-proposed = The match has been proposed; both sides have been told.
flash-match-updated = The match has been updated.
notify-organization-registered = { $organization } asks to be listed in { $space }.
notify-organization-approved = { $organization } is now listed in { $space }.
notify-match-proposed = A match is proposed: "{ $resource }" ({ $organization }) for the need "{ $need }".
notify-match-status = The match of "{ $resource }" for "{ $need }" is now: { $status }.

## Errors
error-number = Enter a number.
error-coordinates-swapped = This looks like a longitude: latitude and longitude may be swapped.
error-latitude-range = Latitude must be between -90 and 90.
error-longitude-range = Longitude must be between -180 and 180.
error-bbox = The map area must be four numbers, west,south,east,north: longitudes between -180 and 180, latitudes between -90 and 90, west not east of east and south not north of north.
error-zoom = The zoom level must be a number from 0 to 22.
error-sdg-target = Use SDG targets like 11.1 or 11.a.
error-website = Enter a web address starting with http:// or https://.
error-phone = Enter a phone number with digits, spaces, +, - or brackets.
error-capacity = Enter a whole number from 1 upwards.
error-organization-pending = The organisation must be approved first.
error-need-met = This need has already been met.
error-match-own-organization = A resource of the same organisation cannot be proposed for its own need.
error-match-incompatible = This resource is not of a kind that could meet this need.
error-match-exists = This match has already been proposed.
error-match-state = The match cannot change that way any more.

## Map
map-title = Resource map
map-intro = Organisations, resources on offer and open needs that have a location, here and in the spaces inside this one. Every place on the map is also listed below it.
map-region-label = Map of organisations, resources and needs
map-legend = Legend
map-type-organization = Organisation
map-type-resource = Resource on offer
map-type-need = Need
map-places = places
map-shown = Places on the map:
map-none = No places with a location match these filters.
map-no-tiles = The background map could not be loaded; the places are still shown.
map-load-failed = The map could not load its places; the list below shows them.
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-close-popup = Close
map-unavailable = This server was built without its map library, so the places are listed only.
map-list-title = The places, as a list
map-list-truncated = { $count ->
    [one] Only the first place is listed here.
   *[other] Only the first { $count } places are listed here.
}
map-directory = See them all in the directory

## Import and export
import-link = Import from CSV
import-title = Import organisations from CSV
import-intro = Paste a CSV file of organisations with their contacts, resources and needs. Every row is checked first: if any row has a problem, nothing is imported and every problem is listed.
import-template = Download this space's data as CSV, to use as a template
field-import-csv = CSV data
import-hint = Comma or semicolon separated, with a header row. Larger files can be imported with the command cospace import stakeholders.
import-format = About the format
import-format-rows = One row per record: the record column says organization, contact, resource or need, and org_ref ties contacts, resources and needs to an organisation row above them. The header names these columns, in any order:
import-format-cells = Lists (languages, SDG targets) are separated by | inside a cell. Leave empty the cells that do not apply to a row.
import-submit = Import
import-errors-heading = { $count ->
    [one] Nothing was imported: one row has problems. Correct it and import again.
   *[other] Nothing was imported: { $count } rows have problems. Correct them and import again.
}
import-error-line = Line
import-error-field = Column
import-error-message = Problem
flash-import-done = The organisations have been imported.
error-csv-file-too-large = The file is larger than { $n } MiB. Split it into smaller files.
error-csv-utf8 = This line is not valid UTF-8. Save the file as UTF-8 (in spreadsheets: CSV UTF-8).
error-csv-empty = The file is empty: it needs a header row and at least one record.
error-csv-no-rows = The file has a header row but no records.
error-csv-delimiter = Separate the columns with commas or semicolons: the header row has neither.
error-csv-duplicate-column = The column “{ $value }” appears twice in the header.
error-csv-unknown-column = Unknown column “{ $value }”: check its spelling.
error-csv-missing-columns = Columns missing from the header: { $value }.
error-csv-too-many-errors = Stopped after { $n } problems: correct these and try again.
error-csv-line-too-long = This record is longer than { $n } MiB; a quote left open can cause this.
error-csv-field-count = This row has { $value } columns where the header has { $n }.
error-csv-unreadable = The file cannot be read as CSV from here on.
error-csv-record-type = The record must be organization, contact, resource or need, not “{ $value }”.
error-csv-not-applicable = This column does not apply to a { $value } row: leave it empty.
error-csv-unknown-org-ref = No organisation row with org_ref “{ $value }” comes before this row.
error-csv-duplicate-org-ref = Another organisation row already uses org_ref “{ $value }”.
