# The platform's messages: layout, accounts, spaces, administration, errors.

## Layout
skip-to-content = Skip to content
nav-main-label = Main
nav-spaces = Spaces
nav-account = My account
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
language-label = Language
language-apply = Change language
footer-tagline = cospace — co-creation in cities
footer-api = Open data and API
breadcrumbs-label = Breadcrumbs
choose = Choose…
form-has-errors = Please correct the following:

## Home and the tree of spaces
home-title = Co-creation in cities
home-intro = Residents, local institutions, civil society, governments and partners plan, decide, act and account for their work together here.
home-spaces = Spaces
home-all-spaces = All spaces
tree-title = All spaces
tree-empty = There are no spaces yet.
tree-open-data = This list as open data:

## Space kinds and visibility
kind-programme = Programme
kind-country = Country
kind-city = City
kind-neighbourhood = Neighbourhood
kind-event = Event
kind-other = Other
visibility-public = Public: anyone can see it
visibility-private = Private: members only

## A space
space-nav-label = In this space
space-nav-home = Overview
space-nav-admin = Administration
space-children = Spaces inside
space-no-children = No spaces inside this one yet.
space-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
space-child-count = { $count ->
    [one] { $count } space inside
   *[other] { $count } spaces inside
}
space-new-root = New top-level space
space-new-child = New space inside this one
space-inside = Inside:
space-edit-title = Edit space
space-create-submit = Create space
space-save-submit = Save changes

## Space form
field-title = Title
field-slug = Web address
slug-hint = Lower-case letters, digits and hyphens, starting with a letter, e.g. krakow-azory.
field-kind = Kind of space
field-description = Description
field-languages = Languages of its content
field-visibility = Who can see it

## Administration
admin-title = Administration
admin-edit-hint = Title, description, languages and visibility.
admin-members = Members
admin-members-hint = Who belongs to this space and who administers it.
admin-components = Components
admin-components-hint = Choose the tools this space uses.
admin-new-child-hint = A neighbourhood in a city, a session in an event…
admin-activity = Activity log
admin-activity-hint = Who changed what, and when.
members-none = This space has no members yet.
members-actions = Actions
members-role-of = Role of { $name }
members-change-role = Change role
members-remove = Remove { $name }
members-remove-confirm = Remove { $name } from this space?
members-add = Add a member
members-add-hint = The e-mail address of someone who already has an account.
members-add-submit = Add member
field-role = Role
role-member = Member
role-admin = Administrator
components-legend = Enabled components
components-save = Save components

## Activity log
activity-explainer = Every change in this space is recorded here and cannot be altered. Each entry's fingerprint covers the one before it, so any tampering shows.
activity-empty = Nothing has been recorded yet.
activity-when = When
activity-who = Who
activity-what = What
activity-details = Details
activity-hash = Fingerprint
activity-older = Older entries
activity-system = System
action-account-create = Account created
action-account-sign-in = Signed in
action-account-password-change = Password changed
action-account-language = Language changed
action-space-create = Space created
action-space-update = Space edited
action-member-add = Member added
action-member-role = Member's role changed
action-member-remove = Member removed
action-component-enable = Component enabled
action-component-disable = Component disabled

## Accounts
field-display-name = Name
field-email = E-mail address
field-password = Password
field-password-confirm = Repeat the password
field-current-password = Current password
field-new-password = New password
password-hint = At least 10 characters. A few unrelated words make a strong password.
sign-up-title = Create an account
sign-up-submit = Create account
sign-up-have-account = Already have an account?
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-no-account = New here?
sign-in-expired = Your session has expired. Please sign in again.
account-title = My account
account-member-since = Member since
account-language = Interface language
account-language-save = Save language
account-password = Change password
account-password-save = Change password

## Signing up: the answer is the same whether or not the address is registered
sign-up-intro = We will send a link to your e-mail address to confirm it. Your account is created when you open it.
sign-up-sent-title = Check your e-mail
sign-up-sent-intro = We have sent a link to { $email } to confirm the address.
sign-up-sent-valid = Open it within 24 hours to finish creating your account. The link works once.
sign-up-sent-existing = If this address already has an account, the e-mail tells you how to sign in instead.
sign-up-sent-no-mail = No e-mail after a few minutes? Look in your spam folder, or check the address and try again:
sign-up-again = Sign up again
sign-up-confirm-title = Confirm your account
sign-up-confirm-intro = Press the button to create your account with these details and sign in.
sign-up-confirm-submit = Create my account
sign-up-confirm-not-me = If you are not signing up for cospace, close this page: without the button no account is created.
sign-up-confirm-unknown-title = This link does not work
sign-up-confirm-unknown = The link is not valid, or it has already been used. If you have confirmed your account already, sign in; otherwise sign up again.
sign-up-confirm-expired-title = This link has expired
sign-up-confirm-expired = Confirmation links are valid for 24 hours. Sign up again to get a new one.
sign-up-confirm-registered-title = You already have an account
sign-up-confirm-registered = An account with this e-mail address already exists, so no new one was created. Sign in with it.
mail-sign-up-confirm-subject = Confirm your e-mail address for cospace
mail-sign-up-confirm-body =
    Hello,

    To finish creating your cospace account, confirm this e-mail address ({ $email }): open the link below and press the button on the page.

    { $url }

    The link is valid for 24 hours and works once. If you did not sign up for cospace, ignore this e-mail: no account is created without confirmation.
mail-sign-up-existing-subject = Someone tried to create an account with your e-mail address
mail-sign-up-existing-body =
    Hello { $name },

    Someone, perhaps you, tried to create a new cospace account with your e-mail address ({ $email }). You already have an account with it, so no new one was created and nothing about your account has changed.

    If it was you, sign in here:

    { $url }

    If it was not you, you can ignore this e-mail.

## Confirmations
flash-welcome = Welcome! Your account is ready.
flash-signed-in = You are signed in.
flash-signed-out = You are signed out.
flash-password-changed = Your password has been changed. Other devices have been signed out.
flash-space-created = The space has been created.
flash-space-saved = The space has been saved.
flash-member-saved = The member has been saved.
flash-member-removed = The member has been removed.
flash-components-saved = The components have been saved.
flash-components-saved-with-required = The components have been saved. Components that the chosen ones build on were enabled too.

## Field errors
error-required = This field is required.
error-too-short = { $n ->
    [one] Use at least { $n } character.
   *[other] Use at least { $n } characters.
}
error-too-long = { $n ->
    [one] Use at most { $n } character.
   *[other] Use at most { $n } characters.
}
error-choice = Choose one of the options.
error-email-format = Enter an e-mail address like name@example.org.
error-slug-format = Use lower-case letters, digits and single hyphens, starting with a letter.
error-slug-reserved = This address is reserved. Choose another.
error-taken = This is already taken. Choose another.
error-password-mismatch = The two passwords do not match.
error-password-guessable = This password is too easy to guess: it is common, a pattern, or made of your name or e-mail address. A few unrelated words make a strong one.
error-wrong-password = The current password is not correct.
error-sign-in-failed = The e-mail address or password is not correct.
error-no-such-user = No account has this e-mail address.

## Errors
error-status = Error { $status }
error-go-home = Go to the home page
error-bad-request = The request could not be understood.
error-unauthorized = Authentication required
error-forbidden = You are not allowed to do this.
error-not-found = This page does not exist, or you may not see it.
error-method-not-allowed = This action is not available here.
error-conflict = This conflicts with something that already exists.
error-too-large = What you sent is too large.
error-unsupported-media-type = This kind of content is not accepted here.
error-invalid = Some of the values are not valid.
error-too-many-requests = Too many attempts. Please wait a few minutes and try again.
error-busy = Many exports are running right now. Please try again in a minute.
error-limit = Choose a number from 1 to { $n }.
error-cursor = This page position is not valid: start again from the first page.
error-unavailable = The service is temporarily unavailable. Please try again shortly.
error-internal = Something went wrong on our side. It has been logged; please try again.
error-csrf = This form has expired. Go back, reload the page and submit it again.
error-api-token = A valid API token is required: send it as "Authorization: Bearer <token>".
error-malformed-json = The request body is not valid JSON of the expected shape.
error-json-syntax = The body is not valid JSON: the problem is at line { $line }, column { $column }.
error-json-missing = This field is required but missing.
error-json-type = This value has the wrong type: expected { $expected }.
error-json-unknown-value = This value is not known: expected one of { $expected }.
error-json-unknown-field = This field is not known.
error-json-invalid-value = This value is not valid: expected { $expected }.
error-json-invalid = This value is not valid here.
error-invalid-utf8 = The text sent is not valid UTF-8. Save the file or text as UTF-8 and try again.
error-control-characters = The text contains invisible control characters (such as NUL) that cannot be stored. Remove them and try again.

## Personal API tokens
tokens-title = API tokens
tokens-explainer = A token lets another program use the cospace API on your behalf, with your permissions.
tokens-none = You have no API tokens.
tokens-name = Token name
tokens-name-hint = Something to recognise it by, e.g. "city dashboard".
tokens-created = Created
tokens-last-used = Last used
tokens-never-used = Never
tokens-revoke = Revoke { $name }
tokens-revoke-confirm = Revoke the token { $name }? Programs using it will stop working.
tokens-create = Create token
tokens-created-title = Your new API token
tokens-created-intro = The token "{ $name }" has been created.
tokens-usage = Send it with every API request in this header:
tokens-secret = Token
tokens-copy-now = Copy it now: for your safety it will not be shown again.
tokens-back = Back to my account
flash-token-revoked = The token has been revoked.
action-account-sign-out = Signed out
action-token-create = API token created
action-token-revoke = API token revoked

## Notifications
nav-notifications = { $count ->
    [0] Notifications
   *[other] Notifications ({ $count } new)
}
notifications-title = Notifications
notifications-none = Nothing new for you yet.
notifications-mark-read = Mark all as read
notifications-new = New:
flash-notifications-read = All notifications are marked as read.
