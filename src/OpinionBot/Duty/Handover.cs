using System.Text;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Duty;

/// <summary>
/// Posts the handover (交班) to the team chat when a duty turn begins: who hands over to whom, and every open incident
/// with its deadline. The start of the last turn handed over is stored, so each change is announced exactly once,
/// across restarts too.
/// </summary>
public sealed class Handover(
    OpinionDatabase db,
    DutyRoster roster,
    Outbox outbox,
    CardRenderer renderer,
    IncidentLines lines,
    ChatLanguages languages,
    DirectNotices direct,
    IOptionsMonitor<ChatsOptions> chats)
{
    internal const string LastKey = "duty-last-handover";
    private const int MaxListed = 20;

    /// <summary>Posts the handover if a turn began since the last one; returns whether it did.</summary>
    public bool Tick() => db.Write(_ =>
    {
        if (roster.Now() is not { } turn || turn.Start.UtcTicks <= db.Read(s => s.Counters.Get(LastKey)))
        {
            return false;
        }

        var previous = roster.At(turn.Start - TimeSpan.FromTicks(1));
        var team = chats.CurrentValue.Team;
        outbox.Send(team, Compose(turn, previous, languages.For(team)));
        if (previous?.UserId != turn.UserId)
        {
            direct.Tell(turn.UserId, team, text => Compose(turn, previous, text));
        }

        db.Write(s => s.Counters.Set(LastKey, turn.Start.UtcTicks));
        return true;
    });

    /// <summary>The roster was changed by hand: the turn running now needs no handover of its own. Call inside a write.</summary>
    public void Acknowledge()
    {
        if (roster.Now() is { } turn && turn.Start.UtcTicks > db.Read(s => s.Counters.Get(LastKey)))
        {
            db.Write(s => s.Counters.Set(LastKey, turn.Start.UtcTicks));
        }
    }

    private string Compose(DutyTurn turn, DutyTurn? previous, Strings text)
    {
        var html = new StringBuilder(text.HandoverHeading(
            previous is { } before && before.UserId != turn.UserId ? renderer.Mention(before.UserId) : null,
            renderer.Mention(turn.UserId),
            turn.End is { } end ? renderer.Time(end) : null));
        var open = lines.Open();
        html.Append('\n').Append(open.Count == 0 ? text.HandoverNothingOpen : text.HandoverOpen(open.Count));
        foreach (var incident in open.Take(MaxListed))
        {
            html.Append("\n• ").Append(lines.Line(incident, text));
        }

        if (open.Count > MaxListed)
        {
            html.Append('\n').Append(text.AndMore(open.Count - MaxListed));
        }

        return html.ToString();
    }
}
