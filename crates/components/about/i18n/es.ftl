# The about component: a space's description and its members.
about-nav = Acerca de
about-description = La descripción del espacio, sus idiomas, su lugar en el árbol de espacios y el directorio de miembros.
about-heading = Acerca de este espacio
about-no-description = Este espacio todavía no tiene descripción.
about-kind = Tipo
about-languages = Idiomas
about-part-of = Forma parte de
about-members = Miembros
about-member-count = { $count ->
    [one] { $count } miembro
   *[other] { $count } miembros
}
about-since = En cospace desde
about-inside = Dentro de este espacio
about-no-members = Este espacio todavía no tiene miembros.
about-role-admin = Administrador
about-role-member = Miembro
about-manage-members = Gestionar miembros
about-welcome = Te damos la bienvenida a { $space }: lee de qué trata el espacio y quién participa en él.
