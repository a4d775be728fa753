using System.Globalization;
using OpinionBot.Chat;
using OpinionBot.People;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace OpinionBot.Commands;

/// <summary>Finds the person a command names.</summary>
public sealed class PersonFinder(PeopleDirectory people)
{
    /// <summary>
    /// <c>@username</c> (of someone the bot has seen), a numeric user id, or a mention of someone without a username;
    /// with no token, the author of the message the command replies to. Remembers a mentioned person's name.
    /// </summary>
    public long? Find(Message message, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return message.ReplyToMessage?.From is { IsBot: false } author ? Remember(author) : null;
        }

        if (token.StartsWith('@'))
        {
            return people.FindByUsername(token);
        }

        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        var text = message.Text ?? "";
        var mention = message.Entities?.FirstOrDefault(e => e.Type == MessageEntityType.TextMention && e.User is not null &&
            e.Offset + e.Length <= text.Length && text.Substring(e.Offset, e.Length).StartsWith(token, StringComparison.Ordinal));
        return mention?.User is { } user ? Remember(user) : null;
    }

    /// <summary>Whether a word names a person rather than something else (a department, a grade).</summary>
    public static bool LooksLikePerson(string token) => token.StartsWith('@') || (token.Length > 0 && token.All(char.IsAsciiDigit));

    private long Remember(User user)
    {
        people.Remember(user.Id, user.FirstName, user.LastName, user.Username);
        return user.Id;
    }
}
