# The about component: a space's description and its members.
about-nav = O przestrzeni
about-description = Opis przestrzeni, jej języki, miejsce w drzewie przestrzeni i lista członków.
about-heading = O tej przestrzeni
about-no-description = Ta przestrzeń nie ma jeszcze opisu.
about-kind = Rodzaj
about-languages = Języki
about-part-of = Należy do
about-members = Członkowie
about-member-count = { $count ->
    [one] { $count } osoba
    [few] { $count } osoby
    [many] { $count } osób
   *[other] { $count } osoby
}
about-since = W cospace od
about-inside = W ramach tej przestrzeni
about-no-members = Ta przestrzeń nie ma jeszcze członków.
about-role-admin = Administrator
about-role-member = Członek
about-manage-members = Zarządzaj członkami
about-welcome = Witamy w przestrzeni { $space }: przeczytaj, czym się zajmuje i kto w niej jest.
