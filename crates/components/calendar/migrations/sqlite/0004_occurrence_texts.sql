-- A changed occurrence may have its own title, description and place (an overriding VEVENT's
-- SUMMARY, DESCRIPTION and LOCATION); NULL keeps the series' own.
ALTER TABLE calendar_changes ADD COLUMN title TEXT;
ALTER TABLE calendar_changes ADD COLUMN description TEXT;
ALTER TABLE calendar_changes ADD COLUMN address TEXT;
