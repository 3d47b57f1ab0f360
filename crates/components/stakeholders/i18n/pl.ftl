# The stakeholders component: organisations, contacts, resources, needs, map, search, synergies.

stakeholders-nav = Interesariusze
stakeholders-description = Organizacje wraz z kontaktami, oferowanymi zasobami i potrzebami; mapa zasobów, wyszukiwarka i synergie.
stakeholders-directory = Katalog
stakeholders-map = Mapa
stakeholders-synergies = Synergie
stakeholders-matches = Dopasowania
stakeholders-organizations = Organizacje
stakeholders-resources = Oferowane zasoby
stakeholders-needs = Potrzeby
stakeholders-open-data = Jako otwarte dane:
organizations-none = Nie dodano jeszcze żadnych organizacji.
resources-none = Nikt nie oferuje jeszcze żadnych zasobów.
needs-none = Brak otwartych potrzeb.

## Filters
filter-show = Pokaż
filter-show-all = Wszystko
filter-any = Dowolny
filter-apply = Filtruj

## Vocabularies
sector-grassroots = Grupa nieformalna / oddolna
sector-ngo = Organizacja pozarządowa
sector-local-government = Samorząd lokalny
sector-subnational-government = Samorząd regionalny
sector-national-government = Administracja rządowa
sector-private-sector = Sektor prywatny
sector-academia = Środowisko akademickie
sector-international-organisation = Organizacja międzynarodowa
sector-funder = Fundator / grantodawca
level-neighbourhood = Osiedlowy
level-city = Miejski
level-regional = Regionalny
level-national = Krajowy
level-international = Międzynarodowy
level-none = Nie dotyczy
item-kind-venue = Lokal lub sala
item-kind-equipment = Sprzęt
item-kind-skills = Umiejętności i wolontariusze
item-kind-funding = Finansowanie
item-kind-technical-support = Wsparcie techniczne
item-kind-knowledge = Wiedza
item-kind-service = Usługa
item-kind-other = Inne
urgency-low = Pilność niska
urgency-medium = Pilność średnia
urgency-high = Pilność wysoka
urgency-critical = Pilność krytyczna
contact-visibility-public = Publiczny
contact-visibility-members = Tylko członkowie przestrzeni
contact-visibility-admins = Tylko administratorzy przestrzeni
need-status-open = Otwarta
need-status-met = Zaspokojona
match-status-proposed = Zaproponowane
match-status-accepted = Zaakceptowane
match-status-declined = Odrzucone
match-status-done = Zrealizowane
match-side-pending = w oczekiwaniu
match-side-accepted = zaakceptowano
match-side-declined = odrzucono

## Organisations
organization-new = Dodaj organizację
organization-register = Zarejestruj swoją organizację
organization-register-hint = Będziesz zarządzać profilem tej organizacji. Pojawi się on w przestrzeni, gdy zatwierdzi go administrator przestrzeni.
organization-edit = Edytuj organizację
organization-save = Zapisz organizację
organization-pending = czeka na zatwierdzenie
organization-pending-explainer = Ta organizacja czeka na zatwierdzenie przez administratora przestrzeni. Do tego czasu widzą ją tylko jej administratorzy i administratorzy przestrzeni.
organization-approve = Zatwierdź i dodaj do katalogu
field-organization-name = Nazwa organizacji
field-sector = Sektor
field-level = Poziom działania
field-website = Strona internetowa
field-organization-languages = Języki, w których działa
field-sdg-targets = Zadania celów zrównoważonego rozwoju (SDG)
sdg-hint = Zadania w ramach celów zrównoważonego rozwoju (SDG), oddzielone przecinkami, np. 11.1, 11.3.
field-address = Adres
field-location = Lokalizacja na mapie
location-hint = Szerokość i długość geograficzna w stopniach, np. 50.0865 i 19.9110. Zostaw oba pola puste, jeśli nie ma jednego konkretnego miejsca.
field-lat = Szerokość geograficzna
field-lon = Długość geograficzna

## Contacts
contacts-title = Kontakty
contacts-none = Brak kontaktów, które możesz zobaczyć.
contact-add = Dodaj kontakt
contact-remove = Usuń kontakt { $name }
contact-remove-confirm = Usunąć kontakt { $name }?
field-person = Imię i nazwisko
field-contact-role = Funkcja
field-phone = Telefon
field-contact-visibility = Kto może zobaczyć ten kontakt

## Resources and needs
resource-add = Dodaj oferowany zasób
need-add = Dodaj potrzebę
field-item-kind = Rodzaj
field-resource-capacity = Pojemność (liczba osób, miejsc lub sztuk)
field-need-capacity = Ile potrzeba (osób, miejsc lub sztuk)
field-availability = Dostępność
field-urgency = Pilność
capacity-of = pojemność: { $n }
resource-suggestions = Potrzeby, na które ten zasób może odpowiedzieć
need-suggestions = Kto może zaspokoić tę potrzebę
suggestions-none = Na razie brak propozycji.
suggestion-score = wynik: { $score } na 100

## Synergies
synergies-explainer = Dla każdej otwartej potrzeby: zasoby, które mogą ją zaspokoić, od najlepiej dopasowanych, wraz z uzasadnieniem. Gdy zaproponujesz dopasowanie, obie organizacje zostaną poproszone o jego akceptację.
synergies-none = Nie ma otwartych potrzeb.
reason-same-kind = ten sam rodzaj: { $kind }
reason-related-kind = pokrewny rodzaj: { $kind }
reason-distance-m = odległość: { $meters } m
reason-distance-km = odległość: { $km } km
reason-common-words = wspólne słowa: { $words }
reason-capacity-fits = pojemność wystarcza ({ $capacity }, potrzeba { $needed })
reason-capacity-short = pokrywa część potrzeby ({ $capacity } z { $needed })
match-propose = Zaproponuj „{ $title }”
match-accept = Zaakceptuj dopasowanie dla „{ $title }”
match-decline = Odrzuć dopasowanie dla „{ $title }”
match-done = Oznacz dopasowanie dla „{ $title }” jako zrealizowane
match-need = Potrzeba:
match-offer = Oferta:
match-need-side = Po stronie potrzeby:
match-offer-side = Po stronie oferty:
matches-none = Nie zaproponowano jeszcze żadnych dopasowań.

## Search
search-title = Wyszukiwanie
search-label = Szukaj organizacji, zasobów i potrzeb
search-submit = Szukaj
search-count = { $count ->
    [0] Nic nie znaleziono.
    [one] { $count } wynik
    [few] { $count } wyniki
    [many] { $count } wyników
   *[other] { $count } wyniku
}
search-organization = Organizacja
search-resource = Zasób
search-need = Potrzeba

## Directory pages
directory-page = Strona { $page } z { $pages }
directory-pages = Strony
directory-previous = Poprzednia strona
directory-next = Następna strona
directory-all-organizations = { $count ->
    [one] Zobacz { $count } organizację
    [few] Zobacz wszystkie { $count } organizacje
    [many] Zobacz wszystkie { $count } organizacji
   *[other] Zobacz wszystkie { $count } organizacji
}
directory-all-resources = { $count ->
    [one] Zobacz { $count } zasób
    [few] Zobacz wszystkie { $count } zasoby
    [many] Zobacz wszystkie { $count } zasobów
   *[other] Zobacz wszystkie { $count } zasobu
}
directory-all-needs = { $count ->
    [one] Zobacz { $count } potrzebę
    [few] Zobacz wszystkie { $count } potrzeby
    [many] Zobacz wszystkie { $count } potrzeb
   *[other] Zobacz wszystkie { $count } potrzeby
}

organization-list-in = Pokaż tę organizację także w przestrzeni
organization-list-submit = Dodaj ją tam
flash-organization-listed = Organizacja jest teraz widoczna także w tej przestrzeni.

## Confirmations and notifications
flash-organization-added = Organizacja została dodana.
flash-organization-registered = Twoja organizacja została zarejestrowana i czeka na zatwierdzenie.
flash-organization-saved = Organizacja została zapisana.
flash-organization-approved = Organizacja została zatwierdzona i dodana do katalogu.
flash-contact-added = Kontakt został dodany.
flash-contact-removed = Kontakt został usunięty.
flash-resource-added = Zasób został dodany.
flash-need-added = Potrzeba została dodana.
flash-match-proposed = Dopasowanie zostało zaproponowane; obie strony otrzymały powiadomienie.
flash-match-updated = Dopasowanie zostało zaktualizowane.
notify-organization-registered = Organizacja { $organization } prosi o dodanie do przestrzeni { $space }.
notify-organization-approved = Organizacja { $organization } jest teraz widoczna w przestrzeni { $space }.
notify-match-proposed = Zaproponowano dopasowanie: „{ $resource }” ({ $organization }) dla potrzeby „{ $need }”.
notify-match-status = Dopasowanie „{ $resource }” do potrzeby „{ $need }” ma teraz status: { $status ->
    [proposed] zaproponowane
    [accepted] zaakceptowane
    [declined] odrzucone
    [done] zrealizowane
   *[other] { $status }
}.

## Errors
error-number = Wpisz liczbę.
error-coordinates-swapped = To wygląda na długość geograficzną: szerokość i długość mogły zostać zamienione miejscami.
error-latitude-range = Szerokość geograficzna musi mieścić się w przedziale od -90 do 90.
error-longitude-range = Długość geograficzna musi mieścić się w przedziale od -180 do 180.
error-bbox = Obszar mapy to cztery liczby: zachód,południe,wschód,północ — długości geograficzne od -180 do 180, szerokości od -90 do 90, zachód nie dalej na wschód niż wschód, południe nie dalej na północ niż północ.
error-zoom = Poziom powiększenia musi być liczbą od 0 do 22.
error-sdg-target = Podaj zadania SDG w postaci np. 11.1 lub 11.a.
error-website = Wpisz adres strony zaczynający się od http:// lub https://.
error-phone = Wpisz numer telefonu, używając cyfr, spacji, znaków +, - lub nawiasów.
error-capacity = Wpisz liczbę całkowitą równą 1 lub większą.
error-organization-pending = Organizacja musi najpierw zostać zatwierdzona.
error-need-met = Ta potrzeba została już zaspokojona.
error-match-own-organization = Nie można zaproponować zasobu organizacji do jej własnej potrzeby.
error-match-incompatible = Ten rodzaj zasobu nie może zaspokoić tej potrzeby.
error-match-exists = To dopasowanie zostało już zaproponowane.
error-match-state = Tego dopasowania nie można już w ten sposób zmienić.

## Map
map-title = Mapa zasobów
map-intro = Organizacje, oferowane zasoby i otwarte potrzeby, które mają lokalizację — w tej przestrzeni i w jej przestrzeniach podrzędnych. Każde miejsce z mapy jest też wymienione na liście pod nią.
map-region-label = Mapa organizacji, zasobów i potrzeb
map-legend = Legenda
map-type-organization = Organizacja
map-type-resource = Oferowany zasób
map-type-need = Potrzeba
map-places = (liczba miejsc)
map-shown = Miejsca na mapie:
map-none = Żadne miejsce z lokalizacją nie pasuje do tych filtrów.
map-no-tiles = Nie udało się wczytać podkładu mapy; miejsca są nadal widoczne.
map-load-failed = Nie udało się wczytać miejsc na mapę; znajdziesz je na liście poniżej.
map-zoom-in = Przybliż
map-zoom-out = Oddal
map-close-popup = Zamknij
map-unavailable = Ten serwer został zbudowany bez biblioteki map, dlatego miejsca są wyświetlane tylko jako lista.
map-list-title = Miejsca w formie listy
map-list-truncated = { $count ->
    [one] Wymieniono tu tylko pierwsze miejsce.
    [few] Wymieniono tu tylko pierwsze { $count } miejsca.
    [many] Wymieniono tu tylko pierwszych { $count } miejsc.
   *[other] Wymieniono tu tylko pierwsze { $count } miejsca.
}
map-directory = Zobacz wszystkie w katalogu

## Import and export
import-link = Importuj z pliku CSV
import-title = Import organizacji z pliku CSV
import-intro = Wklej zawartość pliku CSV z organizacjami wraz z ich kontaktami, zasobami i potrzebami. Najpierw sprawdzany jest każdy wiersz: jeśli którykolwiek zawiera błąd, nic nie zostanie zaimportowane, a wszystkie problemy zostaną wymienione.
import-template = Pobierz dane tej przestrzeni w formacie CSV, aby użyć ich jako szablonu
field-import-csv = Dane CSV
import-hint = Wartości oddzielone przecinkami lub średnikami, z wierszem nagłówka. Większe pliki można zaimportować poleceniem cospace import stakeholders.
import-format = Opis formatu
import-format-rows = Jeden wiersz na rekord: kolumna record określa jego typ (organization, contact, resource lub need), a kolumna org_ref wiąże kontakty, zasoby i potrzeby z wierszem organizacji znajdującym się wyżej. Nagłówek zawiera nazwy tych kolumn, w dowolnej kolejności:
import-format-cells = Elementy list (języki, zadania SDG) oddziela się w komórce znakiem |. Komórki, które nie dotyczą danego wiersza, zostaw puste.
import-submit = Importuj
import-errors-heading = { $count ->
    [one] Nic nie zaimportowano: jeden wiersz zawiera błędy. Popraw go i zaimportuj dane ponownie.
    [few] Nic nie zaimportowano: { $count } wiersze zawierają błędy. Popraw je i zaimportuj dane ponownie.
    [many] Nic nie zaimportowano: { $count } wierszy zawiera błędy. Popraw je i zaimportuj dane ponownie.
   *[other] Nic nie zaimportowano: { $count } wiersza zawiera błędy. Popraw je i zaimportuj dane ponownie.
}
import-error-line = Wiersz
import-error-field = Kolumna
import-error-message = Problem
flash-import-done = Organizacje zostały zaimportowane.
error-csv-file-too-large = Plik jest większy niż { $n } MiB. Podziel go na mniejsze pliki.
error-csv-utf8 = Ten wiersz nie jest poprawnym tekstem UTF-8. Zapisz plik w kodowaniu UTF-8 (w arkuszu kalkulacyjnym: CSV UTF-8).
error-csv-empty = Plik jest pusty: musi zawierać wiersz nagłówka i co najmniej jeden rekord.
error-csv-no-rows = Plik ma wiersz nagłówka, ale nie zawiera żadnych rekordów.
error-csv-delimiter = Oddziel kolumny przecinkami lub średnikami: w wierszu nagłówka nie ma ani jednych, ani drugich.
error-csv-duplicate-column = Kolumna „{ $value }” występuje w nagłówku dwukrotnie.
error-csv-unknown-column = Nieznana kolumna „{ $value }”: sprawdź pisownię.
error-csv-missing-columns = W nagłówku brakuje kolumn: { $value }.
error-csv-too-many-errors = Przerwano po { $n } problemach: popraw je i spróbuj ponownie.
error-csv-line-too-long = Ten rekord jest dłuższy niż { $n } MiB; przyczyną może być niezamknięty cudzysłów.
error-csv-field-count = Liczba kolumn w tym wierszu: { $value }, a w nagłówku: { $n }.
error-csv-unreadable = Od tego miejsca pliku nie da się odczytać jako CSV.
error-csv-record-type = Kolumna record musi zawierać organization, contact, resource lub need, a nie „{ $value }”.
error-csv-not-applicable = Ta kolumna nie dotyczy wiersza typu { $value }: zostaw ją pustą.
error-csv-unknown-org-ref = Przed tym wierszem nie ma wiersza organizacji z org_ref „{ $value }”.
error-csv-duplicate-org-ref = Inny wiersz organizacji używa już org_ref „{ $value }”.
