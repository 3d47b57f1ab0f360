# El componente de calendario: el calendario común, coincidencias, coordinación, suscripciones e indicadores.

calendar-nav = Calendario
calendar-description = El calendario común de las acciones previstas, con avisos de coincidencias, coordinación, suscripciones e indicadores.
calendar-coordination = Coordinación
calendar-indicators = Indicadores
calendar-navigation = Navegación del calendario
calendar-previous = Anterior
calendar-next = Siguiente
calendar-today = Hoy
calendar-view-month = Mes
calendar-view-week = Semana
calendar-view-agenda = Agenda
calendar-all-day = todo el día
calendar-nothing = No hay nada previsto.
calendar-subscribe = Suscríbase desde su programa de calendario (Google Calendar, Outlook, Thunderbird):
calendar-subscribe-organizer = Solo los eventos de { $name }, en su programa de calendario:
calendar-count =
    { $count ->
        [one] Se muestra una fecha.
       *[other] Se muestran { $count } fechas.
    }

## Eventos
event-new = Planificar un evento
event-edit = Editar
event-save = Guardar el evento
event-cancel = Cancelar el evento
event-common-action = Acción común
event-upcoming = Próximas fechas
event-clashes = Coincidencias
event-join-heading = Organizarlo juntos
event-join-as = Unirse como coorganizador en nombre de
event-join = Unirse como coorganizador
flash-event-planned = El evento ya está en el calendario.
flash-event-saved = Se ha guardado el evento.
flash-event-cancelled = Se ha cancelado el evento.
flash-event-joined = Ahora es coorganizador de este evento.
flash-event-already-organizer = Esa organización ya organiza este evento.
notify-event-joined = { $organization } se ha unido a «{ $event }» como coorganizador.

## Campos
field-event-title = Título
field-event-kind = Tipo
field-event-status = Estado
field-organizer = Organizador
field-organizers = Organizaciones organizadoras
organizers-hint = Un evento organizado por dos o más instituciones es una acción común.
field-time-zone = Zona horaria
field-all-day = Todo el día
field-when = Cuándo
field-start-date = Fecha de inicio
field-start-time = Hora de inicio
field-end-date = Fecha de fin
field-end-time = Hora de fin
field-repeat = Repetición
field-repeat-ends = Termina
field-repeat-count = Número de veces
field-repeat-until = Última fecha
field-rrule = Regla personalizada (RFC 5545)
rrule-hint = Por ejemplo, FREQ=MONTHLY;BYDAY=2TU para el segundo martes de cada mes; se usa cuando en «Repetición» se elige «Regla personalizada».
field-venue = Local
venue-none = Ningún local del directorio
field-place = Lugar
field-audience = Público
field-expected-participants = Participantes previstos
field-actual-participants = Participantes que asistieron
field-from = Desde
field-to = Hasta
field-distance = Mismo lugar en un radio de (metros)

## Vocabularios
event-kind-action = Acción
event-kind-meeting = Reunión
event-kind-consultation = Consulta
event-kind-celebration = Celebración
event-kind-training = Formación
event-kind-other = Otro
audience-children = Infancia
audience-youth = Juventud
audience-families = Familias
audience-adults = Personas adultas
audience-seniors = Personas mayores
audience-everyone = Todo el público
event-status-planned = Previsto
event-status-confirmed = Confirmado
event-status-done = Realizado
event-status-cancelled = Cancelado
repeat-none = No se repite
repeat-daily = Cada día
repeat-weekly = Cada semana
repeat-fortnightly = Cada dos semanas
repeat-monthly-weekday = Cada mes el mismo día de la semana (p. ej., el segundo martes)
repeat-monthly-date = Cada mes en la misma fecha
repeat-yearly = Cada año
repeat-custom = Regla personalizada
repeat-ends-never = Nunca
repeat-ends-count = Tras un número de veces
repeat-ends-until = En una fecha

## Coincidencias
clash-warning-heading = Esto coincide con lo que planean otros
clash-warning-hint = En lugar de planificar su propio evento, podría unirse a uno de estos como coorganizador.
clash-same-venue = mismo lugar a la misma hora
clash-nearby = a { $metres } m de distancia a la misma hora
clash-same-audience = mismo público el mismo día: { $audiences }
clash-join-as = Unirse como { $organization }
clash-plan-anyway = Conozco estas coincidencias; quiero planificarlo de todos modos.
clash-none = No coincide con nada de lo ya previsto.
coordination-clashes =
    { $count ->
        [one] Una coincidencia
       *[other] { $count } coincidencias
    }
coordination-no-clashes = No hay coincidencias en este periodo.
coordination-first = Evento
coordination-second = Coincide con
coordination-why = Motivo
coordination-suggestion-heading = Sugerencia
coordination-suggestion = Los organizadores de «{ $later }» podrían unirse a «{ $earlier }» como coorganizadores.
coordination-common-actions =
    { $count ->
        [one] Una acción común
       *[other] { $count } acciones comunes
    }

## Indicadores
indicators-chart-title = Eventos y acciones comunes por mes
indicators-chart-caption = Azul: eventos; naranja: acciones comunes (dos o más instituciones organizadoras). La tabla de abajo recoge las mismas cifras.
indicators-month = Mes
indicators-events = Eventos
indicators-common-actions = Acciones comunes
indicators-participants = Participantes
indicators-organizations = Organizaciones implicadas
indicators-total = Total
indicators-events-n =
    { $count ->
        [one] un evento
       *[other] { $count } eventos
    }
indicators-common-n =
    { $count ->
        [one] una acción común
       *[other] { $count } acciones comunes
    }
stakeholders-open-data-calendar = Descargar:

## Fechas
month-1 = Enero
month-2 = Febrero
month-3 = Marzo
month-4 = Abril
month-5 = Mayo
month-6 = Junio
month-7 = Julio
month-8 = Agosto
month-9 = Septiembre
month-10 = Octubre
month-11 = Noviembre
month-12 = Diciembre
month-genitive-1 = de enero de
month-genitive-2 = de febrero de
month-genitive-3 = de marzo de
month-genitive-4 = de abril de
month-genitive-5 = de mayo de
month-genitive-6 = de junio de
month-genitive-7 = de julio de
month-genitive-8 = de agosto de
month-genitive-9 = de septiembre de
month-genitive-10 = de octubre de
month-genitive-11 = de noviembre de
month-genitive-12 = de diciembre de
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic
weekday-short-1 = lun.
weekday-short-2 = mar.
weekday-short-3 = mié.
weekday-short-4 = jue.
weekday-short-5 = vie.
weekday-short-6 = sáb.
weekday-short-7 = dom.

## Errores
error-time-zone = Esto no es el nombre de una zona horaria; use uno como Europe/Madrid.
error-date = Introduzca una fecha con el formato AAAA-MM-DD.
error-time = Introduzca una hora con el formato HH:MM.
error-date-time = Introduzca una fecha y hora con el formato AAAA-MM-DDTHH:MM.
error-end-before-start = El final debe ser posterior al inicio.
error-event-too-long = Un evento puede durar como máximo 60 días; use en su lugar un evento que se repita.
error-rrule = No se puede interpretar esta regla de repetición (RFC 5545, p. ej., FREQ=WEEKLY;BYDAY=TU).
error-rrule-frequency = Los eventos pueden repetirse cada día, cada semana, cada mes o cada año.
error-rrule-count = El número de veces debe estar entre 1 y { $n }.
error-rrule-until-before-start = La última fecha es anterior a la primera.
error-rrule-endless = Esta serie debe terminar: indique un número de veces o una última fecha.
error-whole-number = Introduzca un número entero.
error-organizer-required = Elija al menos una organización organizadora.
error-organizer-not-yours = Indique como organizadoras solo organizaciones que usted administre e invite a las demás.
error-organizer-not-listed = Solo las organizaciones aprobadas e inscritas en este espacio, o en un espacio público por encima o por debajo de él, pueden organizar sus eventos.
error-unknown-organizer = No existe esa organización.
error-unknown-venue = No existe ese local en el directorio.
error-too-many = Como máximo { $n }.
error-period = El periodo no es válido.
error-period-too-long = Un periodo puede abarcar como máximo { $n } días.
error-distance = La distancia debe estar entre 0 y 5000 metros.

## Reuniones
meeting-series = Reuniones de esta serie
meeting-series-event = El evento
meeting-number = { $count }.ª reunión
meeting-people-n =
    { $count ->
        [one] vino una persona
       *[other] vinieron { $count } personas
    }
meeting-agenda = Orden del día
meeting-agenda-add = Añadir un punto al orden del día
meeting-add = Añadir
meeting-save = Guardar
meeting-attendance = Asistencia
meeting-people = Personas que vinieron
meeting-attendance-organization = Organización
meeting-attendance-people = Personas de ella
meeting-minutes = Acta
meeting-minutes-markdown = Acta (Markdown)
meeting-outcomes = Resultados y decisiones
meeting-decision-add = Añadir una decisión o un resultado
meeting-action-items = Tareas
meeting-none-yet = Nada todavía.
meeting-nothing-recorded = No se registró nada de esta reunión.
meeting-invited = Invitadas:
flash-meeting-saved = Guardado.
action-title = Tarea
action-owner = Responsable
action-no-owner = Aún sin responsable
action-due = Plazo
action-follow-up = Evento de seguimiento
action-no-follow-up = Ninguno
action-add = Añadir la tarea
action-meeting = Reunión
action-update = Actualizar
action-status-open = Abierta
action-status-in-progress = En curso
action-status-done = Hecha
action-status-dropped = Descartada
actions-heading = Tareas
actions-of-series = Tareas de «{ $event }»
actions-none = No hay tareas.
actions-overdue = Vencida
actions-overdue-n =
    { $count ->
        [one] Una tarea está vencida.
       *[other] { $count } tareas están vencidas.
    }
actions-filter = Qué tareas
actions-show-open = Abiertas
actions-show-all = Todas
flash-action-updated = La tarea se actualizó.
error-unknown-event = No existe ese evento.

## Invitaciones
invite-heading = Invitar a organizaciones
invite-organizations = Organizaciones a invitar
invite-hint = Sus administradores reciben un correo con una invitación que pueden aceptar en su programa de calendario.
invite-send = Enviar las invitaciones
flash-invitations-sent = Las invitaciones están en camino.
flash-invitations-none = Elige al menos una organización a la que invitar.
mail-invitation-subject = Invitación: { $event }
mail-invitation-body = Te invitamos a «{ $event }» ({ $when }, { $place }). Acepta la invitación en tu programa de calendario o abre { $url }

## Fechas cambiadas
occurrence-change = Cambiar esta fecha
occurrence-cancel = Cancelar esta fecha
occurrence-restore = Restablecer esta fecha
occurrence-move = Guardar esta fecha
occurrence-title = Título propio de esta fecha (vacío: el título de la serie)
occurrence-description = Descripción propia de esta fecha (vacía: la descripción de la serie)
flash-occurrence-text-invalid = El título propio de una fecha admite como máximo 200 caracteres y su descripción como máximo 20 000.
occurrence-changed = Movida
flash-occurrence-changed = La fecha se cambió.
flash-occurrence-invalid = Indica una fecha, un inicio y un final posterior al inicio.

## Importación de archivos iCalendar
calendar-import-title = Importar .ics
calendar-import-intro = Trae eventos de Google Calendar, Outlook, Thunderbird o Calendario de Apple: exporta el calendario como archivo .ics e impórtalo aquí. Todo o nada: si algún evento tiene un problema, se listan todos los problemas y no se importa nada.
calendar-import-errors-heading = { $count ->
    [one] No se importó nada: un evento tiene problemas. Corrige el archivo e impórtalo de nuevo.
   *[other] No se importó nada: { $count } eventos tienen problemas. Corrige el archivo e impórtalo de nuevo.
}
calendar-import-file-error-heading = No se importó nada: el archivo no se puede leer como calendario. Corrígelo e impórtalo de nuevo.
calendar-import-error-event = Evento
calendar-import-error-line = Línea
calendar-import-error-summary = Título
calendar-import-error-property = Propiedad
calendar-import-error-message = Problema
calendar-import-organization = Organizado por
calendar-import-organization-hint = Todos los eventos importados los organiza esta organización.
calendar-import-zone-hint = Las horas que el archivo da en UTC o sin zona horaria se leen en esta zona.
calendar-import-file = Elige un archivo .ics
calendar-import-ics = Calendario (texto iCalendar)
calendar-import-ics-hint = Pega el contenido del archivo .ics o elige el archivo arriba.
calendar-import-format = Qué se importa
calendar-import-format-events = Cada evento (VEVENT) con su título, descripción, lugar, inicio y fin, zona horaria, regla de repetición, fechas excluidas y sesiones cambiadas o canceladas. Se rechazan las horas de una zona horaria desconocida, las reglas más frecuentes que diarias y las fechas adicionales (RDATE).
calendar-import-format-again = Importar de nuevo el mismo archivo no duplica eventos: un evento cuyo UID ya está en este espacio se actualiza.
calendar-import-submit = Importar
flash-calendar-imported = Se importó el calendario.
error-ics-not-calendar = No es un archivo iCalendar: debe empezar por BEGIN:VCALENDAR.
error-ics-line = Esta línea no es una línea de contenido iCalendar (NOMBRE:valor).
error-ics-structure = BEGIN y END no coinciden aquí.
error-ics-utf8 = El archivo no es texto UTF-8.
error-ics-too-large = El archivo supera los { $n } MB.
error-ics-too-many-events = Un archivo puede contener como máximo { $n } eventos.
error-ics-no-events = El archivo no contiene eventos.
error-ics-date = No es una fecha ni una hora iCalendar (AAAAMMDD o AAAAMMDDTHHMMSS).
error-ics-time-zone = Zona horaria desconocida: usa un nombre IANA como Europe/Madrid.
error-ics-date-kinds = El inicio y el fin deben ser ambos fechas o ambos horas.
error-ics-duration = No se entiende esta duración (p. ej. PT1H30M).
error-ics-no-start = El evento no tiene inicio (DTSTART).
error-ics-rdate-period = No se admiten fechas adicionales dadas como periodos (RDATE;VALUE=PERIOD): indica sus fechas de inicio o conviértelas en eventos propios.
error-ics-many-rules = Un evento solo puede tener una regla de repetición.
error-ics-not-an-occurrence = No corresponde a ninguna sesión de su serie.
error-ics-no-series = Una sesión cambiada cuya serie no está en el archivo.
error-ics-duplicate-uid = Otro evento del archivo tiene el mismo UID.
error-ics-uid-elsewhere = Un evento de otro espacio tiene este UID.
error-ics-not-yours = Ya existe un evento con este UID y no puedes modificarlo.

## Canal personal
my-feed-make = Mi canal de calendario personal
my-feed-heading = Tu canal de calendario personal
my-feed-intro = Todo lo que tus organizaciones organizan o a lo que están invitadas, en un solo canal: añade esta dirección en Google Calendar, Outlook o Thunderbird como calendario de internet.
my-feed-address = Dirección del canal
my-feed-secret = La dirección es secreta y solo se muestra ahora; crear una nueva desactiva la anterior.

## Más gráficos
indicators-participants-chart = Participantes por mes
indicators-organizations-chart = Organizaciones implicadas por mes
indicators-participants-n =
    { $count ->
        [one] un participante
       *[other] { $count } participantes
    }
indicators-organizations-n =
    { $count ->
        [one] una organización
       *[other] { $count } organizaciones
    }
