using OpinionBot.People;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Chat;

/// <summary>
/// Messages addressed to one person. Telegram lets a bot write privately only to people who started it, so those get
/// a private message; for anyone else the group is told, once per person, to start the bot privately.
/// </summary>
public sealed class DirectNotices(OpinionDatabase db, Outbox outbox, ChatLanguages languages, CardRenderer renderer)
{
    /// <summary>Queues the message privately, or the one-time hint in the group. Joins the caller's write.</summary>
    public void Tell(long userId, long groupChatId, Func<Strings, string> html, ReminderNote? reminder = null) => db.Write(s =>
    {
        if (userId <= 0)
        {
            return;
        }

        var person = s.People.Find(userId) ?? new Person { Id = userId };
        if (person.StartedPrivately)
        {
            outbox.Send(userId, html(languages.For(userId)), reminder: reminder);
            return;
        }

        if (person.AskedToStart || groupChatId == 0)
        {
            return;
        }

        person.AskedToStart = true;
        s.People.Save(person);
        outbox.Send(groupChatId, languages.For(groupChatId).StartBotPrivately(renderer.Mention(userId)));
    });
}
