# The platform's messages: layout, accounts, spaces, administration, errors.

## Layout
skip-to-content = Aller au contenu
nav-main-label = Menu principal
nav-spaces = Espaces
nav-account = Mon compte
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
language-label = Langue
language-apply = Changer de langue
footer-tagline = cospace — la co-création dans les villes
footer-api = Données ouvertes et API
breadcrumbs-label = Fil d’Ariane
choose = Choisir…
form-has-errors = Veuillez corriger les points suivants :

## Home and the tree of spaces
home-title = La co-création dans les villes
home-intro = Ici, habitants, institutions locales, société civile, pouvoirs publics et partenaires planifient, décident, agissent et rendent compte de leur action, ensemble.
home-spaces = Espaces
home-all-spaces = Tous les espaces
tree-title = Tous les espaces
tree-empty = Il n’y a encore aucun espace.
tree-open-data = Cette liste en données ouvertes :

## Space kinds and visibility
kind-programme = Programme
kind-country = Pays
kind-city = Ville
kind-neighbourhood = Quartier
kind-event = Événement
kind-other = Autre
visibility-public = Public : visible par tout le monde
visibility-private = Privé : réservé aux membres

## A space
space-nav-label = Dans cet espace
space-nav-home = Vue d’ensemble
space-nav-admin = Administration
space-children = Sous-espaces
space-no-children = Cet espace ne contient encore aucun sous-espace.
space-member-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
space-child-count = { $count ->
    [one] { $count } sous-espace
   *[other] { $count } sous-espaces
}
space-new-root = Nouvel espace de premier niveau
space-new-child = Nouveau sous-espace dans cet espace
space-inside = Dans :
space-edit-title = Modifier l’espace
space-create-submit = Créer l’espace
space-save-submit = Enregistrer les modifications

## Space form
field-title = Titre
field-slug = Adresse web
slug-hint = Lettres minuscules, chiffres et tirets, en commençant par une lettre, p. ex. krakow-azory.
field-kind = Type d’espace
field-description = Description
field-languages = Langues de son contenu
field-visibility = Qui peut le voir

## Administration
admin-title = Administration
admin-edit-hint = Titre, description, langues et visibilité.
admin-members = Membres
admin-members-hint = Qui fait partie de cet espace et qui l’administre.
admin-components = Composants
admin-components-hint = Choisissez les outils utilisés par cet espace.
admin-new-child-hint = Un quartier dans une ville, une session dans un événement…
admin-activity = Journal d’activité
admin-activity-hint = Qui a modifié quoi, et quand.
members-none = Cet espace n’a encore aucun membre.
members-actions = Actions
members-role-of = Rôle de { $name }
members-change-role = Changer le rôle
members-remove = Retirer { $name }
members-remove-confirm = Retirer { $name } de cet espace ?
members-add = Ajouter un membre
members-add-hint = L’adresse e-mail d’une personne qui a déjà un compte.
members-add-submit = Ajouter le membre
field-role = Rôle
role-member = Membre
role-admin = Administrateur
components-legend = Composants activés
components-save = Enregistrer les composants

## Activity log
activity-explainer = Chaque modification apportée à cet espace est enregistrée ici et ne peut pas être altérée. L’empreinte de chaque entrée couvre l’entrée précédente, si bien que toute falsification devient visible.
activity-empty = Rien n’a encore été enregistré.
activity-when = Quand
activity-who = Qui
activity-what = Quoi
activity-details = Détails
activity-hash = Empreinte
activity-older = Entrées plus anciennes
activity-system = Système
action-account-create = Compte créé
action-account-sign-in = Connexion
action-account-password-change = Mot de passe modifié
action-account-language = Langue modifiée
action-space-create = Espace créé
action-space-update = Espace modifié
action-member-add = Membre ajouté
action-member-role = Rôle d’un membre modifié
action-member-remove = Membre retiré
action-component-enable = Composant activé
action-component-disable = Composant désactivé

## Accounts
field-display-name = Nom
field-email = Adresse e-mail
field-password = Mot de passe
field-password-confirm = Répétez le mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
password-hint = Au moins 10 caractères. Quelques mots sans rapport entre eux forment un mot de passe robuste.
sign-up-title = Créer un compte
sign-up-submit = Créer le compte
sign-up-have-account = Vous avez déjà un compte ?
sign-in-title = Connexion
sign-in-submit = Se connecter
sign-in-no-account = Pas encore de compte ?
sign-in-expired = Votre session a expiré. Veuillez vous reconnecter.
account-title = Mon compte
account-member-since = Membre depuis
account-language = Langue de l’interface
account-language-save = Enregistrer la langue
account-password = Modifier le mot de passe
account-password-save = Modifier le mot de passe

## Signing up: the answer is the same whether or not the address is registered
sign-up-intro = Nous enverrons un lien à votre adresse e-mail pour la confirmer. Votre compte est créé lorsque vous l’ouvrez.
sign-up-sent-title = Consultez vos e-mails
sign-up-sent-intro = Nous avons envoyé un lien à { $email } pour confirmer l’adresse.
sign-up-sent-valid = Ouvrez-le dans les 24 heures pour terminer la création de votre compte. Le lien ne fonctionne qu’une fois.
sign-up-sent-existing = Si cette adresse a déjà un compte, l’e-mail vous indique plutôt comment vous connecter.
sign-up-sent-no-mail = Pas d’e-mail après quelques minutes ? Regardez dans vos indésirables, ou vérifiez l’adresse et réessayez :
sign-up-again = S’inscrire à nouveau
sign-up-confirm-title = Confirmez votre compte
sign-up-confirm-intro = Appuyez sur le bouton pour créer votre compte avec ces informations et vous connecter.
sign-up-confirm-submit = Créer mon compte
sign-up-confirm-not-me = Si vous n’êtes pas en train de vous inscrire à cospace, fermez cette page : sans le bouton, aucun compte n’est créé.
sign-up-confirm-unknown-title = Ce lien ne fonctionne pas
sign-up-confirm-unknown = Le lien n’est pas valide ou a déjà été utilisé. Si vous avez déjà confirmé votre compte, connectez-vous ; sinon, inscrivez-vous à nouveau.
sign-up-confirm-expired-title = Ce lien a expiré
sign-up-confirm-expired = Les liens de confirmation sont valables 24 heures. Inscrivez-vous à nouveau pour en recevoir un nouveau.
sign-up-confirm-registered-title = Vous avez déjà un compte
sign-up-confirm-registered = Un compte existe déjà avec cette adresse e-mail ; aucun nouveau compte n’a donc été créé. Connectez-vous avec celui-ci.
mail-sign-up-confirm-subject = Confirmez votre adresse e-mail pour cospace
mail-sign-up-confirm-body =
    Bonjour,

    Pour terminer la création de votre compte cospace, confirmez cette adresse e-mail ({ $email }) : ouvrez le lien ci-dessous et appuyez sur le bouton de la page.

    { $url }

    Le lien est valable 24 heures et ne fonctionne qu’une fois. Si vous n’avez pas demandé à vous inscrire à cospace, ignorez cet e-mail : aucun compte n’est créé sans confirmation.
mail-sign-up-existing-subject = Quelqu’un a essayé de créer un compte avec votre adresse e-mail
mail-sign-up-existing-body =
    Bonjour { $name },

    Quelqu’un, peut-être vous, a essayé de créer un nouveau compte cospace avec votre adresse e-mail ({ $email }). Vous avez déjà un compte avec cette adresse : aucun nouveau compte n’a été créé et rien n’a changé dans le vôtre.

    Si c’était vous, connectez-vous ici :

    { $url }

    Si ce n’était pas vous, vous pouvez ignorer cet e-mail.

## Confirmations
flash-welcome = Bienvenue ! Votre compte est prêt.
flash-signed-in = Connexion réussie.
flash-signed-out = Déconnexion effectuée.
flash-password-changed = Votre mot de passe a été modifié. Vos autres appareils ont été déconnectés.
flash-space-created = L’espace a été créé.
flash-space-saved = L’espace a été enregistré.
flash-member-saved = Le membre a été enregistré.
flash-member-removed = Le membre a été retiré.
flash-components-saved = Les composants ont été enregistrés.
flash-components-saved-with-required = Les composants ont été enregistrés. Les composants sur lesquels reposent ceux choisis ont aussi été activés.

## Field errors
error-required = Ce champ est obligatoire.
error-too-short = { $n ->
    [one] Saisissez au moins { $n } caractère.
   *[other] Saisissez au moins { $n } caractères.
}
error-too-long = { $n ->
    [one] Saisissez au plus { $n } caractère.
   *[other] Saisissez au plus { $n } caractères.
}
error-choice = Choisissez l’une des options.
error-email-format = Saisissez une adresse e-mail de la forme name@example.org.
error-slug-format = Utilisez des lettres minuscules, des chiffres et des tirets isolés, en commençant par une lettre.
error-slug-reserved = Cette adresse est réservée. Choisissez-en une autre.
error-taken = Cette valeur est déjà prise. Choisissez-en une autre.
error-password-mismatch = Les deux mots de passe ne correspondent pas.
error-password-guessable = Ce mot de passe est trop facile à deviner : il est courant, suit un motif ou reprend votre nom ou votre adresse e-mail. Quelques mots sans rapport en font un solide.
error-wrong-password = Le mot de passe actuel est incorrect.
error-sign-in-failed = L’adresse e-mail ou le mot de passe est incorrect.
error-no-such-user = Aucun compte n’utilise cette adresse e-mail.

## Errors
error-status = Erreur { $status }
error-go-home = Aller à la page d’accueil
error-bad-request = La requête n’a pas pu être comprise.
error-unauthorized = Authentification requise
error-forbidden = Vous n’avez pas l’autorisation de faire cela.
error-not-found = Cette page n’existe pas, ou vous n’avez pas le droit de la voir.
error-method-not-allowed = Cette action n’est pas disponible ici.
error-conflict = Cela entre en conflit avec un élément qui existe déjà.
error-too-large = Ce que vous avez envoyé est trop volumineux.
error-unsupported-media-type = Ce type de contenu n’est pas accepté ici.
error-invalid = Certaines valeurs ne sont pas valides.
error-too-many-requests = Trop de tentatives. Veuillez patienter quelques minutes, puis réessayer.
error-busy = De nombreux exports sont en cours. Veuillez réessayer dans une minute.
error-limit = Choisissez un nombre de 1 à { $n }.
error-cursor = Cette position de page n’est pas valide : recommencez depuis la première page.
error-unavailable = Le service est temporairement indisponible. Veuillez réessayer dans quelques instants.
error-internal = Une erreur s’est produite de notre côté. Elle a été consignée ; veuillez réessayer.
error-csrf = Ce formulaire a expiré. Revenez en arrière, rechargez la page et envoyez-le à nouveau.
error-api-token = Un jeton d’API valide est requis : envoyez-le sous la forme "Authorization: Bearer <token>".
error-malformed-json = Le corps de la requête n’est pas un JSON valide ayant la forme attendue.
error-json-syntax = Le corps n’est pas un JSON valide : le problème se trouve ligne { $line }, colonne { $column }.
error-json-missing = Ce champ est obligatoire mais absent.
error-json-type = Cette valeur n’a pas le bon type : { $expected } attendu.
error-json-unknown-value = Cette valeur est inconnue : l’une de { $expected } attendue.
error-json-unknown-field = Ce champ est inconnu.
error-json-invalid-value = Cette valeur n’est pas valide : { $expected } attendu.
error-json-invalid = Cette valeur n’est pas valide ici.
error-invalid-utf8 = Le texte envoyé n’est pas de l’UTF-8 valide. Enregistrez le fichier ou le texte en UTF-8 et réessayez.
error-control-characters = Le texte contient des caractères de contrôle invisibles (comme NUL) qui ne peuvent pas être enregistrés. Supprimez-les et réessayez.

## Personal API tokens
tokens-title = Jetons d’API
tokens-explainer = Un jeton permet à un autre programme d’utiliser l’API de cospace en votre nom, avec vos droits.
tokens-none = Vous n’avez aucun jeton d’API.
tokens-name = Nom du jeton
tokens-name-hint = Un nom pour le reconnaître, par exemple « tableau de bord de la ville ».
tokens-created = Créé le
tokens-last-used = Dernière utilisation
tokens-never-used = Jamais
tokens-revoke = Révoquer { $name }
tokens-revoke-confirm = Révoquer le jeton { $name } ? Les programmes qui l’utilisent cesseront de fonctionner.
tokens-create = Créer un jeton
tokens-created-title = Votre nouveau jeton d’API
tokens-created-intro = Le jeton « { $name } » a été créé.
tokens-usage = Envoyez-le avec chaque requête à l’API dans cet en-tête :
tokens-secret = Jeton
tokens-copy-now = Copiez-le maintenant : par sécurité, il ne sera plus affiché.
tokens-back = Retour à mon compte
flash-token-revoked = Le jeton a été révoqué.
action-account-sign-out = Déconnexion
action-token-create = Jeton d’API créé
action-token-revoke = Jeton d’API révoqué

## Notifications
nav-notifications = { $count ->
    [0] Notifications
   *[other] Notifications ({ $count } nouvelles)
}
notifications-title = Notifications
notifications-none = Rien de nouveau pour l’instant.
notifications-mark-read = Tout marquer comme lu
notifications-new = Nouveau :
flash-notifications-read = Toutes les notifications sont marquées comme lues.
