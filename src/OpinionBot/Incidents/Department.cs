namespace OpinionBot.Incidents;

/// <summary>A responsible unit (谁主管、谁负责): its chat, its lead and its members, under <c>Departments</c>.</summary>
public sealed class Department
{
    public string Name { get; set; } = "";

    /// <summary>The department's group chat; its incidents' cards go there as well as to the team chat.</summary>
    public long Chat { get; set; }

    /// <summary>The lead (user id): escalation level 1, and acts as an officer on the department's incidents.</summary>
    public long Lead { get; set; }

    public List<long> Members { get; set; } = [];
}
