using System.Text.RegularExpressions;
using OpinionBot.Chat;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary><c>/name@botname arguments</c>, as typed or picked from the menu. The name is case-insensitive.</summary>
public sealed partial record CommandLine(string Name, string? BotName, string Arguments)
{
    public static bool TryParse(string? text, out CommandLine line)
    {
        line = new CommandLine("", null, "");
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        line = new CommandLine(
            match.Groups[1].Value.ToLowerInvariant(),
            match.Groups[2].Success ? match.Groups[2].Value : null,
            match.Groups[3].Value.Trim());
        return true;
    }

    // Whatever follows the name is the arguments, even without a space ("/incidents重大").
    [GeneratedRegex(@"^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(.*)$", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
