using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>Operational notices (source health, heightened periods) for the supervisors' chat, or the team chat without one.</summary>
public sealed class SupervisorNotices(OpinionDatabase db, Outbox outbox, IOptionsMonitor<ChatsOptions> chats, IOptionsMonitor<MonitoringOptions> monitoring)
{
    /// <summary>Queues a notice; the text is plain and HTML-escaped here.</summary>
    public void Post(Func<Strings, string> text)
    {
        var configured = chats.CurrentValue;
        var chatId = configured.Supervisors != 0 ? configured.Supervisors : configured.Team;
        var html = CardRenderer.Html(text(Strings.For(monitoring.CurrentValue.Culture)));
        db.Write(_ => outbox.Send(chatId, html));
    }
}
