# Le composant calendrier : le calendrier commun, les conflits, la coordination, les abonnements et les indicateurs.

calendar-nav = Calendrier
calendar-description = Le calendrier commun des actions prévues, avec alertes de conflits, coordination, abonnements et indicateurs.
calendar-coordination = Coordination
calendar-indicators = Indicateurs
calendar-navigation = Navigation dans le calendrier
calendar-previous = Précédent
calendar-next = Suivant
calendar-today = Aujourd’hui
calendar-view-month = Mois
calendar-view-week = Semaine
calendar-view-agenda = Agenda
calendar-all-day = toute la journée
calendar-nothing = Rien de prévu.
calendar-subscribe = Abonnez-vous dans votre logiciel d’agenda (Google Agenda, Outlook, Thunderbird) :
calendar-subscribe-organizer = Seulement les évènements de { $name }, dans votre logiciel d’agenda :
calendar-count =
    { $count ->
        [one] Une date affichée.
       *[other] { $count } dates affichées.
    }

## Événements
event-new = Planifier un événement
event-edit = Modifier
event-save = Enregistrer l’événement
event-cancel = Annuler l’événement
event-common-action = Action commune
event-upcoming = Prochaines dates
event-clashes = Conflits
event-join-heading = L’organiser ensemble
event-join-as = Rejoindre comme co-organisateur au nom de
event-join = Rejoindre comme co-organisateur
flash-event-planned = L’événement figure dans le calendrier.
flash-event-saved = L’événement a été enregistré.
flash-event-cancelled = L’événement a été annulé.
flash-event-joined = Vous êtes désormais co-organisateur de cet événement.
flash-event-already-organizer = Cette organisation organise déjà cet événement.
notify-event-joined = { $organization } a rejoint « { $event } » en tant que co-organisateur.

## Champs
field-event-title = Titre
field-event-kind = Type
field-event-status = Statut
field-organizer = Organisateur
field-organizers = Organisations organisatrices
organizers-hint = Un événement organisé par deux institutions ou plus est une action commune.
field-time-zone = Fuseau horaire
field-all-day = Toute la journée
field-when = Quand
field-start-date = Date de début
field-start-time = Heure de début
field-end-date = Date de fin
field-end-time = Heure de fin
field-repeat = Répétition
field-repeat-ends = Fin
field-repeat-count = Nombre de fois
field-repeat-until = Dernière date
field-rrule = Règle personnalisée (RFC 5545)
rrule-hint = Par exemple FREQ=MONTHLY;BYDAY=2TU pour chaque deuxième mardi du mois ; utilisée lorsque « Répétition » vaut « Règle personnalisée ».
field-venue = Lieu de l’annuaire
venue-none = Aucun lieu de l’annuaire
field-place = Lieu
field-audience = Public
field-expected-participants = Participants attendus
field-actual-participants = Participants venus
field-from = Du
field-to = Au
field-distance = Même lieu dans un rayon de (mètres)

## Vocabulaires
event-kind-action = Action
event-kind-meeting = Réunion
event-kind-consultation = Consultation
event-kind-celebration = Fête
event-kind-training = Formation
event-kind-other = Autre
audience-children = Enfants
audience-youth = Jeunes
audience-families = Familles
audience-adults = Adultes
audience-seniors = Seniors
audience-everyone = Tout public
event-status-planned = Prévu
event-status-confirmed = Confirmé
event-status-done = Réalisé
event-status-cancelled = Annulé
repeat-none = Ne se répète pas
repeat-daily = Tous les jours
repeat-weekly = Toutes les semaines
repeat-fortnightly = Toutes les deux semaines
repeat-monthly-weekday = Tous les mois le même jour de la semaine (par ex. le deuxième mardi)
repeat-monthly-date = Tous les mois à la même date
repeat-yearly = Tous les ans
repeat-custom = Règle personnalisée
repeat-ends-never = Jamais
repeat-ends-count = Après un certain nombre de fois
repeat-ends-until = À une date donnée

## Conflits
clash-warning-heading = Cela entre en conflit avec ce que d’autres prévoient
clash-warning-hint = Plutôt que de planifier votre propre événement, vous pourriez rejoindre l’un de ceux-ci comme co-organisateur.
clash-same-venue = même lieu au même moment
clash-nearby = à { $metres } m au même moment
clash-same-audience = même public le même jour : { $audiences }
clash-join-as = Rejoindre en tant que { $organization }
clash-plan-anyway = J’ai pris connaissance de ces conflits ; je le planifie quand même.
clash-none = Aucun conflit avec ce qui est déjà prévu.
coordination-clashes =
    { $count ->
        [one] Un conflit
       *[other] { $count } conflits
    }
coordination-no-clashes = Aucun conflit sur cette période.
coordination-first = Événement
coordination-second = En conflit avec
coordination-why = Pourquoi
coordination-suggestion-heading = Suggestion
coordination-suggestion = Les organisateurs de « { $later } » pourraient rejoindre « { $earlier } » comme co-organisateurs.
coordination-common-actions =
    { $count ->
        [one] Une action commune
       *[other] { $count } actions communes
    }

## Indicateurs
indicators-chart-title = Événements et actions communes par mois
indicators-chart-caption = Bleu : événements ; orange : actions communes (deux institutions organisatrices ou plus). Le tableau ci-dessous reprend les mêmes chiffres.
indicators-month = Mois
indicators-events = Événements
indicators-common-actions = Actions communes
indicators-participants = Participants
indicators-organizations = Organisations impliquées
indicators-total = Total
indicators-events-n =
    { $count ->
        [one] un événement
       *[other] { $count } événements
    }
indicators-common-n =
    { $count ->
        [one] une action commune
       *[other] { $count } actions communes
    }
stakeholders-open-data-calendar = Télécharger :

## Dates
month-1 = Janvier
month-2 = Février
month-3 = Mars
month-4 = Avril
month-5 = Mai
month-6 = Juin
month-7 = Juillet
month-8 = Août
month-9 = Septembre
month-10 = Octobre
month-11 = Novembre
month-12 = Décembre
month-genitive-1 = janvier
month-genitive-2 = février
month-genitive-3 = mars
month-genitive-4 = avril
month-genitive-5 = mai
month-genitive-6 = juin
month-genitive-7 = juillet
month-genitive-8 = août
month-genitive-9 = septembre
month-genitive-10 = octobre
month-genitive-11 = novembre
month-genitive-12 = décembre
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juil.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.
weekday-short-1 = lun.
weekday-short-2 = mar.
weekday-short-3 = mer.
weekday-short-4 = jeu.
weekday-short-5 = ven.
weekday-short-6 = sam.
weekday-short-7 = dim.

## Erreurs
error-time-zone = Ce n’est pas un nom de fuseau horaire ; utilisez-en un comme Europe/Paris.
error-date = Saisissez une date au format AAAA-MM-JJ.
error-time = Saisissez une heure au format HH:MM.
error-date-time = Saisissez une date et une heure au format AAAA-MM-JJTHH:MM.
error-end-before-start = La fin doit être postérieure au début.
error-event-too-long = Un événement peut durer au plus 60 jours ; utilisez plutôt un événement récurrent.
error-rrule = Cette règle de récurrence est illisible (RFC 5545, par ex. FREQ=WEEKLY;BYDAY=TU).
error-rrule-frequency = Les événements peuvent se répéter chaque jour, chaque semaine, chaque mois ou chaque année.
error-rrule-count = Le nombre de fois doit être compris entre 1 et { $n }.
error-rrule-until-before-start = La dernière date précède la première.
error-rrule-endless = Cette série doit avoir une fin : indiquez un nombre de fois ou une dernière date.
error-whole-number = Saisissez un nombre entier.
error-organizer-required = Choisissez au moins une organisation organisatrice.
error-organizer-not-yours = Ne désignez comme organisatrices que des organisations que vous administrez, et invitez les autres.
error-organizer-not-listed = Seules les organisations approuvées et inscrites dans cet espace, ou dans un espace public au-dessus ou en dessous, peuvent organiser ses événements.
error-unknown-organizer = Cette organisation n’existe pas.
error-unknown-venue = Ce lieu n’existe pas dans l’annuaire.
error-too-many = Au plus { $n }.
error-period = La période n’est pas valide.
error-period-too-long = Une période peut couvrir au plus { $n } jours.
error-distance = La distance doit être comprise entre 0 et 5000 mètres.

## Réunions
meeting-series = Réunions de cette série
meeting-series-event = L’événement
meeting-number =
    { $count ->
        [1] 1re réunion
       *[other] { $count }e réunion
    }
meeting-people-n =
    { $count ->
        [one] { $count } personne est venue
       *[other] { $count } personnes sont venues
    }
meeting-agenda = Ordre du jour
meeting-agenda-add = Ajouter un point à l’ordre du jour
meeting-add = Ajouter
meeting-save = Enregistrer
meeting-attendance = Présence
meeting-people = Personnes présentes
meeting-attendance-organization = Organisation
meeting-attendance-people = Personnes de cette organisation
meeting-minutes = Compte rendu
meeting-minutes-markdown = Compte rendu (Markdown)
meeting-outcomes = Résultats et décisions
meeting-decision-add = Ajouter une décision ou un résultat
meeting-action-items = Actions à mener
meeting-none-yet = Rien pour l’instant.
meeting-nothing-recorded = Rien n’a été consigné pour cette réunion.
meeting-invited = Invitées :
flash-meeting-saved = Enregistré.
action-title = Action
action-owner = Responsable
action-no-owner = Pas encore de responsable
action-due = Échéance
action-follow-up = Événement de suivi
action-no-follow-up = Aucun
action-add = Ajouter l’action
action-meeting = Réunion
action-update = Mettre à jour
action-status-open = Ouverte
action-status-in-progress = En cours
action-status-done = Faite
action-status-dropped = Abandonnée
actions-heading = Actions à mener
actions-of-series = Actions de « { $event } »
actions-none = Aucune action.
actions-overdue = En retard
actions-overdue-n =
    { $count ->
        [one] { $count } action est en retard.
       *[other] { $count } actions sont en retard.
    }
actions-filter = Quelles actions
actions-show-open = Ouvertes
actions-show-all = Toutes
flash-action-updated = L’action a été mise à jour.
error-unknown-event = Cet événement n’existe pas.

## Invitations
invite-heading = Inviter des organisations
invite-organizations = Organisations à inviter
invite-hint = Leurs administrateurs reçoivent un courriel avec une invitation à accepter dans leur agenda.
invite-send = Envoyer les invitations
flash-invitations-sent = Les invitations sont en route.
flash-invitations-none = Choisissez au moins une organisation à inviter.
mail-invitation-subject = Invitation : { $event }
mail-invitation-body = Vous êtes invité à « { $event } » ({ $when }, { $place }). Acceptez l’invitation dans votre agenda ou ouvrez { $url }

## Dates modifiées
occurrence-change = Modifier cette date
occurrence-cancel = Annuler cette date
occurrence-restore = Rétablir cette date
occurrence-move = Enregistrer cette date
occurrence-title = Titre propre à cette date (vide : le titre de la série)
occurrence-description = Description propre à cette date (vide : la description de la série)
flash-occurrence-text-invalid = Le titre propre d’une date compte au plus 200 caractères, et sa description au plus 20 000.
occurrence-changed = Déplacée
flash-occurrence-changed = La date a été modifiée.
flash-occurrence-invalid = Indiquez une date, un début et une fin après le début.

## Import de fichiers iCalendar
calendar-import-title = Importer un .ics
calendar-import-intro = Reprenez les événements de Google Agenda, Outlook, Thunderbird ou Calendrier d’Apple : exportez l’agenda en fichier .ics et importez-le ici. Tout ou rien : si un événement pose problème, tous les problèmes sont listés et rien n’est importé.
calendar-import-errors-heading = { $count ->
    [one] Rien n’a été importé : un événement pose problème. Corrigez le fichier et importez-le à nouveau.
   *[other] Rien n’a été importé : { $count } événements posent problème. Corrigez le fichier et importez-le à nouveau.
}
calendar-import-file-error-heading = Rien n’a été importé : le fichier ne peut pas être lu comme un calendrier. Corrigez-le et importez-le à nouveau.
calendar-import-error-event = Événement
calendar-import-error-line = Ligne
calendar-import-error-summary = Titre
calendar-import-error-property = Propriété
calendar-import-error-message = Problème
calendar-import-organization = Organisé par
calendar-import-organization-hint = Chaque événement importé est organisé par cette organisation.
calendar-import-zone-hint = Les heures que le fichier donne en UTC ou sans fuseau horaire sont lues dans ce fuseau.
calendar-import-file = Choisir un fichier .ics
calendar-import-ics = Agenda (texte iCalendar)
calendar-import-ics-hint = Collez le contenu du fichier .ics ou choisissez le fichier ci-dessus.
calendar-import-format = Ce qui est importé
calendar-import-format-events = Chaque événement (VEVENT) avec son titre, sa description, son lieu, son début et sa fin, son fuseau horaire, sa règle de répétition, ses dates exclues et ses occurrences déplacées ou annulées. Les heures d’un fuseau inconnu, les règles plus fréquentes que quotidiennes et les dates supplémentaires (RDATE) sont refusées.
calendar-import-format-again = Importer à nouveau le même fichier ne crée pas de doublons : un événement dont l’UID est déjà dans cet espace est mis à jour.
calendar-import-submit = Importer
flash-calendar-imported = L’agenda a été importé.
error-ics-not-calendar = Ce n’est pas un fichier iCalendar : il doit commencer par BEGIN:VCALENDAR.
error-ics-line = Cette ligne n’est pas une ligne de contenu iCalendar (NOM:valeur).
error-ics-structure = BEGIN et END ne correspondent pas ici.
error-ics-utf8 = Le fichier n’est pas du texte UTF-8.
error-ics-too-large = Le fichier dépasse { $n } Mo.
error-ics-too-many-events = Un fichier peut contenir au plus { $n } événements.
error-ics-no-events = Le fichier ne contient aucun événement.
error-ics-date = Ce n’est pas une date ou une heure iCalendar (AAAAMMJJ ou AAAAMMJJTHHMMSS).
error-ics-time-zone = Fuseau horaire inconnu : utilisez un nom IANA comme Europe/Paris.
error-ics-date-kinds = Le début et la fin doivent être tous deux des dates, ou tous deux des heures.
error-ics-duration = Cette durée est illisible (par ex. PT1H30M).
error-ics-no-start = L’événement n’a pas de début (DTSTART).
error-ics-rdate-period = Les dates supplémentaires données comme périodes (RDATE;VALUE=PERIOD) ne sont pas prises en charge : indiquez leurs dates de début, ou faites-en des événements à part.
error-ics-many-rules = Un événement ne peut avoir qu’une règle de répétition.
error-ics-not-an-occurrence = Cela ne désigne aucune occurrence de sa série.
error-ics-no-series = Une occurrence modifiée dont la série n’est pas dans le fichier.
error-ics-duplicate-uid = Un autre événement du fichier a le même UID.
error-ics-uid-elsewhere = Un événement d’un autre espace a cet UID.
error-ics-not-yours = Un événement avec cet UID existe déjà et vous ne pouvez pas le modifier.

## Flux personnel
my-feed-make = Mon flux d’agenda personnel
my-feed-heading = Votre flux d’agenda personnel
my-feed-intro = Tout ce que vos organisations organisent ou à quoi elles sont invitées, dans un seul flux : ajoutez cette adresse à Google Agenda, Outlook ou Thunderbird comme agenda internet.
my-feed-address = Adresse du flux
my-feed-secret = L’adresse est secrète et n’est affichée qu’une fois ; en créer une nouvelle désactive l’ancienne.

## Autres graphiques
indicators-participants-chart = Participants par mois
indicators-organizations-chart = Organisations impliquées par mois
indicators-participants-n =
    { $count ->
        [one] { $count } participant
       *[other] { $count } participants
    }
indicators-organizations-n =
    { $count ->
        [one] { $count } organisation
       *[other] { $count } organisations
    }
