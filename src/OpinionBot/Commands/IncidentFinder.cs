using System.Globalization;
using System.Text.RegularExpressions;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.People;
using OpinionBot.Storage;
using Telegram.Bot.Types;

namespace OpinionBot.Commands;

/// <summary>Finds the incident a command means: by number (<c>2026-0042</c>, or <c>42</c> for this year) or by the card it replies to.</summary>
public sealed partial class IncidentFinder(OpinionDatabase db, TimeProvider time, TimeZoneInfo zone)
{
    public static bool LooksLikeNumber(string token) => Pattern().IsMatch(token);

    /// <summary>The stored form <c>YYYY-NNNN</c>; short forms are in the current year of the team's time zone.</summary>
    public string? Normalize(string token) => Normalize(token, TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Year);

    public static string? Normalize(string token, int currentYear)
    {
        var match = Pattern().Match(token);
        if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
        {
            return null;
        }

        var year = match.Groups[1].Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : currentYear;
        return string.Create(CultureInfo.InvariantCulture, $"{year}-{number:0000}");
    }

    public Incident? ByNumber(string token) => Normalize(token) is { } number ? db.Read(s => s.Incidents.Find(number)) : null;

    /// <summary>The incident whose card the message replies to, in this chat.</summary>
    public Incident? ByCard(Message message)
    {
        if (message.ReplyToMessage is not { } replied)
        {
            return null;
        }

        var chatId = message.Chat.Id;
        var card = db.Read(s => s.Cards.AtMessage(chatId, replied.MessageId));
        return card is null ? null : db.Read(s => s.Incidents.Get(card.IncidentId));
    }

    [GeneratedRegex(@"^#?(?:(\d{4})-)?(\d{1,6})$")]
    private static partial Regex Pattern();
}
