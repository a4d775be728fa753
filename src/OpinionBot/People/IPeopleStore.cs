namespace OpinionBot.People;

/// <summary>People the bot has seen (names, private starts) and the roles set from the chat with <c>/members</c>.</summary>
public interface IPeopleStore
{
    Person? Find(long userId);

    /// <summary>The person seen with this @username (without the @, any case), if any.</summary>
    Person? WithUsername(string username);

    void Save(Person person);

    TeamMember? Member(long userId);

    /// <summary>Every role set from the chat, removals included.</summary>
    IReadOnlyList<TeamMember> Members();

    void SaveMember(TeamMember member);
}
