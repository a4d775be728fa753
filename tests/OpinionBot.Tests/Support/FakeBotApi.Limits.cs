namespace OpinionBot.Tests.Support;

public sealed partial class FakeBotApi
{
    /// <summary>
    /// From now on, answers 429 with retry_after to sends and edits beyond Telegram's flood limits: per group chat
    /// <paramref name="groupPerMinute"/> in any 60 s, per private chat <paramref name="privatePerSecond"/> a second,
    /// <paramref name="overallPerSecond"/> a second in all. Null leaves a limit off.
    /// </summary>
    public void EnforceRateLimits(int? groupPerMinute = 20, int? privatePerSecond = 1, int? overallPerSecond = 30)
    {
        limits.GroupPerMinute = groupPerMinute;
        limits.PrivatePerSecond = privatePerSecond;
        limits.OverallPerSecond = overallPerSecond;
    }

    /// <summary>How many calls the enforced rate limits refused with 429.</summary>
    public int RateLimited => limits.Refused;
}
