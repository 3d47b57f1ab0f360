# The about component: a space's description and its members.
about-nav = À propos
about-description = La description de l’espace, ses langues, sa place dans l’arborescence et l’annuaire de ses membres.
about-heading = À propos de cet espace
about-no-description = Cet espace n’a pas encore de description.
about-kind = Type
about-languages = Langues
about-part-of = Fait partie de
about-members = Membres
about-member-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
about-since = Sur cospace depuis
about-inside = Dans cet espace
about-no-members = Cet espace n’a encore aucun membre.
about-role-admin = Administrateur
about-role-member = Membre
about-manage-members = Gérer les membres
about-welcome = Bienvenue dans { $space } : découvrez de quoi parle l’espace et qui en fait partie.
