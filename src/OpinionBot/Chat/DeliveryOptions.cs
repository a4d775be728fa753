using Microsoft.Extensions.Options;

namespace OpinionBot.Chat;

/// <summary>
/// How fast the outbox may talk to Telegram, and when a flood of new incidents is grouped into one digest card.
/// The defaults sit under Telegram's published limits (20 messages a minute per group, 30 a second overall, about one a
/// second per private chat), so the sender paces itself instead of running into 429s.
/// </summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Messages and edits per group chat in any 60 seconds.</summary>
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>Messages per private chat in any second.</summary>
    public int PrivateMessagesPerSecond { get; set; } = 1;

    /// <summary>Calls to Telegram per second, all chats together.</summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>
    /// Slots of each group's minute kept free for 重大 cards, so one still goes out at once when a storm has used the
    /// rest.
    /// </summary>
    public int MajorReserve { get; set; } = 4;

    /// <summary>More new incidents than this for one chat within <see cref="DigestWindow"/> go out as a digest card.</summary>
    public int DigestAbove { get; set; } = 10;

    /// <summary>The window for <see cref="DigestAbove"/>, and the least time between two digests to one chat.</summary>
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// More deadline reminders than this waiting for one chat go out as one summary (see <see cref="ReminderDigests"/>).
    /// </summary>
    public int ReminderDigestAbove { get; set; } = 10;

    /// <summary>How long the first digest of a storm waits for more incidents to gather.</summary>
    public TimeSpan DigestGather { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When a chat's oldest waiting message has waited this long, the supervisors are told (and told again when it has
    /// caught up) and <c>/status</c> marks it (<see cref="DeliveryLagWatch"/>).
    /// </summary>
    public TimeSpan LagAlertAfter { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class DeliveryOptionsValidation : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var problems = new List<string>();
        if (options.GroupMessagesPerMinute < 1 || options.PrivateMessagesPerSecond < 1 || options.MessagesPerSecond < 1)
        {
            problems.Add("Delivery: GroupMessagesPerMinute, PrivateMessagesPerSecond and MessagesPerSecond must be at least 1.");
        }

        if (options.MajorReserve < 0 || options.MajorReserve >= options.GroupMessagesPerMinute)
        {
            problems.Add("Delivery:MajorReserve must be at least 0 and below GroupMessagesPerMinute.");
        }

        if (options.DigestAbove < 1 || options.ReminderDigestAbove < 1)
        {
            problems.Add("Delivery:DigestAbove and Delivery:ReminderDigestAbove must be at least 1.");
        }

        if (options.DigestWindow <= TimeSpan.Zero || options.DigestWindow > TimeSpan.FromHours(1) ||
            options.DigestGather < TimeSpan.Zero || options.DigestGather > options.DigestWindow)
        {
            problems.Add("Delivery:DigestWindow must be between 0 and 1 hour, and DigestGather between 0 and DigestWindow.");
        }

        if (options.LagAlertAfter <= TimeSpan.Zero)
        {
            problems.Add("Delivery:LagAlertAfter must be above 0.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
