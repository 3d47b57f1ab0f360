# Komponent kalendarza: wspólny kalendarz, kolizje, koordynacja, kanały subskrypcji i wskaźniki.

calendar-nav = Kalendarz
calendar-description = Wspólny kalendarz planowanych działań z ostrzeżeniami o kolizjach, koordynacją, kanałami subskrypcji i wskaźnikami.
calendar-coordination = Koordynacja
calendar-indicators = Wskaźniki
calendar-navigation = Nawigacja po kalendarzu
calendar-previous = Poprzedni
calendar-next = Następny
calendar-today = Dziś
calendar-view-month = Miesiąc
calendar-view-week = Tydzień
calendar-view-agenda = Harmonogram
calendar-all-day = cały dzień
calendar-nothing = Nic nie zaplanowano.
calendar-subscribe = Zasubskrybuj w swoim programie do kalendarza (Kalendarz Google, Outlook, Thunderbird):
calendar-subscribe-organizer = Tylko wydarzenia organizacji { $name } w twoim programie do kalendarza:
calendar-count =
    { $count ->
        [one] Pokazano jeden termin.
        [few] Pokazano { $count } terminy.
        [many] Pokazano { $count } terminów.
       *[other] Pokazano { $count } terminu.
    }

## Wydarzenia
event-new = Zaplanuj wydarzenie
event-edit = Edytuj
event-save = Zapisz wydarzenie
event-cancel = Odwołaj wydarzenie
event-common-action = Wspólne działanie
event-upcoming = Najbliższe terminy
event-clashes = Kolizje
event-join-heading = Zorganizujmy to razem
event-join-as = Dołącz jako współorganizator w imieniu organizacji
event-join = Dołącz jako współorganizator
flash-event-planned = Wydarzenie jest w kalendarzu.
flash-event-saved = Zapisano wydarzenie.
flash-event-cancelled = Odwołano wydarzenie.
flash-event-joined = Jesteś teraz współorganizatorem tego wydarzenia.
flash-event-already-organizer = Ta organizacja już organizuje to wydarzenie.
notify-event-joined = Organizacja { $organization } dołączyła do „{ $event }” jako współorganizator.

## Pola
field-event-title = Tytuł
field-event-kind = Rodzaj
field-event-status = Status
field-organizer = Organizator
field-organizers = Organizacje organizujące
organizers-hint = Wydarzenie organizowane przez co najmniej dwie instytucje jest wspólnym działaniem.
field-time-zone = Strefa czasowa
field-all-day = Cały dzień
field-when = Kiedy
field-start-date = Data rozpoczęcia
field-start-time = Godzina rozpoczęcia
field-end-date = Data zakończenia
field-end-time = Godzina zakończenia
field-repeat = Powtarzanie
field-repeat-ends = Koniec powtarzania
field-repeat-count = Liczba powtórzeń
field-repeat-until = Ostatni dzień
field-rrule = Własna reguła (RFC 5545)
rrule-hint = Na przykład FREQ=MONTHLY;BYDAY=2TU oznacza każdy drugi wtorek miesiąca; reguła działa, gdy w polu „Powtarzanie” wybrano „Własna reguła”.
field-venue = Lokal
venue-none = Bez lokalu z katalogu
field-place = Miejsce
field-audience = Odbiorcy
field-expected-participants = Przewidywana liczba uczestników
field-actual-participants = Faktyczna liczba uczestników
field-from = Od
field-to = Do
field-distance = To samo miejsce w promieniu (w metrach)

## Słowniki
event-kind-action = Akcja
event-kind-meeting = Spotkanie
event-kind-consultation = Konsultacje
event-kind-celebration = Święto
event-kind-training = Szkolenie
event-kind-other = Inne
audience-children = Dzieci
audience-youth = Młodzież
audience-families = Rodziny
audience-adults = Dorośli
audience-seniors = Seniorzy
audience-everyone = Wszyscy
event-status-planned = Zaplanowane
event-status-confirmed = Potwierdzone
event-status-done = Zrealizowane
event-status-cancelled = Odwołane
repeat-none = Nie powtarza się
repeat-daily = Codziennie
repeat-weekly = Co tydzień
repeat-fortnightly = Co dwa tygodnie
repeat-monthly-weekday = Co miesiąc w ten sam dzień tygodnia (np. w drugi wtorek)
repeat-monthly-date = Co miesiąc tego samego dnia
repeat-yearly = Co roku
repeat-custom = Własna reguła
repeat-ends-never = Nigdy
repeat-ends-count = Po określonej liczbie powtórzeń
repeat-ends-until = W określonym dniu

## Kolizje
clash-warning-heading = To koliduje z tym, co planują inni
clash-warning-hint = Zamiast planować własne wydarzenie, możesz dołączyć do jednego z tych jako współorganizator.
clash-same-venue = to samo miejsce w tym samym czasie
clash-nearby = { $metres } m dalej w tym samym czasie
clash-same-audience = ci sami odbiorcy tego samego dnia: { $audiences }
clash-join-as = Dołącz jako { $organization }
clash-plan-anyway = Wiem o tych kolizjach; mimo to chcę zaplanować wydarzenie.
clash-none = Brak kolizji z tym, co już zaplanowano.
coordination-clashes =
    { $count ->
        [one] Jedna kolizja
        [few] { $count } kolizje
        [many] { $count } kolizji
       *[other] { $count } kolizji
    }
coordination-no-clashes = Brak kolizji w tym okresie.
coordination-first = Wydarzenie
coordination-second = Koliduje z
coordination-why = Dlaczego
coordination-suggestion-heading = Propozycja
coordination-suggestion = Organizatorzy „{ $later }” mogliby dołączyć do „{ $earlier }” jako współorganizatorzy.
coordination-common-actions =
    { $count ->
        [one] Jedno wspólne działanie
        [few] { $count } wspólne działania
        [many] { $count } wspólnych działań
       *[other] { $count } wspólnego działania
    }

## Wskaźniki
indicators-chart-title = Wydarzenia i wspólne działania w poszczególnych miesiącach
indicators-chart-caption = Niebieski: wydarzenia; pomarańczowy: wspólne działania (co najmniej dwie instytucje organizujące). Tabela poniżej zawiera te same dane.
indicators-month = Miesiąc
indicators-events = Wydarzenia
indicators-common-actions = Wspólne działania
indicators-participants = Uczestnicy
indicators-organizations = Zaangażowane organizacje
indicators-total = Razem
indicators-events-n =
    { $count ->
        [one] jedno wydarzenie
        [few] { $count } wydarzenia
        [many] { $count } wydarzeń
       *[other] { $count } wydarzenia
    }
indicators-common-n =
    { $count ->
        [one] jedno wspólne działanie
        [few] { $count } wspólne działania
        [many] { $count } wspólnych działań
       *[other] { $count } wspólnego działania
    }
stakeholders-open-data-calendar = Pobierz:

## Daty
month-1 = Styczeń
month-2 = Luty
month-3 = Marzec
month-4 = Kwiecień
month-5 = Maj
month-6 = Czerwiec
month-7 = Lipiec
month-8 = Sierpień
month-9 = Wrzesień
month-10 = Październik
month-11 = Listopad
month-12 = Grudzień
month-genitive-1 = stycznia
month-genitive-2 = lutego
month-genitive-3 = marca
month-genitive-4 = kwietnia
month-genitive-5 = maja
month-genitive-6 = czerwca
month-genitive-7 = lipca
month-genitive-8 = sierpnia
month-genitive-9 = września
month-genitive-10 = października
month-genitive-11 = listopada
month-genitive-12 = grudnia
month-short-1 = sty
month-short-2 = lut
month-short-3 = mar
month-short-4 = kwi
month-short-5 = maj
month-short-6 = cze
month-short-7 = lip
month-short-8 = sie
month-short-9 = wrz
month-short-10 = paź
month-short-11 = lis
month-short-12 = gru
weekday-short-1 = pon.
weekday-short-2 = wt.
weekday-short-3 = śr.
weekday-short-4 = czw.
weekday-short-5 = pt.
weekday-short-6 = sob.
weekday-short-7 = niedz.

## Błędy
error-time-zone = To nie jest nazwa strefy czasowej; użyj nazwy takiej jak Europe/Warsaw.
error-date = Wpisz datę w formacie RRRR-MM-DD.
error-time = Wpisz godzinę w formacie GG:MM.
error-date-time = Wpisz datę i godzinę w formacie RRRR-MM-DDTGG:MM.
error-end-before-start = Koniec musi nastąpić po rozpoczęciu.
error-event-too-long = Wydarzenie może trwać najwyżej 60 dni; zamiast tego utwórz wydarzenie powtarzające się.
error-rrule = Nie można odczytać tej reguły powtarzania (RFC 5545, np. FREQ=WEEKLY;BYDAY=TU).
error-rrule-frequency = Wydarzenia mogą powtarzać się codziennie, co tydzień, co miesiąc lub co roku.
error-rrule-count = Liczba powtórzeń musi wynosić od 1 do { $n }.
error-rrule-until-before-start = Ostatni dzień przypada przed pierwszym.
error-rrule-endless = Ta seria musi się kiedyś skończyć: podaj liczbę powtórzeń albo ostatni dzień.
error-whole-number = Wpisz liczbę całkowitą.
error-organizer-required = Wybierz co najmniej jedną organizację jako organizatora.
error-organizer-not-yours = Jako organizatorów wskaż tylko organizacje, którymi administrujesz, a pozostałe zaproś.
error-organizer-not-listed = Wydarzenia tej przestrzeni mogą organizować tylko organizacje zatwierdzone i wpisane w niej lub w publicznej przestrzeni nad nią albo pod nią.
error-unknown-organizer = Nie ma takiej organizacji.
error-unknown-venue = W katalogu nie ma takiego lokalu.
error-too-many = Najwyżej { $n }.
error-period = Nieprawidłowy okres.
error-period-too-long = Okres może obejmować najwyżej { $n } dni.
error-distance = Odległość musi wynosić od 0 do 5000 metrów.

## Spotkania
meeting-series = Spotkania z tej serii
meeting-series-event = Wydarzenie
meeting-number = { $count }. spotkanie
meeting-people-n =
    { $count ->
        [one] przyszła jedna osoba
        [few] przyszły { $count } osoby
        [many] przyszło { $count } osób
       *[other] przyszło { $count } osoby
    }
meeting-agenda = Porządek obrad
meeting-agenda-add = Dodaj punkt porządku obrad
meeting-add = Dodaj
meeting-save = Zapisz
meeting-attendance = Obecność
meeting-people = Liczba obecnych
meeting-attendance-organization = Organizacja
meeting-attendance-people = Osoby z tej organizacji
meeting-minutes = Protokół
meeting-minutes-markdown = Protokół (Markdown)
meeting-outcomes = Wyniki i decyzje
meeting-decision-add = Dodaj decyzję lub wynik
meeting-action-items = Zadania
meeting-none-yet = Jeszcze nic.
meeting-nothing-recorded = Z tego spotkania nic nie zapisano.
meeting-invited = Zaproszeni:
flash-meeting-saved = Zapisano.
action-title = Zadanie
action-owner = Odpowiedzialny
action-no-owner = Jeszcze bez odpowiedzialnego
action-due = Termin
action-follow-up = Wydarzenie będące kontynuacją
action-no-follow-up = Brak
action-add = Dodaj zadanie
action-meeting = Spotkanie
action-update = Zmień
action-status-open = Otwarte
action-status-in-progress = W toku
action-status-done = Wykonane
action-status-dropped = Porzucone
actions-heading = Zadania
actions-of-series = Zadania z „{ $event }”
actions-none = Brak zadań.
actions-overdue = Po terminie
actions-overdue-n =
    { $count ->
        [one] Jedno zadanie jest po terminie.
        [few] { $count } zadania są po terminie.
        [many] { $count } zadań jest po terminie.
       *[other] { $count } zadania są po terminie.
    }
actions-filter = Które zadania
actions-show-open = Otwarte
actions-show-all = Wszystkie
flash-action-updated = Zadanie zostało zmienione.
error-unknown-event = Nie ma takiego wydarzenia.

## Zaproszenia
invite-heading = Zaproś organizacje
invite-organizations = Organizacje do zaproszenia
invite-hint = Ich administratorzy dostaną e-mail z zaproszeniem do przyjęcia w programie kalendarza.
invite-send = Wyślij zaproszenia
flash-invitations-sent = Zaproszenia są w drodze.
flash-invitations-none = Wybierz co najmniej jedną organizację do zaproszenia.
mail-invitation-subject = Zaproszenie: { $event }
mail-invitation-body = Zapraszamy na „{ $event }” ({ $when }, { $place }). Przyjmij zaproszenie w swoim programie kalendarza albo otwórz { $url }

## Zmienione terminy
occurrence-change = Zmień ten termin
occurrence-cancel = Odwołaj ten termin
occurrence-restore = Przywróć ten termin
occurrence-move = Zapisz ten termin
occurrence-title = Własny tytuł tego terminu (puste: tytuł cyklu)
occurrence-description = Własny opis tego terminu (puste: opis cyklu)
flash-occurrence-text-invalid = Własny tytuł terminu może mieć najwyżej 200 znaków, a jego opis najwyżej 20 000.
occurrence-changed = Przeniesione
flash-occurrence-changed = Termin został zmieniony.
flash-occurrence-invalid = Podaj datę, początek i koniec po początku.

## Import plików iCalendar
calendar-import-title = Import .ics
calendar-import-intro = Przenieś wydarzenia z Kalendarza Google, Outlooka, Thunderbirda lub Kalendarza Apple: wyeksportuj kalendarz do pliku .ics i zaimportuj go tutaj. Wszystko albo nic: jeśli którekolwiek wydarzenie ma błąd, zobaczysz listę wszystkich błędów, a nic nie zostanie zaimportowane.
calendar-import-errors-heading = { $count ->
    [one] Nic nie zaimportowano: jedno wydarzenie zawiera błędy. Popraw plik i zaimportuj go ponownie.
    [few] Nic nie zaimportowano: { $count } wydarzenia zawierają błędy. Popraw plik i zaimportuj go ponownie.
    [many] Nic nie zaimportowano: { $count } wydarzeń zawiera błędy. Popraw plik i zaimportuj go ponownie.
   *[other] Nic nie zaimportowano: { $count } wydarzenia zawiera błędy. Popraw plik i zaimportuj go ponownie.
}
calendar-import-file-error-heading = Nic nie zaimportowano: pliku nie da się odczytać jako kalendarza. Popraw go i zaimportuj ponownie.
calendar-import-error-event = Wydarzenie
calendar-import-error-line = Wiersz
calendar-import-error-summary = Tytuł
calendar-import-error-property = Właściwość
calendar-import-error-message = Błąd
calendar-import-organization = Organizator
calendar-import-organization-hint = Każde importowane wydarzenie organizuje ta organizacja.
calendar-import-zone-hint = Godziny zapisane w pliku w UTC lub bez strefy czasowej zostaną odczytane w tej strefie.
calendar-import-file = Wybierz plik .ics
calendar-import-ics = Kalendarz (tekst iCalendar)
calendar-import-ics-hint = Wklej zawartość pliku .ics albo wybierz plik powyżej.
calendar-import-format = Co zostanie zaimportowane
calendar-import-format-events = Każde wydarzenie (VEVENT) z tytułem, opisem, miejscem, początkiem i końcem, strefą czasową, regułą powtarzania, wykluczonymi datami oraz zmienionymi lub odwołanymi terminami. Godziny w nieznanej strefie czasowej, reguły częstsze niż codzienne i dodatkowe daty (RDATE) są odrzucane.
calendar-import-format-again = Ponowny import tego samego pliku nie powiela wydarzeń: wydarzenie, którego UID już jest w tej przestrzeni, zostanie zaktualizowane.
calendar-import-submit = Importuj
flash-calendar-imported = Kalendarz został zaimportowany.
error-ics-not-calendar = To nie jest plik iCalendar: musi zaczynać się od BEGIN:VCALENDAR.
error-ics-line = Ten wiersz nie jest wierszem iCalendar (NAZWA:wartość).
error-ics-structure = BEGIN i END nie pasują tu do siebie.
error-ics-utf8 = Plik nie jest tekstem w UTF-8.
error-ics-too-large = Plik jest większy niż { $n } MB.
error-ics-too-many-events = Plik może zawierać najwyżej { $n } wydarzeń.
error-ics-no-events = Plik nie zawiera żadnych wydarzeń.
error-ics-date = To nie jest data ani czas w formacie iCalendar (RRRRMMDD lub RRRRMMDDTGGMMSS).
error-ics-time-zone = Nieznana strefa czasowa: użyj nazwy IANA, np. Europe/Warsaw.
error-ics-date-kinds = Początek i koniec muszą być oba datami albo oba godzinami.
error-ics-duration = Nie można odczytać czasu trwania (np. PT1H30M).
error-ics-no-start = Wydarzenie nie ma początku (DTSTART).
error-ics-rdate-period = Dodatkowe daty podane jako okresy (RDATE;VALUE=PERIOD) nie są obsługiwane: podaj ich daty początku albo zapisz je jako osobne wydarzenia.
error-ics-many-rules = Wydarzenie może mieć tylko jedną regułę powtarzania.
error-ics-not-an-occurrence = To nie wskazuje żadnego terminu tej serii.
error-ics-no-series = Zmieniony termin serii, której nie ma w pliku.
error-ics-duplicate-uid = Inne wydarzenie w pliku ma ten sam UID.
error-ics-uid-elsewhere = Wydarzenie z innej przestrzeni ma ten UID.
error-ics-not-yours = Wydarzenie z tym UID już istnieje, a nie możesz go zmieniać.

## Kanał osobisty
my-feed-make = Mój osobisty kanał kalendarza
my-feed-heading = Twój osobisty kanał kalendarza
my-feed-intro = Wszystko, co organizują twoje organizacje lub na co są zaproszone, w jednym kanale: dodaj ten adres w Kalendarzu Google, Outlooku lub Thunderbirdzie jako kalendarz z internetu.
my-feed-address = Adres kanału
my-feed-secret = Adres jest tajny i pokazujemy go tylko teraz; utworzenie nowego wyłącza stary.

## Więcej wykresów
indicators-participants-chart = Uczestnicy w kolejnych miesiącach
indicators-organizations-chart = Zaangażowane organizacje w kolejnych miesiącach
indicators-participants-n =
    { $count ->
        [one] jeden uczestnik
        [few] { $count } uczestników
        [many] { $count } uczestników
       *[other] { $count } uczestnika
    }
indicators-organizations-n =
    { $count ->
        [one] jedna organizacja
        [few] { $count } organizacje
        [many] { $count } organizacji
       *[other] { $count } organizacji
    }
