# The stakeholders component: organisations, contacts, resources, needs, map, search, synergies.

stakeholders-nav = Parties prenantes
stakeholders-description = Les organisations avec leurs contacts, les ressources qu’elles proposent et leurs besoins ; la carte des ressources, la recherche et les synergies.
stakeholders-directory = Annuaire
stakeholders-map = Carte
stakeholders-synergies = Synergies
stakeholders-matches = Mises en relation
stakeholders-organizations = Organisations
stakeholders-resources = Ressources proposées
stakeholders-needs = Besoins
stakeholders-open-data = En données ouvertes :
organizations-none = Aucune organisation n’est encore répertoriée.
resources-none = Aucune ressource n’est encore proposée.
needs-none = Aucun besoin ouvert.

## Filters
filter-show = Afficher
filter-show-all = Tout
filter-any = Tous
filter-apply = Filtrer

## Vocabularies
sector-grassroots = Groupe informel / collectif citoyen
sector-ngo = ONG / organisation de la société civile
sector-local-government = Collectivité locale
sector-subnational-government = Collectivité régionale
sector-national-government = Gouvernement national
sector-private-sector = Secteur privé
sector-academia = Milieu universitaire
sector-international-organisation = Organisation internationale
sector-funder = Bailleur de fonds
level-neighbourhood = Quartier
level-city = Ville
level-regional = Régional
level-national = National
level-international = International
level-none = Sans objet
item-kind-venue = Lieu ou salle
item-kind-equipment = Matériel
item-kind-skills = Compétences et bénévoles
item-kind-funding = Financement
item-kind-technical-support = Appui technique
item-kind-knowledge = Connaissances
item-kind-service = Service
item-kind-other = Autre
urgency-low = Urgence faible
urgency-medium = Urgence moyenne
urgency-high = Urgence élevée
urgency-critical = Urgence critique
contact-visibility-public = Public
contact-visibility-members = Membres de l’espace uniquement
contact-visibility-admins = Administrateurs de l’espace uniquement
need-status-open = Ouvert
need-status-met = Satisfait
match-status-proposed = Proposée
match-status-accepted = Acceptée
match-status-declined = Refusée
match-status-done = Réalisée
match-side-pending = en attente
match-side-accepted = acceptée
match-side-declined = refusée

## Organisations
organization-new = Ajouter une organisation
organization-register = Inscrire votre organisation
organization-register-hint = Vous gérerez le profil de cette organisation. Il apparaîtra dans l’espace dès qu’un administrateur de l’espace l’aura approuvé.
organization-edit = Modifier l’organisation
organization-save = Enregistrer l’organisation
organization-pending = en attente d’approbation
organization-pending-explainer = Cette organisation attend l’approbation d’un administrateur de l’espace. Seuls ses administrateurs et ceux de l’espace peuvent la voir.
organization-approve = Approuver et répertorier
field-organization-name = Nom de l’organisation
field-sector = Secteur
field-level = Échelle d’action
field-website = Site web
field-organization-languages = Langues de travail
field-sdg-targets = Cibles des ODD
sdg-hint = Cibles des objectifs de développement durable (ODD), séparées par des virgules, p. ex. 11.1, 11.3.
field-address = Adresse
field-location = Emplacement sur la carte
location-hint = Latitude et longitude en degrés, p. ex. 50.0865 et 19.9110. Laissez les deux champs vides s’il n’y a pas de lieu unique.
field-lat = Latitude
field-lon = Longitude

## Contacts
contacts-title = Contacts
contacts-none = Aucun contact visible pour vous.
contact-add = Ajouter un contact
contact-remove = Retirer { $name }
contact-remove-confirm = Retirer le contact { $name } ?
field-person = Nom
field-contact-role = Fonction
field-phone = Téléphone
field-contact-visibility = Qui peut voir ce contact

## Resources and needs
resource-add = Ajouter une ressource proposée
need-add = Ajouter un besoin
field-item-kind = Type
field-resource-capacity = Capacité (personnes, places ou unités)
field-need-capacity = Quantité (personnes, places ou unités)
field-availability = Disponibilité
field-urgency = Urgence
capacity-of = capacité : { $n }
resource-suggestions = Besoins auxquels elle pourrait répondre
need-suggestions = Qui pourrait répondre à ce besoin
suggestions-none = Pas encore de suggestions.
suggestion-score = score : { $score } sur 100

## Synergies
synergies-explainer = Pour chaque besoin ouvert, les ressources qui pourraient y répondre, des plus pertinentes aux moins pertinentes, avec les raisons. Si vous proposez une mise en relation, les deux organisations sont invitées à l’accepter.
synergies-none = Il n’y a aucun besoin ouvert.
reason-same-kind = même type : { $kind }
reason-related-kind = type apparenté : { $kind }
reason-distance-m = à { $meters } m
reason-distance-km = à { $km } km
reason-common-words = mots en commun : { $words }
reason-capacity-fits = capacité suffisante ({ $capacity } pour { $needed })
reason-capacity-short = couvre une partie du besoin ({ $capacity } sur { $needed })
match-propose = Proposer « { $title } »
match-accept = Accepter la mise en relation pour « { $title } »
match-decline = Refuser la mise en relation pour « { $title } »
match-done = Marquer la mise en relation pour « { $title } » comme réalisée
match-need = Besoin :
match-offer = Offre :
match-need-side = Côté besoin :
match-offer-side = Côté offre :
matches-none = Aucune mise en relation n’a encore été proposée.

## Search
search-title = Recherche
search-label = Rechercher des organisations, des ressources et des besoins
search-submit = Rechercher
search-count = { $count ->
    [0] Aucun résultat.
    [one] { $count } résultat
   *[other] { $count } résultats
}
search-organization = Organisation
search-resource = Ressource
search-need = Besoin

## Directory pages
directory-page = Page { $page } sur { $pages }
directory-pages = Pages
directory-previous = Page précédente
directory-next = Page suivante
directory-all-organizations = { $count ->
    [one] Voir { $count } organisation
   *[other] Voir les { $count } organisations
}
directory-all-resources = { $count ->
    [one] Voir { $count } ressource
   *[other] Voir les { $count } ressources
}
directory-all-needs = { $count ->
    [one] Voir { $count } besoin
   *[other] Voir les { $count } besoins
}

organization-list-in = La répertorier aussi dans
organization-list-submit = L’y répertorier
flash-organization-listed = L’organisation est désormais aussi répertoriée dans cet espace.

## Confirmations and notifications
flash-organization-added = L’organisation a été ajoutée.
flash-organization-registered = Votre organisation est inscrite et attend d’être approuvée.
flash-organization-saved = L’organisation a été enregistrée.
flash-organization-approved = L’organisation est approuvée et répertoriée.
flash-contact-added = Le contact a été ajouté.
flash-contact-removed = Le contact a été retiré.
flash-resource-added = La ressource a été ajoutée.
flash-need-added = Le besoin a été ajouté.
flash-match-proposed = La mise en relation a été proposée ; les deux parties ont été prévenues.
flash-match-updated = La mise en relation a été mise à jour.
notify-organization-registered = L’organisation { $organization } demande à être répertoriée dans { $space }.
notify-organization-approved = L’organisation { $organization } est désormais répertoriée dans { $space }.
notify-match-proposed = Une mise en relation est proposée : « { $resource } » ({ $organization }) pour le besoin « { $need } ».
notify-match-status = La mise en relation de « { $resource } » pour « { $need } » est désormais : { $status ->
    [proposed] proposée
    [accepted] acceptée
    [declined] refusée
    [done] réalisée
   *[other] { $status }
}.

## Errors
error-number = Saisissez un nombre.
error-coordinates-swapped = Cela ressemble à une longitude : la latitude et la longitude sont peut-être inversées.
error-latitude-range = La latitude doit être comprise entre -90 et 90.
error-longitude-range = La longitude doit être comprise entre -180 et 180.
error-bbox = La zone de la carte doit être quatre nombres, ouest,sud,est,nord : longitudes entre -180 et 180, latitudes entre -90 et 90, l’ouest pas à l’est de l’est et le sud pas au nord du nord.
error-zoom = Le niveau de zoom doit être un nombre de 0 à 22.
error-sdg-target = Indiquez les cibles des ODD sous la forme 11.1 ou 11.a.
error-website = Saisissez une adresse web commençant par http:// ou https://.
error-phone = Saisissez un numéro de téléphone composé de chiffres, d’espaces, de +, de - ou de parenthèses.
error-capacity = Saisissez un nombre entier supérieur ou égal à 1.
error-organization-pending = L’organisation doit d’abord être approuvée.
error-need-met = Ce besoin est déjà satisfait.
error-match-own-organization = Une ressource ne peut pas être proposée pour un besoin de la même organisation.
error-match-incompatible = Ce type de ressource ne peut pas répondre à ce besoin.
error-match-exists = Cette mise en relation a déjà été proposée.
error-match-state = Cette mise en relation ne peut plus évoluer de cette façon.

## Map
map-title = Carte des ressources
map-intro = Les organisations, les ressources proposées et les besoins ouverts qui ont un emplacement, dans cet espace et dans ses sous-espaces. Chaque lieu de la carte figure aussi dans la liste ci-dessous.
map-region-label = Carte des organisations, des ressources et des besoins
map-legend = Légende
map-type-organization = Organisation
map-type-resource = Ressource proposée
map-type-need = Besoin
map-places = lieux
map-shown = Lieux sur la carte :
map-none = Aucun lieu localisé ne correspond à ces filtres.
map-no-tiles = Le fond de carte n’a pas pu être chargé ; les lieux restent affichés.
map-load-failed = La carte n’a pas pu charger les lieux ; ils figurent dans la liste ci-dessous.
map-zoom-in = Zoom avant
map-zoom-out = Zoom arrière
map-close-popup = Fermer
map-unavailable = Ce serveur a été compilé sans sa bibliothèque cartographique : les lieux sont donc seulement listés.
map-list-title = Les lieux, sous forme de liste
map-list-truncated = { $count ->
    [one] Seul le premier lieu est listé ici.
   *[other] Seuls les { $count } premiers lieux sont listés ici.
}
map-directory = Les voir tous dans l’annuaire

## Import and export
import-link = Importer depuis un fichier CSV
import-title = Importer des organisations depuis un fichier CSV
import-intro = Collez le contenu d’un fichier CSV d’organisations avec leurs contacts, ressources et besoins. Chaque ligne est d’abord vérifiée : si une ligne pose problème, rien n’est importé et tous les problèmes sont listés.
import-template = Téléchargez les données de cet espace au format CSV pour vous en servir de modèle
field-import-csv = Données CSV
import-hint = Valeurs séparées par des virgules ou des points-virgules, avec une ligne d’en-tête. Les fichiers plus volumineux peuvent être importés avec la commande cospace import stakeholders.
import-format = À propos du format
import-format-rows = Une ligne par enregistrement : la colonne record indique organization, contact, resource ou need, et org_ref rattache les contacts, ressources et besoins à une ligne d’organisation située plus haut. L’en-tête nomme ces colonnes, dans n’importe quel ordre :
import-format-cells = Les listes (langues, cibles des ODD) sont séparées par | à l’intérieur d’une cellule. Laissez vides les cellules qui ne concernent pas la ligne.
import-submit = Importer
import-errors-heading = { $count ->
    [one] Rien n’a été importé : une ligne pose problème. Corrigez-la et relancez l’import.
   *[other] Rien n’a été importé : { $count } lignes posent problème. Corrigez-les et relancez l’import.
}
import-error-line = Ligne
import-error-field = Colonne
import-error-message = Problème
flash-import-done = Les organisations ont été importées.
error-csv-file-too-large = Le fichier dépasse { $n } Mio. Découpez-le en fichiers plus petits.
error-csv-utf8 = Cette ligne n’est pas en UTF-8 valide. Enregistrez le fichier en UTF-8 (dans un tableur : CSV UTF-8).
error-csv-empty = Le fichier est vide : il lui faut une ligne d’en-tête et au moins un enregistrement.
error-csv-no-rows = Le fichier a une ligne d’en-tête, mais aucun enregistrement.
error-csv-delimiter = Séparez les colonnes par des virgules ou des points-virgules : la ligne d’en-tête ne contient ni les unes ni les autres.
error-csv-duplicate-column = La colonne « { $value } » apparaît deux fois dans l’en-tête.
error-csv-unknown-column = Colonne inconnue « { $value } » : vérifiez son orthographe.
error-csv-missing-columns = Colonnes absentes de l’en-tête : { $value }.
error-csv-too-many-errors = Arrêt après { $n } problèmes : corrigez-les et réessayez.
error-csv-line-too-long = Cet enregistrement dépasse { $n } Mio ; un guillemet resté ouvert peut en être la cause.
error-csv-field-count = Cette ligne compte { $value } colonnes alors que l’en-tête en compte { $n }.
error-csv-unreadable = À partir d’ici, le fichier ne peut pas être lu comme du CSV.
error-csv-record-type = L’enregistrement doit être organization, contact, resource ou need, et non « { $value } ».
error-csv-not-applicable = Cette colonne ne s’applique pas à une ligne de type { $value } : laissez-la vide.
error-csv-unknown-org-ref = Aucune ligne d’organisation avec l’org_ref « { $value } » ne précède cette ligne.
error-csv-duplicate-org-ref = Une autre ligne d’organisation utilise déjà l’org_ref « { $value } ».
