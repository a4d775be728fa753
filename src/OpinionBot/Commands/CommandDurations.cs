using System.Globalization;
using OpinionBot.Chat;
using OpinionBot.People;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>Polling intervals as typed (<c>30s</c>, <c>2m</c>, <c>1h</c>) and as shown.</summary>
public static class CommandDurations
{
    public static bool TryInterval(string word, out TimeSpan interval)
    {
        interval = TimeSpan.Zero;
        var seconds = word.EndsWith('秒') ? word[..^1] : word.EndsWith('s') ? word[..^1] : null;
        if (seconds is not null)
        {
            var ok = int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            interval = TimeSpan.FromSeconds(n);
            return ok;
        }

        return CommandWords.TryDuration(word, out interval);
    }

    public static string Format(TimeSpan span, Strings text) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => text.IsChinese ? $"{span.TotalDays:0} 天" : $"{span.TotalDays:0}d",
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => text.IsChinese ? $"{span.TotalHours:0} 小时" : $"{span.TotalHours:0}h",
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => text.IsChinese ? $"{span.TotalMinutes:0} 分钟" : $"{span.TotalMinutes:0}m",
        _ => text.IsChinese ? $"{span.TotalSeconds:0} 秒" : $"{span.TotalSeconds:0}s",
    };
}
