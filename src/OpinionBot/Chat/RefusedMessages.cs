using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// A message Telegram refused for good (bad markup, a file too big, a message too long) is given up; the supervisors hear
/// of it, at most once an hour per chat so a broken template does not flood them, and <c>/status</c> counts it. A refusal
/// in the supervisors' own chat is only logged and counted: telling them there would be refused the same way.
/// </summary>
public sealed class RefusedMessages(ChatAlerts alerts, ChatPlaces places, IOptionsMonitor<ChatsOptions> chats, TimeProvider time)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromHours(1);
    private readonly Dictionary<long, DateTimeOffset> _told = [];
    private readonly Lock _gate = new();

    /// <summary>Tells the supervisors of a refused message unless they heard of this chat within the hour. Joins the caller's write.</summary>
    public void Refused(OutboxMessage message, string error) =>
        Tell(message, text => text.MessageRefused(places.Describe(message.ChatId, text), message.ChatId,
            CardRenderer.Html(message.FileName ?? (message.IncidentId is not null ? text.RefusedCard : text.RefusedMessage)), Short(error)));

    /// <summary>The same for a file that could not be made (see <see cref="FileMaking"/>). Joins the caller's write.</summary>
    public void NotMade(OutboxMessage message, string error) =>
        Tell(message, text => text.FileNotMadeNotice(places.Describe(message.ChatId, text), CardRenderer.Html(message.FileName ?? ""), Short(error)));

    private static string Short(string error) => CardRenderer.Html(error.Length > 300 ? error[..300] + "…" : error);

    private void Tell(OutboxMessage message, Func<Strings, string> html)
    {
        ArgumentNullException.ThrowIfNull(message);
        var configured = chats.CurrentValue;
        var alertsChat = configured.Supervisors != 0 ? configured.Supervisors : configured.Team;
        if (message.ChatId == alertsChat)
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_told.TryGetValue(message.ChatId, out var last) && now - last < Quiet)
            {
                return;
            }

            _told[message.ChatId] = now;
        }

        alerts.Tell(html);
    }
}
