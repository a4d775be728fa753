namespace OpinionBot.Duty;

/// <summary>An explicit shift (<c>/oncall shift</c>): it wins over the rotation while it lasts.</summary>
public sealed class DutyShift
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
}

/// <summary>
/// A rotation (<c>/oncall rotate</c>): people take turns of <see cref="Days"/> days, the first turn starting at
/// <see cref="Anchor"/> (a Monday or a day at the change time, in the team's time zone).
/// </summary>
public sealed class DutyRotation
{
    public const string CurrentId = "current";

    public string Id { get; set; } = CurrentId;
    public List<long> People { get; set; } = [];
    public DateTimeOffset Anchor { get; set; }

    /// <summary>7 for a weekly rotation, 1 for a daily one.</summary>
    public int Days { get; set; } = 7;
}

/// <summary>Someone's time on duty: from <see cref="Start"/> until <see cref="End"/> (null: open-ended).</summary>
public sealed record DutyTurn(long UserId, DateTimeOffset Start, DateTimeOffset? End);
