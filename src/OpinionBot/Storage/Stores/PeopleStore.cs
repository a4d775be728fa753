using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Storage.Stores;

// A team's people number in the tens or hundreds: a username is looked for among all of them.
internal sealed class PeopleStore(IDocumentTable<Person> people, IDocumentTable<TeamMember> members) : IPeopleStore
{
    public Person? Find(long userId) => people.Get(userId);

    public Person? WithUsername(string username) =>
        people.All().FirstOrDefault(p => string.Equals(p.Username, username, StringComparison.OrdinalIgnoreCase));

    public void Save(Person person) => people.Upsert(person);

    public TeamMember? Member(long userId) => members.Get(userId);

    public IReadOnlyList<TeamMember> Members() => members.All();

    public void SaveMember(TeamMember member) => members.Upsert(member);
}
