# The platform's messages: layout, accounts, spaces, administration, errors.

## Layout
skip-to-content = Saltar al contenido
nav-main-label = Menú principal
nav-spaces = Espacios
nav-account = Mi cuenta
nav-sign-in = Iniciar sesión
nav-sign-up = Crear una cuenta
nav-sign-out = Cerrar sesión
language-label = Idioma
language-apply = Cambiar idioma
footer-tagline = cospace — cocreación en las ciudades
footer-api = Datos abiertos y API
breadcrumbs-label = Ruta de navegación
choose = Seleccione…
form-has-errors = Corrija lo siguiente:

## Home and the tree of spaces
home-title = Cocreación en las ciudades
home-intro = Aquí, residentes, instituciones locales, sociedad civil, gobiernos y entidades colaboradoras planifican, deciden, actúan y rinden cuentas de su trabajo de forma conjunta.
home-spaces = Espacios
home-all-spaces = Todos los espacios
tree-title = Todos los espacios
tree-empty = Todavía no hay espacios.
tree-open-data = Esta lista en formato de datos abiertos:

## Space kinds and visibility
kind-programme = Programa
kind-country = País
kind-city = Ciudad
kind-neighbourhood = Barrio
kind-event = Evento
kind-other = Otro
visibility-public = Público: visible para todo el mundo
visibility-private = Privado: solo para miembros

## A space
space-nav-label = En este espacio
space-nav-home = Resumen
space-nav-admin = Administración
space-children = Subespacios
space-no-children = Este espacio todavía no tiene subespacios.
space-member-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
space-child-count = { $count ->
    [one] { $count } subespacio
   *[other] { $count } subespacios
}
space-new-root = Nuevo espacio de nivel superior
space-new-child = Nuevo subespacio dentro de este
space-inside = Dentro de:
space-edit-title = Editar espacio
space-create-submit = Crear espacio
space-save-submit = Guardar cambios

## Space form
field-title = Título
field-slug = Dirección web
slug-hint = Letras minúsculas, números y guiones; debe empezar por una letra, p. ej. krakow-azory.
field-kind = Tipo de espacio
field-description = Descripción
field-languages = Idiomas del contenido
field-visibility = Quién puede verlo

## Administration
admin-title = Administración
admin-edit-hint = Título, descripción, idiomas y visibilidad.
admin-members = Miembros
admin-members-hint = Quién forma parte de este espacio y quién lo administra.
admin-components = Componentes
admin-components-hint = Elija las herramientas que usa este espacio.
admin-new-child-hint = Un barrio dentro de una ciudad, una sesión dentro de un evento…
admin-activity = Registro de actividad
admin-activity-hint = Quién cambió qué y cuándo.
members-none = Este espacio todavía no tiene miembros.
members-actions = Acciones
members-role-of = Rol de { $name }
members-change-role = Cambiar rol
members-remove = Quitar a { $name }
members-remove-confirm = ¿Quitar a { $name } de este espacio?
members-add = Añadir un miembro
members-add-hint = La dirección de correo electrónico de una persona que ya tiene cuenta.
members-add-submit = Añadir miembro
field-role = Rol
role-member = Miembro
role-admin = Administrador
components-legend = Componentes activados
components-save = Guardar componentes

## Activity log
activity-explainer = Aquí queda registrado cada cambio de este espacio, y el registro no se puede modificar. La huella de cada entrada incluye la anterior, de modo que cualquier manipulación queda a la vista.
activity-empty = Todavía no se ha registrado nada.
activity-when = Cuándo
activity-who = Quién
activity-what = Qué
activity-details = Detalles
activity-hash = Huella
activity-older = Entradas anteriores
activity-system = Sistema
action-account-create = Cuenta creada
action-account-sign-in = Inicio de sesión
action-account-password-change = Contraseña cambiada
action-account-language = Idioma cambiado
action-space-create = Espacio creado
action-space-update = Espacio editado
action-member-add = Miembro añadido
action-member-role = Rol de miembro cambiado
action-member-remove = Miembro quitado
action-component-enable = Componente activado
action-component-disable = Componente desactivado

## Accounts
field-display-name = Nombre
field-email = Correo electrónico
field-password = Contraseña
field-password-confirm = Repita la contraseña
field-current-password = Contraseña actual
field-new-password = Nueva contraseña
password-hint = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
sign-up-title = Crear una cuenta
sign-up-submit = Crear cuenta
sign-up-have-account = ¿Ya tiene una cuenta?
sign-in-title = Iniciar sesión
sign-in-submit = Iniciar sesión
sign-in-no-account = ¿Todavía no tiene cuenta?
sign-in-expired = Su sesión ha caducado. Vuelva a iniciar sesión.
account-title = Mi cuenta
account-member-since = Miembro desde
account-language = Idioma de la interfaz
account-language-save = Guardar idioma
account-password = Cambiar la contraseña
account-password-save = Cambiar contraseña

## Signing up: the answer is the same whether or not the address is registered
sign-up-intro = Le enviaremos un enlace a su dirección de correo electrónico para confirmarla. Su cuenta se crea cuando lo abra.
sign-up-sent-title = Revise su correo
sign-up-sent-intro = Hemos enviado un enlace a { $email } para confirmar la dirección.
sign-up-sent-valid = Ábralo en las próximas 24 horas para terminar de crear su cuenta. El enlace funciona una sola vez.
sign-up-sent-existing = Si esta dirección ya tiene una cuenta, el mensaje le indica en su lugar cómo iniciar sesión.
sign-up-sent-no-mail = ¿No ha llegado nada en unos minutos? Mire en la carpeta de correo no deseado, o revise la dirección y vuelva a intentarlo:
sign-up-again = Registrarse de nuevo
sign-up-confirm-title = Confirme su cuenta
sign-up-confirm-intro = Pulse el botón para crear su cuenta con estos datos e iniciar sesión.
sign-up-confirm-submit = Crear mi cuenta
sign-up-confirm-not-me = Si no se está registrando en cospace, cierre esta página: sin pulsar el botón no se crea ninguna cuenta.
sign-up-confirm-unknown-title = Este enlace no funciona
sign-up-confirm-unknown = El enlace no es válido o ya se ha utilizado. Si ya confirmó su cuenta, inicie sesión; si no, regístrese de nuevo.
sign-up-confirm-expired-title = Este enlace ha caducado
sign-up-confirm-expired = Los enlaces de confirmación son válidos durante 24 horas. Regístrese de nuevo para recibir otro.
sign-up-confirm-registered-title = Ya tiene una cuenta
sign-up-confirm-registered = Ya existe una cuenta con esta dirección de correo electrónico, así que no se ha creado otra. Inicie sesión con ella.
mail-sign-up-confirm-subject = Confirme su dirección de correo electrónico en cospace
mail-sign-up-confirm-body =
    Hola:

    Para terminar de crear su cuenta de cospace, confirme esta dirección de correo electrónico ({ $email }): abra el enlace siguiente y pulse el botón de la página.

    { $url }

    El enlace es válido durante 24 horas y funciona una sola vez. Si no se ha registrado en cospace, ignore este mensaje: sin confirmación no se crea ninguna cuenta.
mail-sign-up-existing-subject = Alguien ha intentado crear una cuenta con su dirección de correo electrónico
mail-sign-up-existing-body =
    Hola, { $name }:

    Alguien, quizá usted, ha intentado crear una cuenta nueva de cospace con su dirección de correo electrónico ({ $email }). Usted ya tiene una cuenta con ella, así que no se ha creado otra y nada ha cambiado en su cuenta.

    Si fue usted, inicie sesión aquí:

    { $url }

    Si no fue usted, puede ignorar este mensaje.

## Confirmations
flash-welcome = ¡Le damos la bienvenida! Su cuenta está lista.
flash-signed-in = Ha iniciado sesión.
flash-signed-out = Ha cerrado sesión.
flash-password-changed = Se ha cambiado su contraseña. Se ha cerrado la sesión en los demás dispositivos.
flash-space-created = Se ha creado el espacio.
flash-space-saved = Se ha guardado el espacio.
flash-member-saved = Se han guardado los datos del miembro.
flash-member-removed = Se ha quitado al miembro.
flash-components-saved = Se han guardado los componentes.
flash-components-saved-with-required = Se han guardado los componentes. También se han activado los componentes en los que se basan los elegidos.

## Field errors
error-required = Este campo es obligatorio.
error-too-short = { $n ->
    [one] Use al menos { $n } carácter.
   *[other] Use al menos { $n } caracteres.
}
error-too-long = { $n ->
    [one] Use como máximo { $n } carácter.
   *[other] Use como máximo { $n } caracteres.
}
error-choice = Elija una de las opciones.
error-email-format = Introduzca una dirección de correo electrónico como name@example.org.
error-slug-format = Use letras minúsculas, números y guiones simples (no seguidos), empezando por una letra.
error-slug-reserved = Esta dirección está reservada. Elija otra.
error-taken = Este valor ya está en uso. Elija otro.
error-password-mismatch = Las dos contraseñas no coinciden.
error-password-guessable = Esta contraseña es demasiado fácil de adivinar: es común, un patrón o está hecha de su nombre o correo electrónico. Unas cuantas palabras sin relación forman una segura.
error-wrong-password = La contraseña actual no es correcta.
error-sign-in-failed = La dirección de correo electrónico o la contraseña no son correctas.
error-no-such-user = No hay ninguna cuenta con esta dirección de correo electrónico.

## Errors
error-status = Error { $status }
error-go-home = Ir a la página de inicio
error-bad-request = No se ha podido entender la solicitud.
error-unauthorized = Se requiere autenticación
error-forbidden = No tiene permiso para hacer esto.
error-not-found = Esta página no existe o no tiene permiso para verla.
error-method-not-allowed = Esta acción no está disponible aquí.
error-conflict = Esto entra en conflicto con algo que ya existe.
error-too-large = Lo que ha enviado es demasiado grande.
error-unsupported-media-type = Aquí no se acepta este tipo de contenido.
error-invalid = Algunos de los valores no son válidos.
error-too-many-requests = Demasiados intentos. Espere unos minutos y vuelva a intentarlo.
error-busy = Ahora mismo se están generando muchas exportaciones. Vuelva a intentarlo dentro de un minuto.
error-limit = Elija un número del 1 al { $n }.
error-cursor = Esta posición de página no es válida: vuelva a empezar desde la primera página.
error-unavailable = El servicio no está disponible temporalmente. Vuelva a intentarlo en breve.
error-internal = Algo ha fallado por nuestra parte. Ha quedado registrado; vuelva a intentarlo.
error-csrf = Este formulario ha caducado. Vuelva atrás, recargue la página y envíelo de nuevo.
error-api-token = Se requiere un token de API válido: envíelo como "Authorization: Bearer <token>".
error-malformed-json = El cuerpo de la solicitud no es un JSON válido con la estructura esperada.
error-json-syntax = El cuerpo no es un JSON válido: el problema está en la línea { $line }, columna { $column }.
error-json-missing = Este campo es obligatorio y falta.
error-json-type = Este valor tiene un tipo incorrecto: se esperaba { $expected }.
error-json-unknown-value = Este valor no se conoce: se esperaba uno de { $expected }.
error-json-unknown-field = Este campo no se conoce.
error-json-invalid-value = Este valor no es válido: se esperaba { $expected }.
error-json-invalid = Este valor no es válido aquí.
error-invalid-utf8 = El texto enviado no es UTF-8 válido. Guarde el archivo o el texto como UTF-8 y vuelva a intentarlo.
error-control-characters = El texto contiene caracteres de control invisibles (como NUL) que no se pueden guardar. Elimínelos y vuelva a intentarlo.

## Personal API tokens
tokens-title = Tokens de API
tokens-explainer = Un token permite que otro programa use la API de cospace en su nombre, con sus permisos.
tokens-none = No tiene tokens de API.
tokens-name = Nombre del token
tokens-name-hint = Algo para reconocerlo, p. ej. «panel municipal».
tokens-created = Creado
tokens-last-used = Último uso
tokens-never-used = Nunca
tokens-revoke = Revocar { $name }
tokens-revoke-confirm = ¿Revocar el token { $name }? Los programas que lo usan dejarán de funcionar.
tokens-create = Crear token
tokens-created-title = Su nuevo token de API
tokens-created-intro = Se ha creado el token «{ $name }».
tokens-usage = Envíelo con cada petición a la API en esta cabecera:
tokens-secret = Token
tokens-copy-now = Cópielo ahora: por seguridad no se volverá a mostrar.
tokens-back = Volver a mi cuenta
flash-token-revoked = El token ha sido revocado.
action-account-sign-out = Sesión cerrada
action-token-create = Token de API creado
action-token-revoke = Token de API revocado

## Notifications
nav-notifications = { $count ->
    [0] Notificaciones
   *[other] Notificaciones ({ $count } nuevas)
}
notifications-title = Notificaciones
notifications-none = Todavía no hay nada nuevo.
notifications-mark-read = Marcar todas como leídas
notifications-new = Nueva:
flash-notifications-read = Todas las notificaciones se han marcado como leídas.
