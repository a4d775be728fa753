using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Storage;

namespace OpinionBot.Scheduling;

/// <summary>
/// Starts and ends heightened periods (重点时段) from the chat: stores the period, reschedules every source at once and
/// tells the team. <see cref="Tick"/> (from the minute job) posts the end notice once when a period simply runs out.
/// </summary>
public sealed class HeightenedSwitch(
    HeightenedPeriods periods,
    OpinionDatabase db,
    Outbox outbox,
    ChatLanguages languages,
    CardRenderer renderer,
    IOptionsMonitor<ChatsOptions> chats,
    SourceJobs jobs,
    TimeProvider time)
{
    public HeightenedPeriod Start(DateTimeOffset until, TimeSpan interval, string? reason)
    {
        var period = periods.Start(until, interval, reason);
        Notify(text => text.HeightenedStarted(renderer.Time(until), Commands.CommandDurations.Format(interval, text)));
        _ = jobs.RescheduleAll();
        return period;
    }

    /// <summary>Ends the period in force; false when there was none.</summary>
    public bool End()
    {
        var active = periods.Current() is not null;
        periods.End();
        if (active)
        {
            Notify(text => text.HeightenedEnded);
            _ = jobs.RescheduleAll();
        }

        return active;
    }

    /// <summary>Posts the end notice of a period that ran out (once: the stored period is removed); true when it did.</summary>
    public bool Tick() => db.Write(s =>
    {
        var stored = s.HeightenedPeriods.Stored();
        if (stored is null || stored.IsActive(time.GetUtcNow()))
        {
            return false;
        }

        s.HeightenedPeriods.Clear();
        Notify(text => text.HeightenedExpired);
        return true;
    });

    private void Notify(Func<Text.Strings, string> html)
    {
        var team = chats.CurrentValue.Team;
        db.Write(_ => outbox.Send(team, html(languages.For(team))));
    }
}
