using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>What someone typed, shown back in a reply: escaped and capped, so an echo never pushes a reply past Telegram's limit.</summary>
public static class TypedText
{
    /// <summary>Longest piece of typed text a reply repeats (characters before the ellipsis).</summary>
    public const int MaxEcho = 80;

    public static string Echo(string? typed) => CardRenderer.Html(CardRenderer.Shorten(typed ?? "", MaxEcho));
}
