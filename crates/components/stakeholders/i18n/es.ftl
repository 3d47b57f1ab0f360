# The stakeholders component: organisations, contacts, resources, needs, map, search, synergies.

stakeholders-nav = Partes interesadas
stakeholders-description = Organizaciones con sus contactos, los recursos que ofrecen y sus necesidades; el mapa de recursos, la búsqueda y las sinergias.
stakeholders-directory = Directorio
stakeholders-map = Mapa
stakeholders-synergies = Sinergias
stakeholders-matches = Propuestas de colaboración
stakeholders-organizations = Organizaciones
stakeholders-resources = Recursos ofrecidos
stakeholders-needs = Necesidades
stakeholders-open-data = En formato de datos abiertos:
organizations-none = Todavía no hay ninguna organización en la lista.
resources-none = Todavía no se ofrece ningún recurso.
needs-none = No hay necesidades abiertas.

## Filters
filter-show = Mostrar
filter-show-all = Todo
filter-any = Cualquiera
filter-apply = Filtrar

## Vocabularies
sector-grassroots = Grupo informal / de base
sector-ngo = ONG / organización de la sociedad civil
sector-local-government = Gobierno local
sector-subnational-government = Gobierno regional
sector-national-government = Gobierno nacional
sector-private-sector = Sector privado
sector-academia = Ámbito académico
sector-international-organisation = Organización internacional
sector-funder = Entidad financiadora
level-neighbourhood = Barrio
level-city = Ciudad
level-regional = Regional
level-national = Nacional
level-international = Internacional
level-none = No procede
item-kind-venue = Local o sala
item-kind-equipment = Equipamiento
item-kind-skills = Habilidades y voluntariado
item-kind-funding = Financiación
item-kind-technical-support = Asistencia técnica
item-kind-knowledge = Conocimientos
item-kind-service = Servicio
item-kind-other = Otro
urgency-low = Urgencia baja
urgency-medium = Urgencia media
urgency-high = Urgencia alta
urgency-critical = Urgencia crítica
contact-visibility-public = Público
contact-visibility-members = Solo miembros del espacio
contact-visibility-admins = Solo administradores del espacio
need-status-open = Abierta
need-status-met = Cubierta
match-status-proposed = Propuesta
match-status-accepted = Aceptada
match-status-declined = Rechazada
match-status-done = Realizada
match-side-pending = pendiente
match-side-accepted = aceptada
match-side-declined = rechazada

## Organisations
organization-new = Añadir una organización
organization-register = Registrar su organización
organization-register-hint = Usted gestionará el perfil de esta organización. Aparecerá en el espacio en cuanto lo apruebe un administrador del espacio.
organization-edit = Editar organización
organization-save = Guardar organización
organization-pending = pendiente de aprobación
organization-pending-explainer = Esta organización está pendiente de la aprobación de un administrador del espacio. Solo pueden verla sus administradores y los administradores del espacio.
organization-approve = Aprobar y añadir al directorio
field-organization-name = Nombre de la organización
field-sector = Sector
field-level = Ámbito de actuación
field-website = Sitio web
field-organization-languages = Idiomas de trabajo
field-sdg-targets = Metas de los ODS
sdg-hint = Metas de los Objetivos de Desarrollo Sostenible (ODS), separadas por comas, p. ej. 11.1, 11.3.
field-address = Dirección
field-location = Ubicación en el mapa
location-hint = Latitud y longitud en grados, p. ej. 50.0865 y 19.9110. Deje ambos campos vacíos si no hay un único lugar.
field-lat = Latitud
field-lon = Longitud

## Contacts
contacts-title = Contactos
contacts-none = No hay contactos que usted pueda ver.
contact-add = Añadir un contacto
contact-remove = Quitar a { $name }
contact-remove-confirm = ¿Quitar el contacto { $name }?
field-person = Nombre
field-contact-role = Cargo o función
field-phone = Teléfono
field-contact-visibility = Quién puede ver este contacto

## Resources and needs
resource-add = Añadir un recurso ofrecido
need-add = Añadir una necesidad
field-item-kind = Tipo
field-resource-capacity = Capacidad (personas, plazas o unidades)
field-need-capacity = Cantidad (personas, plazas o unidades)
field-availability = Disponibilidad
field-urgency = Urgencia
capacity-of = capacidad: { $n }
resource-suggestions = Necesidades que este recurso podría cubrir
need-suggestions = Quién podría cubrir esta necesidad
suggestions-none = Todavía no hay sugerencias.
suggestion-score = puntuación: { $score } de 100

## Synergies
synergies-explainer = Para cada necesidad abierta, los recursos que podrían cubrirla, empezando por los más adecuados, con los motivos. Si propone una colaboración, se pedirá a ambas organizaciones que la acepten.
synergies-none = No hay necesidades abiertas.
reason-same-kind = mismo tipo: { $kind }
reason-related-kind = tipo relacionado: { $kind }
reason-distance-m = a { $meters } m de distancia
reason-distance-km = a { $km } km de distancia
reason-common-words = palabras en común: { $words }
reason-capacity-fits = capacidad suficiente ({ $capacity } para { $needed })
reason-capacity-short = cubre parte de la necesidad ({ $capacity } de { $needed })
match-propose = Proponer «{ $title }»
match-accept = Aceptar la propuesta de colaboración para «{ $title }»
match-decline = Rechazar la propuesta de colaboración para «{ $title }»
match-done = Marcar como realizada la propuesta de colaboración para «{ $title }»
match-need = Necesidad:
match-offer = Oferta:
match-need-side = Parte de la necesidad:
match-offer-side = Parte de la oferta:
matches-none = Todavía no hay propuestas de colaboración.

## Search
search-title = Buscar
search-label = Buscar organizaciones, recursos y necesidades
search-submit = Buscar
search-count = { $count ->
    [0] No se ha encontrado nada.
    [one] { $count } resultado
   *[other] { $count } resultados
}
search-organization = Organización
search-resource = Recurso
search-need = Necesidad

## Directory pages
directory-page = Página { $page } de { $pages }
directory-pages = Páginas
directory-previous = Página anterior
directory-next = Página siguiente
directory-all-organizations = { $count ->
    [one] Ver { $count } organización
   *[other] Ver las { $count } organizaciones
}
directory-all-resources = { $count ->
    [one] Ver { $count } recurso
   *[other] Ver los { $count } recursos
}
directory-all-needs = { $count ->
    [one] Ver { $count } necesidad
   *[other] Ver las { $count } necesidades
}

organization-list-in = Mostrarla también en
organization-list-submit = Añadirla allí
flash-organization-listed = La organización aparece ahora también en este espacio.

## Confirmations and notifications
flash-organization-added = Se ha añadido la organización.
flash-organization-registered = Su organización se ha registrado y está pendiente de aprobación.
flash-organization-saved = Se ha guardado la organización.
flash-organization-approved = La organización se ha aprobado y ya figura en el directorio.
flash-contact-added = Se ha añadido el contacto.
flash-contact-removed = Se ha quitado el contacto.
flash-resource-added = Se ha añadido el recurso.
flash-need-added = Se ha añadido la necesidad.
flash-match-proposed = Se ha enviado la propuesta de colaboración; se ha avisado a ambas partes.
flash-match-updated = Se ha actualizado la propuesta de colaboración.
notify-organization-registered = La organización { $organization } solicita figurar en { $space }.
notify-organization-approved = La organización { $organization } ya figura en { $space }.
notify-match-proposed = Nueva propuesta de colaboración: «{ $resource }» ({ $organization }) para la necesidad «{ $need }».
notify-match-status = Nuevo estado de la propuesta de colaboración de «{ $resource }» para «{ $need }»: { $status ->
    [proposed] propuesta
    [accepted] aceptada
    [declined] rechazada
    [done] realizada
   *[other] { $status }
}.

## Errors
error-number = Introduzca un número.
error-coordinates-swapped = Esto parece una longitud: es posible que la latitud y la longitud estén intercambiadas.
error-latitude-range = La latitud debe estar entre -90 y 90.
error-longitude-range = La longitud debe estar entre -180 y 180.
error-bbox = El área del mapa debe ser cuatro números, oeste,sur,este,norte: longitudes entre -180 y 180, latitudes entre -90 y 90, el oeste no al este del este y el sur no al norte del norte.
error-zoom = El nivel de zoom debe ser un número de 0 a 22.
error-sdg-target = Indique las metas de los ODS con el formato 11.1 u 11.a.
error-website = Introduzca una dirección web que empiece por http:// o https://.
error-phone = Introduzca un número de teléfono con cifras, espacios, +, - o paréntesis.
error-capacity = Introduzca un número entero igual o mayor que 1.
error-organization-pending = Primero hay que aprobar la organización.
error-need-met = Esta necesidad ya está cubierta.
error-match-own-organization = No se puede proponer un recurso de una organización para una necesidad de esa misma organización.
error-match-incompatible = Este tipo de recurso no puede cubrir esta necesidad.
error-match-exists = Esta propuesta de colaboración ya existe.
error-match-state = Esta propuesta de colaboración ya no puede cambiar de esa manera.

## Map
map-title = Mapa de recursos
map-intro = Organizaciones, recursos ofrecidos y necesidades abiertas que tienen una ubicación, en este espacio y en sus subespacios. Cada lugar del mapa aparece también en la lista que hay debajo.
map-region-label = Mapa de organizaciones, recursos y necesidades
map-legend = Leyenda
map-type-organization = Organización
map-type-resource = Recurso ofrecido
map-type-need = Necesidad
map-places = lugares
map-shown = Lugares en el mapa:
map-none = Ningún lugar con ubicación coincide con estos filtros.
map-no-tiles = No se ha podido cargar el mapa de fondo; los lugares se siguen mostrando.
map-load-failed = El mapa no ha podido cargar los lugares; aparecen en la lista de abajo.
map-zoom-in = Acercar
map-zoom-out = Alejar
map-close-popup = Cerrar
map-unavailable = Este servidor se compiló sin su biblioteca de mapas, por lo que los lugares solo se muestran en una lista.
map-list-title = Los lugares, en una lista
map-list-truncated = { $count ->
    [one] Aquí solo aparece el primer lugar.
   *[other] Aquí solo aparecen los primeros { $count } lugares.
}
map-directory = Verlos todos en el directorio

## Import and export
import-link = Importar desde CSV
import-title = Importar organizaciones desde CSV
import-intro = Pegue el contenido de un archivo CSV de organizaciones con sus contactos, recursos y necesidades. Primero se comprueba cada fila: si alguna tiene un problema, no se importa nada y se enumeran todos los problemas.
import-template = Descargue los datos de este espacio en CSV para usarlos como plantilla
field-import-csv = Datos CSV
import-hint = Separados por comas o por punto y coma, con una fila de encabezado. Los archivos más grandes se pueden importar con el comando cospace import stakeholders.
import-format = Sobre el formato
import-format-rows = Una fila por registro: la columna record indica organization, contact, resource o need, y org_ref vincula los contactos, recursos y necesidades con una fila de organización situada más arriba. El encabezado nombra estas columnas, en cualquier orden:
import-format-cells = Las listas (idiomas, metas de los ODS) se separan con | dentro de una celda. Deje vacías las celdas que no correspondan a la fila.
import-submit = Importar
import-errors-heading = { $count ->
    [one] No se ha importado nada: una fila tiene problemas. Corríjala y vuelva a importar.
   *[other] No se ha importado nada: { $count } filas tienen problemas. Corríjalas y vuelva a importar.
}
import-error-line = Línea
import-error-field = Columna
import-error-message = Problema
flash-import-done = Se han importado las organizaciones.
error-csv-file-too-large = El archivo ocupa más de { $n } MiB. Divídalo en archivos más pequeños.
error-csv-utf8 = Esta línea no es UTF-8 válido. Guarde el archivo como UTF-8 (en las hojas de cálculo: CSV UTF-8).
error-csv-empty = El archivo está vacío: necesita una fila de encabezado y al menos un registro.
error-csv-no-rows = El archivo tiene una fila de encabezado, pero ningún registro.
error-csv-delimiter = Separe las columnas con comas o con punto y coma: la fila de encabezado no tiene ninguno de los dos.
error-csv-duplicate-column = La columna «{ $value }» aparece dos veces en el encabezado.
error-csv-unknown-column = Columna desconocida «{ $value }»: compruebe cómo está escrita.
error-csv-missing-columns = Faltan estas columnas en el encabezado: { $value }.
error-csv-too-many-errors = Se ha detenido tras { $n } problemas: corríjalos y vuelva a intentarlo.
error-csv-line-too-long = Este registro ocupa más de { $n } MiB; puede deberse a unas comillas sin cerrar.
error-csv-field-count = Esta fila tiene { $value } columnas, pero el encabezado tiene { $n }.
error-csv-unreadable = A partir de aquí, el archivo no se puede leer como CSV.
error-csv-record-type = El registro debe ser organization, contact, resource o need, no «{ $value }».
error-csv-not-applicable = Esta columna no se aplica a una fila de tipo { $value }: déjela vacía.
error-csv-unknown-org-ref = Antes de esta fila no hay ninguna fila de organización con org_ref «{ $value }».
error-csv-duplicate-org-ref = Otra fila de organización ya usa org_ref «{ $value }».
