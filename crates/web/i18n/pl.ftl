# The platform's messages: layout, accounts, spaces, administration, errors.

## Layout
skip-to-content = Przejdź do treści
nav-main-label = Menu główne
nav-spaces = Przestrzenie
nav-account = Moje konto
nav-sign-in = Zaloguj się
nav-sign-up = Utwórz konto
nav-sign-out = Wyloguj się
language-label = Język
language-apply = Zmień język
footer-tagline = cospace — współtworzenie w miastach
footer-api = Otwarte dane i API
breadcrumbs-label = Ścieżka nawigacji
choose = Wybierz…
form-has-errors = Popraw następujące błędy:

## Home and the tree of spaces
home-title = Współtworzenie w miastach
home-intro = Mieszkańcy, lokalne instytucje, organizacje społeczne, władze i partnerzy wspólnie planują tu, podejmują decyzje, działają i rozliczają się ze swojej pracy.
home-spaces = Przestrzenie
home-all-spaces = Wszystkie przestrzenie
tree-title = Wszystkie przestrzenie
tree-empty = Nie ma jeszcze żadnych przestrzeni.
tree-open-data = Ta lista jako otwarte dane:

## Space kinds and visibility
kind-programme = Program
kind-country = Kraj
kind-city = Miasto
kind-neighbourhood = Osiedle
kind-event = Wydarzenie
kind-other = Inne
visibility-public = Publiczna: widoczna dla wszystkich
visibility-private = Prywatna: tylko dla członków

## A space
space-nav-label = W tej przestrzeni
space-nav-home = Przegląd
space-nav-admin = Administracja
space-children = Przestrzenie podrzędne
space-no-children = Ta przestrzeń nie ma jeszcze przestrzeni podrzędnych.
space-member-count = { $count ->
    [one] { $count } osoba
    [few] { $count } osoby
    [many] { $count } osób
   *[other] { $count } osoby
}
space-child-count = { $count ->
    [one] { $count } przestrzeń podrzędna
    [few] { $count } przestrzenie podrzędne
    [many] { $count } przestrzeni podrzędnych
   *[other] { $count } przestrzeni podrzędnej
}
space-new-root = Nowa przestrzeń najwyższego poziomu
space-new-child = Nowa przestrzeń podrzędna
space-inside = W przestrzeni:
space-edit-title = Edytuj przestrzeń
space-create-submit = Utwórz przestrzeń
space-save-submit = Zapisz zmiany

## Space form
field-title = Nazwa
field-slug = Adres internetowy
slug-hint = Małe litery, cyfry i łączniki; na początku litera, np. krakow-azory.
field-kind = Rodzaj przestrzeni
field-description = Opis
field-languages = Języki treści
field-visibility = Kto może ją zobaczyć

## Administration
admin-title = Administracja
admin-edit-hint = Nazwa, opis, języki i widoczność.
admin-members = Członkowie
admin-members-hint = Kto należy do tej przestrzeni i kto nią zarządza.
admin-components = Komponenty
admin-components-hint = Wybierz narzędzia, z których korzysta ta przestrzeń.
admin-new-child-hint = Osiedle w mieście, sesja w ramach wydarzenia…
admin-activity = Dziennik zmian
admin-activity-hint = Kto, co i kiedy zmienił.
members-none = Ta przestrzeń nie ma jeszcze członków.
members-actions = Działania
members-role-of = Rola osoby { $name }
members-change-role = Zmień rolę
members-remove = Usuń osobę { $name }
members-remove-confirm = Usunąć osobę { $name } z tej przestrzeni?
members-add = Dodaj członka
members-add-hint = Adres e-mail osoby, która ma już konto.
members-add-submit = Dodaj członka
field-role = Rola
role-member = Członek
role-admin = Administrator
components-legend = Włączone komponenty
components-save = Zapisz komponenty

## Activity log
activity-explainer = Każda zmiana w tej przestrzeni jest tu zapisywana i nie można jej zmienić. Odcisk cyfrowy każdego wpisu obejmuje wpis poprzedni, dlatego każda próba manipulacji będzie widoczna.
activity-empty = Nic jeszcze nie zostało zapisane.
activity-when = Kiedy
activity-who = Kto
activity-what = Co
activity-details = Szczegóły
activity-hash = Odcisk cyfrowy
activity-older = Starsze wpisy
activity-system = System
action-account-create = Utworzono konto
action-account-sign-in = Zalogowano
action-account-password-change = Zmieniono hasło
action-account-language = Zmieniono język
action-space-create = Utworzono przestrzeń
action-space-update = Edytowano przestrzeń
action-member-add = Dodano członka
action-member-role = Zmieniono rolę członka
action-member-remove = Usunięto członka
action-component-enable = Włączono komponent
action-component-disable = Wyłączono komponent

## Accounts
field-display-name = Imię i nazwisko
field-email = Adres e-mail
field-password = Hasło
field-password-confirm = Powtórz hasło
field-current-password = Obecne hasło
field-new-password = Nowe hasło
password-hint = Co najmniej 10 znaków. Kilka niezwiązanych ze sobą słów tworzy silne hasło.
sign-up-title = Utwórz konto
sign-up-submit = Utwórz konto
sign-up-have-account = Masz już konto?
sign-in-title = Zaloguj się
sign-in-submit = Zaloguj się
sign-in-no-account = Nie masz jeszcze konta?
sign-in-expired = Sesja wygasła. Zaloguj się ponownie.
account-title = Moje konto
account-member-since = Data założenia konta
account-language = Język interfejsu
account-language-save = Zapisz język
account-password = Zmiana hasła
account-password-save = Zmień hasło

## Signing up: the answer is the same whether or not the address is registered
sign-up-intro = Wyślemy link na Twój adres e-mail, żeby go potwierdzić. Konto powstanie, gdy go otworzysz.
sign-up-sent-title = Sprawdź pocztę
sign-up-sent-intro = Wysłaliśmy na adres { $email } link do potwierdzenia tego adresu.
sign-up-sent-valid = Otwórz go w ciągu 24 godzin, żeby dokończyć zakładanie konta. Link działa tylko raz.
sign-up-sent-existing = Jeśli ten adres ma już konto, wiadomość powie Ci zamiast tego, jak się zalogować.
sign-up-sent-no-mail = Po kilku minutach nadal nic? Zajrzyj do folderu ze spamem albo sprawdź adres i spróbuj jeszcze raz:
sign-up-again = Zarejestruj się ponownie
sign-up-confirm-title = Potwierdź konto
sign-up-confirm-intro = Naciśnij przycisk, żeby utworzyć konto z tymi danymi i się zalogować.
sign-up-confirm-submit = Utwórz moje konto
sign-up-confirm-not-me = Jeśli nie zakładasz konta w cospace, zamknij tę stronę: bez naciśnięcia przycisku konto nie powstanie.
sign-up-confirm-unknown-title = Ten link nie działa
sign-up-confirm-unknown = Link jest nieprawidłowy albo został już użyty. Jeśli konto jest już potwierdzone, zaloguj się; w przeciwnym razie zarejestruj się ponownie.
sign-up-confirm-expired-title = Ten link wygasł
sign-up-confirm-expired = Linki potwierdzające są ważne przez 24 godziny. Zarejestruj się ponownie, żeby dostać nowy.
sign-up-confirm-registered-title = Masz już konto
sign-up-confirm-registered = Konto z tym adresem e-mail już istnieje, więc nowe nie zostało utworzone. Zaloguj się na nie.
mail-sign-up-confirm-subject = Potwierdź swój adres e-mail w cospace
mail-sign-up-confirm-body =
    Dzień dobry,

    żeby dokończyć zakładanie konta w cospace, potwierdź ten adres e-mail ({ $email }): otwórz poniższy link i naciśnij przycisk na stronie.

    { $url }

    Link jest ważny przez 24 godziny i działa tylko raz. Jeśli nie zakładasz konta w cospace, zignoruj tę wiadomość: bez potwierdzenia konto nie powstanie.
mail-sign-up-existing-subject = Ktoś próbował założyć konto z Twoim adresem e-mail
mail-sign-up-existing-body =
    Dzień dobry, { $name },

    ktoś, być może Ty, próbował założyć nowe konto w cospace z Twoim adresem e-mail ({ $email }). Masz już konto z tym adresem, więc nowe nie zostało utworzone, a w Twoim koncie nic się nie zmieniło.

    Jeśli to Ty, zaloguj się tutaj:

    { $url }

    Jeśli to nie Ty, możesz zignorować tę wiadomość.

## Confirmations
flash-welcome = Witamy! Twoje konto jest gotowe.
flash-signed-in = Zalogowano.
flash-signed-out = Wylogowano.
flash-password-changed = Hasło zostało zmienione. Pozostałe urządzenia zostały wylogowane.
flash-space-created = Przestrzeń została utworzona.
flash-space-saved = Przestrzeń została zapisana.
flash-member-saved = Zapisano dane członka.
flash-member-removed = Usunięto członka.
flash-components-saved = Komponenty zostały zapisane.
flash-components-saved-with-required = Komponenty zostały zapisane. Włączono też komponenty, na których opierają się wybrane.

## Field errors
error-required = To pole jest wymagane.
error-too-short = { $n ->
    [one] Wpisz co najmniej { $n } znak.
    [few] Wpisz co najmniej { $n } znaki.
    [many] Wpisz co najmniej { $n } znaków.
   *[other] Wpisz co najmniej { $n } znaku.
}
error-too-long = { $n ->
    [one] Wpisz najwyżej { $n } znak.
    [few] Wpisz najwyżej { $n } znaki.
    [many] Wpisz najwyżej { $n } znaków.
   *[other] Wpisz najwyżej { $n } znaku.
}
error-choice = Wybierz jedną z opcji.
error-email-format = Wpisz adres e-mail w postaci name@example.org.
error-slug-format = Użyj małych liter, cyfr i pojedynczych łączników; na początku musi być litera.
error-slug-reserved = Ten adres jest zastrzeżony. Wybierz inny.
error-taken = Ta wartość jest już zajęta. Wybierz inną.
error-password-mismatch = Podane hasła nie są takie same.
error-password-guessable = To hasło łatwo odgadnąć: jest popularne, jest wzorem albo składa się z Twojego imienia lub adresu e-mail. Kilka niepowiązanych słów tworzy silne hasło.
error-wrong-password = Obecne hasło jest nieprawidłowe.
error-sign-in-failed = Nieprawidłowy adres e-mail lub hasło.
error-no-such-user = Nie ma konta z tym adresem e-mail.

## Errors
error-status = Błąd { $status }
error-go-home = Przejdź do strony głównej
error-bad-request = Nie udało się zrozumieć żądania.
error-unauthorized = Wymagane uwierzytelnienie
error-forbidden = Nie masz uprawnień do wykonania tej czynności.
error-not-found = Ta strona nie istnieje lub nie masz do niej dostępu.
error-method-not-allowed = Ta czynność nie jest tu dostępna.
error-conflict = To koliduje z czymś, co już istnieje.
error-too-large = Przesłane dane są zbyt duże.
error-unsupported-media-type = Ten rodzaj treści nie jest tu akceptowany.
error-invalid = Niektóre wartości są nieprawidłowe.
error-too-many-requests = Zbyt wiele prób. Odczekaj kilka minut i spróbuj ponownie.
error-busy = Trwa teraz wiele eksportów. Spróbuj ponownie za minutę.
error-limit = Wybierz liczbę od 1 do { $n }.
error-cursor = Ta pozycja strony jest nieprawidłowa: zacznij od pierwszej strony.
error-unavailable = Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.
error-internal = Wystąpił błąd po naszej stronie. Został on zarejestrowany; spróbuj ponownie.
error-csrf = Ten formularz wygasł. Wróć, odśwież stronę i wyślij formularz ponownie.
error-api-token = Wymagany jest ważny token API: wyślij go jako "Authorization: Bearer <token>".
error-malformed-json = Treść żądania nie jest poprawnym JSON-em o oczekiwanej strukturze.
error-json-syntax = Treść nie jest poprawnym JSON-em: błąd w wierszu { $line }, kolumnie { $column }.
error-json-missing = To pole jest wymagane, a go brakuje.
error-json-type = Ta wartość ma niewłaściwy typ: oczekiwano { $expected }.
error-json-unknown-value = Ta wartość jest nieznana: oczekiwano jednej z { $expected }.
error-json-unknown-field = To pole jest nieznane.
error-json-invalid-value = Ta wartość jest nieprawidłowa: oczekiwano { $expected }.
error-json-invalid = Ta wartość jest tu nieprawidłowa.
error-invalid-utf8 = Przesłany tekst nie jest poprawnym UTF-8. Zapisz plik lub tekst jako UTF-8 i spróbuj ponownie.
error-control-characters = Tekst zawiera niewidoczne znaki sterujące (np. NUL), których nie można zapisać. Usuń je i spróbuj ponownie.

## Personal API tokens
tokens-title = Tokeny API
tokens-explainer = Token pozwala innemu programowi korzystać z API cospace w Twoim imieniu, z Twoimi uprawnieniami.
tokens-none = Nie masz tokenów API.
tokens-name = Nazwa tokenu
tokens-name-hint = Coś, po czym go rozpoznasz, np. „panel miejski”.
tokens-created = Utworzono
tokens-last-used = Ostatnie użycie
tokens-never-used = Nigdy
tokens-revoke = Unieważnij { $name }
tokens-revoke-confirm = Unieważnić token { $name }? Programy, które go używają, przestaną działać.
tokens-create = Utwórz token
tokens-created-title = Twój nowy token API
tokens-created-intro = Token „{ $name }” został utworzony.
tokens-usage = Wysyłaj go z każdym zapytaniem do API w tym nagłówku:
tokens-secret = Token
tokens-copy-now = Skopiuj go teraz: ze względów bezpieczeństwa nie zostanie pokazany ponownie.
tokens-back = Wróć do mojego konta
flash-token-revoked = Token został unieważniony.
action-account-sign-out = Wylogowanie
action-token-create = Utworzenie tokenu API
action-token-revoke = Unieważnienie tokenu API

## Notifications
nav-notifications = { $count ->
    [0] Powiadomienia
   *[other] Powiadomienia (nowe: { $count })
}
notifications-title = Powiadomienia
notifications-none = Na razie nie ma nic nowego.
notifications-mark-read = Oznacz wszystkie jako przeczytane
notifications-new = Nowe:
flash-notifications-read = Wszystkie powiadomienia oznaczono jako przeczytane.
