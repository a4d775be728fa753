using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Scheduling;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/heightened on &lt;until&gt; [interval]</c> / <c>off</c> / nothing: start, end or show the heightened period
/// (重点时段). Until is a time today (<c>18:00</c>), a date and time, or a duration (<c>6h</c>).
/// </summary>
public sealed class HeightenedCommand(
    HeightenedPeriods periods,
    HeightenedSwitch heightened,
    IOptionsMonitor<SchedulingOptions> scheduling,
    CardRenderer renderer,
    TimeZoneInfo zone,
    TimeProvider time) : ICommandFamily
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("heightened", t => t.HeightenedDescription, t => t.HeightenedUsage) { Required = Role.Supervisor, Menu = Role.Supervisor },
    ];

    public void Handle(CommandRequest request)
    {
        var words = request.Words;
        var text = request.Text;
        if (words.Count == 0)
        {
            request.Reply(periods.Current() is { } period
                ? text.HeightenedActive(renderer.Time(period.Until), CommandDurations.Format(period.Interval, text))
                : text.HeightenedInactive);
        }
        else if (words.Count == 1 && (CommandWords.IsOff(words[0]) || words[0] is "关闭" or "结束"))
        {
            request.Reply(heightened.End() ? text.HeightenedOff : text.HeightenedInactive);
        }
        else if (words[0].ToLowerInvariant() is "on" or "开启" && words.Count is >= 2 and <= 4)
        {
            On(request, [.. words.Skip(1)]);
        }
        else
        {
            request.ReplyUsage();
        }
    }

    private void On(CommandRequest request, List<string> words)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        if (words.Count >= 2 && CommandWords.TryDateTime(words[0], words[1], out var local))
        {
            until = Zoned(local);
            words.RemoveRange(0, 2);
        }
        else if (CommandWords.TryTime(words[0], out var at))
        {
            var today = TimeZoneInfo.ConvertTime(now, zone).Date;
            until = Zoned(today + at.ToTimeSpan());
            until = until <= now ? until.Value.AddDays(1) : until;
            words.RemoveAt(0);
        }
        else if (CommandWords.TryDuration(words[0], out var duration))
        {
            until = now + duration;
            words.RemoveAt(0);
        }

        var interval = scheduling.CurrentValue.HeightenedInterval;
        if (until is null || words.Count > 1 || (words.Count == 1 && !CommandDurations.TryInterval(words[0], out interval)))
        {
            request.ReplyUsage();
            return;
        }

        // A "heightened" interval longer than an hour would poll less, not more, than the sources' own schedules.
        if (until <= now || until - now > Longest || interval < Shortest || interval > TimeSpan.FromHours(1))
        {
            request.ReplyUsage(request.Text.HeightenedOutOfRange);
            return;
        }

        heightened.Start(until.Value, interval, request.Text.HeightenedReason(request.UserId));
        request.Reply(request.Text.HeightenedOn(renderer.Time(until.Value), CommandDurations.Format(interval, request.Text)));
    }

    private DateTimeOffset Zoned(DateTime local) =>
        new(local, zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));
}
