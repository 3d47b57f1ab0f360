# The about component: a space's description and its members.
about-nav = About
about-description = The space's description, languages, place in the tree and members directory.
about-heading = About this space
about-no-description = This space has no description yet.
about-kind = Kind
about-languages = Languages
about-part-of = Part of
about-members = Members
about-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
about-since = On cospace since
about-inside = Inside this space
about-no-members = This space has no members yet.
about-role-admin = Administrator
about-role-member = Member
about-manage-members = Manage members
about-welcome = Welcome to { $space }: read what the space is about and who is in it.
